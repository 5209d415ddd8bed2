"""The staff pages: download a visit's document; upload one, see the preview, confirm."""

import io
import json
import re

import pytest
from sqlalchemy import select

from tests.imports.conftest import row_counts
from visits.exports.visit_document import to_json
from visits.models import Visit


def _upload(client, document: dict | bytes, name: str = "visit.json"):
    data = document if isinstance(document, bytes) else to_json(document).encode("utf-8")
    return client.post(
        "/imports/?lang=en",  # the messages are checked in English
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


pytestmark = pytest.mark.usefixtures("instance_in_tmp")


def _token(page: str) -> str:
    return re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)


def test_download_is_an_attachment_named_by_the_visit(viewer_client, rich_visit) -> None:
    response = viewer_client.get(f"/imports/visits/{rich_visit.id}.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="visit-{rich_visit.id}.json"'
    assert response.get_json()["format"] == "visits.visit"
    assert viewer_client.get("/imports/visits/999.json").status_code == 404


def test_upload_preview_confirm(staff_client, db, rich_document) -> None:
    assert staff_client.get("/imports/").status_code == 200
    preview = _upload(staff_client, rich_document)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Visit of the Altai Krai delegation to East Kazakhstan Region" in page
    assert "Yerbol Nurgaliev" in page and "«Yertis Concert»" in page
    assert db.session.scalar(select(Visit.id)) is None  # nothing saved by the preview

    confirmed = staff_client.post("/imports/confirm", data={"token": _token(page)})
    assert confirmed.status_code == 302
    visit = db.session.scalar(select(Visit))
    assert confirmed.headers["Location"].endswith(f"/visits/{visit.id}")
    assert len(visit.events) == 3 and len(visit.revisions) == 3
    shown = staff_client.get(f"/visits/{visit.id}")
    assert shown.status_code == 200

    # The parked file is gone: confirming again imports nothing more.
    again = staff_client.post("/imports/confirm", data={"token": _token(page)})
    assert again.status_code == 302 and again.headers["Location"].endswith("/imports/")
    assert len(db.session.scalars(select(Visit)).all()) == 1


@pytest.mark.isolated  # row counts read on a connection of their own
def test_preview_of_a_visit_imported_before_lists_its_events(staff_client, db, rich_document):
    page = _upload(staff_client, rich_document).get_data(as_text=True)
    staff_client.post("/imports/confirm", data={"token": _token(page)})
    before = row_counts(db.engine)
    refused = _upload(staff_client, rich_document)
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "demo-2025-04-21-concert@visits" in text
    assert row_counts(db.engine) == before


def test_a_viewer_may_not_import(viewer_client, db, rich_document) -> None:
    assert viewer_client.get("/imports/").status_code == 403
    assert _upload(viewer_client, rich_document).status_code == 403
    assert viewer_client.post("/imports/confirm", data={"token": "x" * 32}).status_code == 403
    assert db.session.scalar(select(Visit.id)) is None


@pytest.mark.isolated  # row counts read on a connection of their own
def test_errors_are_listed_with_422_and_nothing_is_created(staff_client, db, rich_document):
    rich_document["events"][0]["kind"] = "party"
    rich_document["stays"][0]["check_in"] = "someday"
    before = row_counts(db.engine)
    response = _upload(staff_client, rich_document)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "events[0].kind: must be one of" in page
    assert "stays[0].check_in: must be a date" in page
    assert 'name="token"' not in page
    assert row_counts(db.engine) == before


def test_malformed_empty_and_oversized_files(app, staff_client, db) -> None:
    malformed = _upload(staff_client, b'{"format": "visits.visit",\n  oops}')
    assert malformed.status_code == 422
    assert "line 2, column 3" in malformed.get_data(as_text=True)

    empty = _upload(staff_client, b"")
    assert empty.status_code == 422

    app.config["IMPORT_MAX_BYTES"] = 2048
    large = _upload(staff_client, json.dumps({"x": "y" * 4096}).encode())
    assert large.status_code == 422
    assert "2 KB" in large.get_data(as_text=True)


def test_an_upload_without_a_file(staff_client) -> None:
    response = staff_client.post("/imports/", data={}, content_type="multipart/form-data")
    assert response.status_code == 422


@pytest.mark.isolated  # row counts read on a connection of their own
def test_two_previews_of_one_document_import_it_once(staff_client, db, rich_document) -> None:
    first = _token(_upload(staff_client, rich_document).get_data(as_text=True))
    second = _token(_upload(staff_client, rich_document).get_data(as_text=True))
    assert staff_client.post("/imports/confirm", data={"token": first}).status_code == 302
    before = row_counts(db.engine)
    late = staff_client.post("/imports/confirm?lang=en", data={"token": second})
    assert late.status_code == 422
    assert "imported before" in late.get_data(as_text=True)
    assert row_counts(db.engine) == before


def test_json_too_deep_or_with_too_long_a_number(staff_client, db) -> None:
    deep = _upload(staff_client, b"[" * 100_000 + b"]" * 100_000)
    assert deep.status_code == 422
    assert "nested too deeply" in deep.get_data(as_text=True)
    long_number = _upload(staff_client, b'{"version": 1' + b"0" * 5000 + b"}")
    assert long_number.status_code == 422
    assert "more than 4,300 digits" in long_number.get_data(as_text=True)
