"""The four callers of the import flow (the visit import page, the agenda import page, the
API and the command) behave alike: a refused file saves nothing and its parked upload is
dropped; a database error while applying saves nothing and keeps the parked upload for a
second try; an import that loses a race is refused with the importer's message."""

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, OperationalError

from tests.api.conftest import assert_problem
from tests.imports.conftest import row_counts
from visits.demo import demo_document, load_demo
from visits.models import Event, LocalizedText

# They count rows through other connections: their commits must be real.
pytestmark = pytest.mark.isolated

CSV = (
    "date,start,end,title,kind,venue,participants,notes\n"
    "2025-04-21,10:00,11:00,Встреча с акимом,meeting,Акимат,Иванов И. И.,\n"
    "2025-04-21,19:00,21:00,Концерт,concert,Драмтеатр,,\n"
).encode()
DOCUMENT_CONFLICT = "This visit was imported by someone else meanwhile. Nothing was saved."
AGENDA_CONFLICT = "Some of these events were saved meanwhile. Nothing was imported."
EN = {"Accept-Language": "en"}


@contextmanager
def failing_event_insert(error: Exception) -> Iterator[None]:
    """Every event insert fails with `error`, after the records it needs were flushed."""

    def before_insert(_mapper, _connection, _target) -> None:
        raise error

    event.listen(Event, "before_insert", before_insert)
    try:
        yield
    finally:
        event.remove(Event, "before_insert", before_insert)


def outage() -> OperationalError:
    return OperationalError("INSERT INTO events", {}, Exception("server closed the connection"))


def lost_race() -> IntegrityError:
    return IntegrityError("INSERT INTO events", {}, Exception("duplicate key value (uid)"))


def _token(response) -> str:
    page = response.get_data(as_text=True)
    return re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)


class DocumentPage:
    def __init__(self, client) -> None:
        self.client = client

    def preview(self) -> str:
        data = {"file": (io.BytesIO(demo_document().data), "visit.json")}
        response = self.client.post(
            "/imports/?lang=en", data=data, content_type="multipart/form-data"
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        return _token(response)

    def confirm(self, token: str):
        return self.client.post("/imports/confirm?lang=en", data={"token": token})


class AgendaPage:
    def __init__(self, client, visit) -> None:
        self.client, self.url = client, f"/visits/{visit.id}/import"

    def preview(self) -> str:
        data = {"file": (io.BytesIO(CSV), "agenda.csv")}
        response = self.client.post(
            f"{self.url}?lang=en", data=data, content_type="multipart/form-data"
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        return _token(response)

    def confirm(self, token: str):
        return self.client.post(f"{self.url}/confirm?lang=en", data={"token": token})


@pytest.fixture
def agenda_visit(make_visit):
    return make_visit()


@pytest.fixture
def pages(staff_client, agenda_visit):
    return {
        "document": DocumentPage(staff_client),
        "agenda": AgendaPage(staff_client, agenda_visit),
    }


def _file(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# --- a refused file --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["document", "agenda"])
def test_a_page_refusing_at_confirmation_saves_nothing_and_drops_the_upload(
    db, pages, agenda_visit, make_event, kind
):
    page = pages[kind]
    token = page.preview()
    # Meanwhile the same records were saved: the file is refused now.
    if kind == "document":
        load_demo(db.session)
        db.session.commit()
    else:
        make_event(
            agenda_visit, date(2025, 4, 21), time(19), time(21), title=LocalizedText(ru="Концерт")
        )
    before = row_counts(db.engine)
    refused = page.confirm(token)
    assert refused.status_code == 422
    assert 'name="token"' not in refused.get_data(as_text=True)
    assert row_counts(db.engine) == before
    gone = page.confirm(token)  # the parked file was dropped with the refusal
    assert gone.status_code == 302
    assert row_counts(db.engine) == before


def test_the_api_and_the_command_refuse_the_same_files(api, runner, db, agenda_visit, tmp_path):
    load_demo(db.session)
    db.session.commit()
    before = row_counts(db.engine)
    body = assert_problem(
        api.post(
            "/api/v1/imports/visits",
            data=demo_document().data,
            content_type="application/json",
            headers=EN,
        ),
        422,
    )
    assert "imported before" in body["errors"][0]["detail"]
    result = runner.invoke(args=["import", _file(tmp_path, "demo.json", demo_document().data)])
    assert result.exit_code == 1 and "demo.json: This visit was imported before" in result.stderr

    bad = CSV.replace(b"2025-04-21,19:00", b"21st April,19:00")
    url = f"/api/v1/visits/{agenda_visit.id}/agenda"
    assert_problem(api.post(url, data={"file": (io.BytesIO(bad), "agenda.csv")}), 422)
    path = _file(tmp_path, "agenda.csv", bad)
    result = runner.invoke(args=["import", "--visit", str(agenda_visit.id), path])
    assert result.exit_code == 1 and result.stderr.startswith("agenda.csv: row 3")
    assert row_counts(db.engine) == before


# --- a database outage while applying ----------------------------------------------------


@pytest.mark.parametrize("kind", ["document", "agenda"])
def test_a_page_keeps_the_upload_through_a_database_outage(db, pages, kind):
    page = pages[kind]
    token = page.preview()
    before = row_counts(db.engine)
    with failing_event_insert(outage()):
        response = page.confirm(token)
    assert response.status_code == 503
    assert row_counts(db.engine) == before
    # The parked file is still there: confirming again once the database is back saves it.
    assert page.confirm(token).status_code == 302
    assert row_counts(db.engine)["events"] > before["events"]


def test_the_api_and_the_command_save_nothing_through_a_database_outage(
    api, runner, db, agenda_visit, tmp_path
):
    before = row_counts(db.engine)
    with failing_event_insert(outage()):
        document = api.post(
            "/api/v1/imports/visits",
            data=demo_document().data,
            content_type="application/json",
            headers=EN,
        )
        agenda = api.post(
            f"/api/v1/visits/{agenda_visit.id}/agenda",
            data={"file": (io.BytesIO(CSV), "agenda.csv")},
            headers=EN,
        )
        by_command = runner.invoke(
            args=["import", _file(tmp_path, "demo.json", demo_document().data)]
        )
    assert document.status_code == agenda.status_code == 503
    assert by_command.exit_code == 1
    assert by_command.stderr.startswith("The import failed and nothing was saved")
    assert row_counts(db.engine) == before


# --- an import that lost the race to another ---------------------------------------------


@pytest.mark.parametrize(
    ("kind", "message"), [("document", DOCUMENT_CONFLICT), ("agenda", AGENDA_CONFLICT)]
)
def test_a_lost_race_is_the_importers_refusal_on_every_caller(
    api, runner, db, pages, agenda_visit, tmp_path, kind, message
):
    token = pages[kind].preview()
    before = row_counts(db.engine)
    if kind == "document":

        def by_api():
            return api.post(
                "/api/v1/imports/visits",
                data=demo_document().data,
                content_type="application/json",
                headers=EN,
            )

        args = ["import", _file(tmp_path, "demo.json", demo_document().data)]
        name = "demo.json"
    else:

        def by_api():
            return api.post(
                f"/api/v1/visits/{agenda_visit.id}/agenda",
                data={"file": (io.BytesIO(CSV), "agenda.csv")},
                headers=EN,
            )

        args = ["import", "--visit", str(agenda_visit.id), _file(tmp_path, "a.csv", CSV)]
        name = "a.csv"
    with failing_event_insert(lost_race()):
        page = pages[kind].confirm(token)
        body = assert_problem(by_api(), 409)
        by_command = runner.invoke(args=args)
    assert page.status_code == 409 and message in page.get_data(as_text=True)
    assert body["errors"][0]["detail"] == message
    assert by_command.exit_code == 1 and by_command.stderr == f"{name}: {message}\n"
    assert row_counts(db.engine) == before
    assert pages[kind].confirm(token).status_code == 302  # refused: the upload was dropped
