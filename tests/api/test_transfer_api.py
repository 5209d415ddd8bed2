"""Whole visits and draft agendas through the API: export, import (dry run first), all or
nothing, with every problem named."""

import io
import json

from visits.demo import load_demo
from visits.models import Event, Venue, Visit

from .conftest import assert_problem


def test_export_then_import_into_an_emptied_database(api, db):
    visit = load_demo(db.session)
    db.session.commit()
    exported = api.get(f"/api/v1/visits/{visit.id}/document")
    assert exported.status_code == 200 and exported.content_type == "application/json"
    document = exported.get_json()
    assert document["format"] == "visits.visit" and document["version"] == 1
    # The same database refuses it: its events are here already.
    refused = assert_problem(api.post("/api/v1/imports/visits", json=document), 422)
    assert refused["errors"] and db.session.query(Visit).count() == 1

    api.delete(f"/api/v1/visits/{visit.id}")
    db.session.expire_all()
    preview = api.post("/api/v1/imports/visits", json=document, query_string={"dry_run": 1})
    assert preview.status_code == 200 and preview.get_json()["dry_run"] is True
    assert db.session.query(Visit).count() == 0
    created = api.post("/api/v1/imports/visits", json=document)
    assert created.status_code == 201, created.get_json()
    new_id = created.get_json()["visit_id"]
    again = api.get(f"/api/v1/visits/{new_id}/document").get_json()
    assert again == document


def test_bad_documents_are_named_and_nothing_is_saved(api, db):
    bad_json = api.post(
        "/api/v1/imports/visits",
        data='{"format": ',
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    body = assert_problem(bad_json, 422)
    assert "line 1" in body["errors"][0]["detail"]
    wrong = assert_problem(
        api.post("/api/v1/imports/visits", json={"format": "visits.visit", "version": 99}), 422
    )
    assert "99" in wrong["errors"][0]["detail"]
    assert db.session.query(Visit).count() == 0


def test_unknown_visit_404(api):
    assert_problem(api.get("/api/v1/visits/999/document"), 404)
    upload = {"file": (io.BytesIO(b"x"), "a.csv")}
    assert_problem(api.post("/api/v1/visits/999/agenda", data=upload), 404)


CSV = (
    "date,start,end,title,kind,venue,participants,notes\n"
    "2025-04-21,10:00,11:00,Встреча с акимом,meeting,Акимат,Иванов И. И.,\n"
    "2025-04-21,19:00,21:00,Концерт,concert,Драмтеатр,,\n"
)


def test_agenda_dry_run_then_import(api, db, make_visit):
    visit = make_visit()

    def upload(text):
        return {"file": (io.BytesIO(text.encode()), "agenda.csv")}

    preview = api.post(
        f"/api/v1/visits/{visit.id}/agenda", data=upload(CSV), query_string={"dry_run": "true"}
    )
    assert preview.status_code == 200, preview.get_json()
    planned = preview.get_json()
    assert [event["title"] for event in planned["events"]] == ["Встреча с акимом", "Концерт"]
    # 10:00 in Almaty, UTC+5 since March 2024
    assert planned["events"][0]["starts_at"].startswith("2025-04-21T05:00:00")
    assert set(planned["new_venues"]) == {"Акимат", "Драмтеатр"}
    assert db.session.query(Event).count() == 0
    created = api.post(f"/api/v1/visits/{visit.id}/agenda", data=upload(CSV))
    assert created.status_code == 201, created.get_json()
    assert len(created.get_json()["event_ids"]) == 2
    assert db.session.query(Venue).count() == 2


def test_agenda_problems_name_the_row(api, db, make_visit):
    visit = make_visit()
    bad = CSV.replace("2025-04-21,19:00", "21st April,19:00")
    response = api.post(
        f"/api/v1/visits/{visit.id}/agenda",
        data={"file": (io.BytesIO(bad.encode()), "agenda.csv")},
    )
    body = assert_problem(response, 422)
    details = " ".join(error["detail"] for error in body["errors"])
    assert "3" in details and body["errors"][0]["pointer"] == "/file"
    assert db.session.query(Event).count() == 0 and db.session.query(Venue).count() == 0


def test_viewer_cannot_import(viewer_api, db, make_visit):
    visit = make_visit()
    upload = {"file": (io.BytesIO(CSV.encode()), "agenda.csv")}
    assert_problem(viewer_api.post(f"/api/v1/visits/{visit.id}/agenda", data=upload), 403)
    assert_problem(viewer_api.post("/api/v1/imports/visits", json={}), 403)
    assert viewer_api.get(f"/api/v1/visits/{visit.id}/document").status_code == 200
    assert json.loads(viewer_api.get(f"/api/v1/visits/{visit.id}/document").data)["format"]
