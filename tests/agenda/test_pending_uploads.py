"""A previewed import waits in the database: any host finds it, until it expires."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from tests.agenda.test_views import CSV, counts, upload
from tests.conftest import _prepare, sign_in
from visits import create_app
from visits.config import TestConfig
from visits.extensions import db as _db
from visits.models import Event, PendingUpload, User
from visits.orm import utcnow


def _token(page: str) -> str:
    return re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)


@pytest.fixture
def visit(db, make_visit):
    return make_visit()


@pytest.mark.isolated  # two app objects on one database see each other's commits
def test_a_preview_parked_by_one_host_is_confirmed_on_another(app, db, make_user, visit, tmp_path):
    editor = make_user()
    first = app.test_client()
    sign_in(first, editor)
    token = _token(upload(first, visit, CSV, "agenda.csv").get_data(as_text=True))
    assert not (tmp_path / "instance" / "pending-uploads").exists()  # nothing on local disk

    other = _prepare(
        create_app(TestConfig(str(tmp_path / "other"), app.config["SQLALCHEMY_DATABASE_URI"]))
    )
    try:
        second = other.test_client()
        sign_in(second, db.session.get(User, editor.id))
        done = second.post(f"/visits/{visit.id}/import/confirm", data={"token": token})
        assert done.status_code == 302 and done.headers["Location"].endswith(f"/visits/{visit.id}")
    finally:
        with other.app_context():
            _db.session.remove()
            _db.engine.dispose()
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Event)) == 2
    assert db.session.scalar(select(func.count()).select_from(PendingUpload)) == 0


def test_an_expired_preview_is_refused_with_a_message(staff_client, db, visit) -> None:
    token = _token(upload(staff_client, visit, CSV, "agenda.csv").get_data(as_text=True))
    past = utcnow() - timedelta(seconds=1)
    db.session.execute(update(PendingUpload).values(expires_at=past))
    db.session.commit()

    refused = staff_client.post(
        f"/visits/{visit.id}/import/confirm?lang=en", data={"token": token}, follow_redirects=True
    )
    page = refused.get_data(as_text=True)
    assert "was kept for 60 minutes and has expired. Please upload it again." in page
    assert counts(db)[0] == 0

    # Parking the next upload removes the expired one.
    upload(staff_client, visit, CSV, "agenda.csv")
    kept = db.session.scalars(select(PendingUpload.key)).all()
    assert len(kept) == 1 and token not in kept


def test_a_preview_is_kept_for_its_own_kind_of_import_only(staff_client, db, visit) -> None:
    token = _token(upload(staff_client, visit, CSV, "agenda.csv").get_data(as_text=True))
    refused = staff_client.post("/imports/confirm?lang=en", data={"token": token})
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/imports/")
    assert db.session.get(PendingUpload, token) is not None
