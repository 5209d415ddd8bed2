"""The revisions resource: issue a revision of a visit's programme, list them, read one
with its snapshot; issued revisions are fixed."""

from datetime import date, time

from visits.models import LocalizedText, ProgrammeRevision

from .conftest import assert_problem


def test_issue_list_and_read_with_the_snapshot(api, db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11),
                       title=LocalizedText(ru="Встреча", en="Meeting"))  # fmt: skip
    url = f"/api/v1/visits/{visit.id}/revisions"
    issued = api.post(url, json={"comment": "  Первая рассылка  "})
    assert issued.status_code == 201, issued.get_json()
    revision = issued.get_json()
    assert revision["number"] == 1 and revision["comment"] == "Первая рассылка"
    assert revision["issued_by"] == "api-editor@example.org"
    [row] = revision["rows"]
    assert row["key"] == event.uid and row["title"]["en"] == "Meeting"
    assert row["starts_at"] == "2025-04-21T05:00:00+00:00" and row["status"] == "confirmed"

    assert_problem(api.post(url, json={}), 409)  # nothing changed since
    event.title = LocalizedText(ru="Встреча с акимом")
    db.session.commit()
    second = api.post(url, json={}).get_json()
    assert second["number"] == 2 and second["comment"] is None

    page = api.get(url).get_json()
    assert [r["number"] for r in page["items"]] == [2, 1] and page["total"] == 2
    assert "rows" not in page["items"][0]
    read = api.get(f"/api/v1/revisions/{revision['id']}").get_json()
    assert read == revision
    assert (
        api.get(url, query_string={"per_page": 1, "page": 2}).get_json()["items"][0]["number"] == 1
    )


def test_issued_revisions_are_fixed(api, make_visit, make_event):
    visit = make_visit()
    make_event(visit, date(2025, 4, 21), time(10), time(11))
    revision = api.post(f"/api/v1/visits/{visit.id}/revisions", json={}).get_json()
    assert_problem(api.put(f"/api/v1/revisions/{revision['id']}", json={}), 405)
    assert_problem(api.delete(f"/api/v1/revisions/{revision['id']}"), 405)


def test_bad_input_and_unknown_records(api, db, make_visit):
    visit = make_visit()
    url = f"/api/v1/visits/{visit.id}/revisions"
    assert_problem(api.post(url, json={"comment": "x" * 2001}), 422)
    assert_problem(api.post(url, json={"comment": "a\x00b"}), 422)
    lone = '{"comment": "\\ud800"}'
    assert_problem(api.post(url, data=lone, content_type="application/json"), 422)
    assert_problem(api.post(url, json={"number": 7}), 422)
    assert_problem(api.post("/api/v1/visits/999/revisions", json={}), 404)
    assert_problem(api.get("/api/v1/visits/999/revisions"), 404)
    assert_problem(api.get("/api/v1/revisions/999"), 404)
    assert db.session.query(ProgrammeRevision).count() == 0


def test_viewer_reads_but_does_not_issue(viewer_api, db, make_visit):
    visit = make_visit()
    assert viewer_api.get(f"/api/v1/visits/{visit.id}/revisions").status_code == 200
    assert_problem(viewer_api.post(f"/api/v1/visits/{visit.id}/revisions", json={}), 403)
    assert db.session.query(ProgrammeRevision).count() == 0
