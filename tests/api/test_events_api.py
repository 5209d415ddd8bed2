"""The events resource: times with offsets, participants in order, the event form's checks,
the version on update, and filters."""

import json
from datetime import date, time

import pytest

from visits.models import Event, LocalizedText, Organization, Person, Venue

from .conftest import assert_problem, pointers

URL = "/api/v1/events/"


@pytest.fixture
def cast(db):
    """Two people, a group and a venue (ids 1, 2; 1; 1)."""
    people = [Person(full_name=LocalizedText(ru=name)) for name in ("Аким", "Солист")]
    group = Organization(name=LocalizedText(ru="«Сибирь»"))
    venue = Venue(name=LocalizedText(ru="Акимат"))
    db.session.add_all([*people, group, venue])
    db.session.commit()
    return people, group, venue


def event_body(visit, **overrides):
    """A meeting on 21 April 2025, 10:00–11:00 in Ust-Kamenogorsk (UTC+5)."""
    return {
        "visit_id": visit.id,
        "kind": "meeting",
        "title": {"ru": "Встреча с акимом", "en": "Meeting with the akim"},
        "starts_at": "2025-04-21T10:00:00+05:00",
        "ends_at": "2025-04-21T11:00:00+05:00",
        "status": "confirmed",
    } | overrides


def test_create_get_and_list(api, make_visit, cast):
    visit = make_visit()
    people, group, venue = cast
    body = event_body(
        visit,
        venue_id=venue.id,
        participants=[
            {"person_id": people[1].id, "role": "performer"},
            {"organization_id": group.id, "role": "performer", "side": "host"},
            {"person_id": people[0].id, "role": "host"},
        ],
    )
    created = api.post(URL, json=body)
    assert created.status_code == 201, created.get_json()
    event = created.get_json()
    assert event["starts_at"] == "2025-04-21T05:00:00+00:00"
    assert event["local_start"] == "2025-04-21T10:00:00+05:00"
    assert event["local_end"] == "2025-04-21T11:00:00+05:00"
    assert event["timezone"] == "Asia/Almaty"
    assert event["version"] == 1 and event["sequence"] == 0 and event["uid"].endswith("@visits")
    assert [(p["person_id"], p["organization_id"], p["role"], p["side"])
            for p in event["participants"]] == [
        (people[1].id, None, "performer", "guest"),
        (None, group.id, "performer", "host"),
        (people[0].id, None, "host", "host"),
    ]  # fmt: skip
    assert event["participants"][0]["name"]["ru"] == "Солист"
    assert api.get(f"{URL}{event['id']}").get_json() == event
    page = api.get(URL, query_string={"visit": visit.id}).get_json()
    assert page["total"] == 1 and page["items"][0] == event


def test_filters(api, db, make_visit, make_event, cast):
    visit, other = make_visit(), make_visit()
    people, _group, venue = cast
    morning = make_event(visit, date(2025, 4, 21), time(10), time(11), venue=venue)
    evening = make_event(visit, date(2025, 4, 21), time(19), time(21))
    next_day = make_event(visit, date(2025, 4, 22), time(9), time(10))
    elsewhere = make_event(other, date(2025, 4, 21), time(10), time(11))
    api.put(f"{URL}{evening.id}", json=event_body(
        visit, version=1, kind="concert", starts_at="2025-04-21T19:00:00+05:00",
        ends_at="2025-04-21T21:00:00+05:00", participants=[{"person_id": people[1].id}],
    ))  # fmt: skip

    def ids(**query):
        response = api.get(URL, query_string=query)
        assert response.status_code == 200, response.get_json()
        return [item["id"] for item in response.get_json()["items"]]

    assert ids() == [morning.id, elsewhere.id, evening.id, next_day.id]
    assert ids(visit=visit.id) == [morning.id, evening.id, next_day.id]
    assert ids(visit=visit.id, **{"from": "2025-04-22"}) == [next_day.id]
    assert ids(visit=visit.id, to="2025-04-21") == [morning.id, evening.id]
    # Overlapping the range: the morning meeting runs 10:00–11:00 local (05:00–06:00 UTC).
    assert ids(**{"from": "2025-04-21T10:30:00+05:00", "to": "2025-04-21T19:00:00+05:00"}) == [
        morning.id, elsewhere.id
    ]  # fmt: skip
    assert ids(person=people[1].id) == [evening.id]
    assert ids(venue=venue.id) == [morning.id]
    assert ids(kind="concert") == [evening.id]
    assert ids(status="cancelled") == []
    for bad in ({"from": "2025-04-21T10:00"}, {"to": "21.04.2025"}, {"kind": "party"},
                {"visit": 0}, {"from": "0001-01-01T00:00:00+05:00"}):  # fmt: skip
        assert_problem(api.get(URL, query_string=bad), 422)
    assert ids(**{"from": "0001-01-01", "to": "9999-12-31"}) == ids()


def test_pagination(api, make_visit, make_event):
    visit = make_visit()
    for hour in range(9, 16):
        make_event(visit, date(2025, 4, 21), time(hour), time(hour, 30))
    page = api.get(URL, query_string={"per_page": 3, "page": 3}).get_json()
    assert page["total"] == 7 and page["page"] == 3 and len(page["items"]) == 1
    assert_problem(api.get(URL, query_string={"per_page": 1000}), 422)


def test_field_errors_are_named(api, db, make_visit):
    visit = make_visit()
    body = assert_problem(
        api.post(URL, json=event_body(
            visit, title={"kk": "Кездесу"}, kind="party", vehicles="x" * 301,
            starts_at="yesterday", participants=[{"person_id": 1, "organization_id": 1}],
        )),
        422,
    )  # fmt: skip
    assert {"/title/ru", "/kind", "/vehicles", "/starts_at"} <= pointers(body)
    body = assert_problem(api.post(URL, json=event_body(visit, title={"ru": "   "})), 422)
    assert "/title/ru" in pointers(body)
    body = assert_problem(api.post(URL, json=event_body(visit, notes={"ru": "a\x00b"})), 422)
    assert "/notes/ru" in pointers(body)
    # A lone surrogate is valid JSON, but no database stores it.
    raw = json.dumps(event_body(visit, vehicles="\ud800", title={"ru": "a", "en": "\udfff"}))
    body = assert_problem(api.post(URL, data=raw, content_type="application/json"), 422)
    assert pointers(body) == {"/vehicles", "/title/en"}
    both = [{"person_id": 1, "organization_id": 1}]
    body = assert_problem(api.post(URL, json=event_body(visit, participants=both)), 422)
    assert "/participants/0/person_id" in pointers(body)
    body = assert_problem(
        api.post(URL, json=event_body(visit, participants=[{"person_id": 1, "role": "host",
                                                            "side": "guest"}])),
        422,
    )  # fmt: skip
    assert "/participants/0/side" in pointers(body)
    assert db.session.query(Event).count() == 0


def test_blank_optional_texts_are_none(api, make_visit):
    visit = make_visit()
    created = api.post(URL, json=event_body(visit, vehicles="  ", dress_code={"ru": ""}))
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["vehicles"] is None
    assert created.get_json()["dress_code"] == {"ru": None, "kk": None, "en": None}


def test_naive_and_out_of_range_times_are_refused(api, make_visit):
    visit = make_visit()
    naive = event_body(visit, starts_at="2025-04-21T10:00:00")
    body = assert_problem(api.post(URL, json=naive), 422)
    assert pointers(body) == {"/starts_at"}
    for moment in ("0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00", "0001-01-01T00:00Z"):
        body = assert_problem(api.post(URL, json=event_body(visit, ends_at=moment)), 422)
        assert pointers(body) == {"/ends_at"}


def test_times_are_checked_against_the_visit(api, db, make_visit):
    visit = make_visit()
    # 23:30 on 20 April in Almaty is still the 20th there, though 18:30 UTC.
    body = assert_problem(api.post(URL, json=event_body(
        visit, starts_at="2025-04-20T23:30:00+05:00", ends_at="2025-04-21T01:00:00+05:00"
    )), 422)  # fmt: skip
    assert pointers(body) == {"/starts_at"}
    # 00:30 local on the 21st is inside, though still the 20th in UTC.
    inside = api.post(URL, json=event_body(
        visit, starts_at="2025-04-20T19:30:00Z", ends_at="2025-04-20T20:30:00Z"
    ))  # fmt: skip
    assert inside.status_code == 201, inside.get_json()
    body = assert_problem(api.post(URL, json=event_body(
        visit, starts_at="2025-04-21T11:00:00+05:00", ends_at="2025-04-21T10:00:00+05:00"
    )), 422)  # fmt: skip
    assert pointers(body) == {"/ends_at"}
    assert db.session.query(Event).count() == 1


def test_unknown_references_are_named(api, db, make_visit, cast):
    visit = make_visit()
    people, group, _venue = cast
    body = assert_problem(api.post(URL, json=event_body(visit, visit_id=999)), 422)
    assert pointers(body) == {"/visit_id"}
    body = assert_problem(
        api.post(URL, json=event_body(
            visit, venue_id=999, responsible_id=998,
            participants=[{"person_id": people[0].id}, {"person_id": 997},
                          {"organization_id": 996}, {"organization_id": group.id}],
        )),
        422,
    )  # fmt: skip
    assert pointers(body) == {
        "/venue_id", "/responsible_id", "/participants/1/person_id",
        "/participants/2/organization_id",
    }  # fmt: skip
    body = assert_problem(
        api.post(URL, json=event_body(visit, participants=[{"person_id": people[0].id},
                                                           {"person_id": people[0].id}])),
        422,
    )  # fmt: skip
    assert pointers(body) == {"/participants/1/person_id"}
    assert db.session.query(Event).count() == 0


def test_update_needs_the_current_version(api, make_visit, cast):
    visit = make_visit()
    people, group, _venue = cast
    event = api.post(URL, json=event_body(
        visit, participants=[{"person_id": people[0].id}, {"organization_id": group.id}]
    )).get_json()  # fmt: skip
    item = f"{URL}{event['id']}"
    later = event_body(visit, version=1, starts_at="2025-04-21T12:00:00+05:00",
                       ends_at="2025-04-21T13:00:00+05:00")  # fmt: skip
    changed = api.put(item, json=later)
    assert changed.status_code == 200, changed.get_json()
    updated = changed.get_json()
    assert updated["version"] == 2 and updated["sequence"] == 1
    assert updated["local_start"] == "2025-04-21T12:00:00+05:00"
    assert len(updated["participants"]) == 2  # omitted: left as they were
    stale = assert_problem(api.put(item, json=later), 409)
    assert stale["current_version"] == 2
    missing = assert_problem(api.put(item, json=event_body(visit)), 422)
    assert "/version" in pointers(missing)
    moved = assert_problem(api.put(item, json=event_body(make_visit(), version=2)), 422)
    assert pointers(moved) == {"/visit_id"}
    reordered = api.put(item, json=event_body(
        visit, version=2, starts_at=later["starts_at"], ends_at=later["ends_at"],
        participants=[{"organization_id": group.id}],
    )).get_json()  # fmt: skip
    assert [p["organization_id"] for p in reordered["participants"]] == [group.id]
    assert reordered["version"] == 3 and reordered["sequence"] == 1
    outside = event_body(visit, version=3, starts_at="2025-04-25T12:00:00+05:00",
                         ends_at="2025-04-25T13:00:00+05:00")  # fmt: skip
    assert pointers(assert_problem(api.put(item, json=outside), 422)) == {"/starts_at", "/ends_at"}


def test_cancel_and_restore(api, make_visit, make_event):
    event = make_event(make_visit(), date(2025, 4, 21), time(10), time(11))
    cancelled = api.post(f"{URL}{event.id}/cancel").get_json()
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 1
    assert_problem(api.post(f"{URL}{event.id}/restore", query_string={"version": 1}), 409)
    restored = api.post(f"{URL}{event.id}/restore", query_string={"version": 2}).get_json()
    assert restored["status"] == "confirmed" and restored["sequence"] == 2


def test_delete(api, db, make_visit, make_event):
    event = make_event(make_visit(), date(2025, 4, 21), time(10), time(11))
    assert_problem(api.delete(f"{URL}{event.id}", query_string={"version": 7}), 409)
    assert api.delete(f"{URL}{event.id}").status_code == 204
    assert_problem(api.get(f"{URL}{event.id}"), 404)
    assert_problem(api.delete(f"{URL}{event.id}"), 404)
    assert_problem(api.get(f"{URL}{2**40}"), 404)


def test_viewer_reads_but_does_not_write(viewer_api, db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    assert viewer_api.get(URL).status_code == 200
    assert viewer_api.get(f"{URL}{event.id}").status_code == 200
    assert_problem(viewer_api.post(URL, json=event_body(visit)), 403)
    assert_problem(viewer_api.put(f"{URL}{event.id}", json=event_body(visit, version=1)), 403)
    assert_problem(viewer_api.delete(f"{URL}{event.id}"), 403)
    assert_problem(viewer_api.post(f"{URL}{event.id}/cancel"), 403)
    assert db.session.query(Event).count() == 1


def test_a_page_costs_the_same_whatever_its_size(api, db, make_visit, make_event, cast,
                                                 count_queries):  # fmt: skip
    people, group, venue = cast
    visit = make_visit()

    def queries_for_a_page() -> int:
        with count_queries() as queries:
            assert api.get(URL, query_string={"visit": visit.id}).status_code == 200
        return len(queries)

    def add_event(hour: int) -> None:
        event = make_event(visit, date(2025, 4, 21), time(hour), time(hour, 30), venue=venue)
        api.put(f"{URL}{event.id}", json=event_body(
            visit, version=1, starts_at=f"2025-04-21T{hour:02}:00:00+05:00",
            ends_at=f"2025-04-21T{hour:02}:30:00+05:00",
            participants=[{"person_id": people[0].id}, {"organization_id": group.id}],
        ))  # fmt: skip

    add_event(9)
    one = queries_for_a_page()
    for hour in range(10, 16):
        add_event(hour)
    assert queries_for_a_page() == one


def test_an_all_day_event_through_the_api(api, db, make_visit):
    visit = make_visit()
    body = event_body(
        visit,
        starts_at="2025-04-22T00:00:00+05:00",
        ends_at="2025-04-23T00:00:00+05:00",
        is_all_day=True,
    )
    created = api.post(URL, json=body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["is_all_day"] is True
    assert db.session.get(Event, created.get_json()["id"]).is_all_day
    timed = api.post(URL, json=event_body(visit)).get_json()
    assert timed["is_all_day"] is False  # left out: a timed event
