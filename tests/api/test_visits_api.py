"""The visits resource: list with its filters, get, create, update (a new zone keeps the
wall clocks), delete."""

from datetime import UTC, date, datetime, time

import pytest

from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventParticipant,
    FeedScope,
    FeedToken,
    LocalizedText,
    Organization,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visit,
    VisitStatus,
)

from .conftest import assert_problem, pointers

URL = "/api/v1/visits/"


@pytest.fixture
def delegation(db) -> Delegation:
    delegation = Delegation(name=LocalizedText(ru="Алтайский край"), home_timezone="Asia/Barnaul")
    db.session.add(delegation)
    db.session.commit()
    return delegation


def visit_body(**overrides):
    return {
        "title": {"ru": "Во все века", "en": "Through all ages"},
        "city": {"ru": "Усть-Каменогорск"},
        "timezone": "asia/almaty",
        "start_date": "2025-04-21",
        "end_date": "2025-04-22",
        "status": "confirmed",
        "occasion": {"ru": "80 лет Победы"},
        "purpose": {"ru": "Культурный обмен"},
        "topics": {"ru": "промышленность, туризм"},
        "approved_by_name": {"ru": "Иванов И. И."},
        "city_speed_kmh": 25,
        "hosts_first": True,
    } | overrides


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_create_get_and_list(api, db, delegation):
    host = Organization(name=LocalizedText(ru="Акимат"))
    liaison = Person(full_name=LocalizedText(ru="Офицер"))
    db.session.add_all([host, liaison])
    db.session.commit()
    body = visit_body(
        delegation_id=delegation.id, host_organization_id=host.id, liaison_officer_id=liaison.id
    )
    created = api.post(URL, json=body)
    assert created.status_code == 201, created.get_json()
    visit = created.get_json()
    assert visit["timezone"] == "Asia/Almaty" and visit["status"] == "confirmed"
    assert visit["title"] == {"ru": "Во все века", "kk": None, "en": "Through all ages"}
    assert visit["start_date"] == "2025-04-21" and visit["city_speed_kmh"] == 25
    assert visit["hosts_first"] is True
    assert visit["approved_by_name"] == {"ru": "Иванов И. И.", "kk": None, "en": None}
    assert visit["delegation_id"] == delegation.id and visit["liaison_officer_id"] == liaison.id
    assert visit["host_organization_id"] == host.id and visit["version"] == 1
    assert visit["created_at"].endswith("+00:00")
    assert api.get(f"{URL}{visit['id']}").get_json() == visit
    assert ids(api.get(URL)) == [visit["id"]]


def test_defaults(api):
    visit = api.post(
        URL,
        json={
            "title": {"ru": "Визит"},
            "timezone": "Asia/Almaty",
            "start_date": "2025-04-21",
            "end_date": "2025-04-21",
        },
    ).get_json()
    assert visit["status"] == "draft" and visit["city_speed_kmh"] == 30
    assert visit["hosts_first"] is False
    assert visit["delegation_id"] is None and visit["city"] == {"ru": None, "kk": None, "en": None}


def test_date_and_status_filters(api, make_visit):
    april = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 23))
    may = make_visit(
        start_date=date(2025, 5, 1), end_date=date(2025, 5, 2), status=VisitStatus.CANCELLED
    )
    assert ids(api.get(URL, query_string={"from": "2025-04-23", "to": "2025-04-30"})) == [april.id]
    assert ids(api.get(URL, query_string={"from": "2025-04-24"})) == [may.id]
    assert ids(api.get(URL, query_string={"to": "2025-04-21"})) == [april.id]
    both = api.get(URL, query_string={"from": "2025-04-23", "to": "2025-05-01"})
    assert ids(both) == [may.id, april.id]  # past visits: latest first
    assert ids(api.get(URL, query_string={"status": "cancelled"})) == [may.id]
    blank = api.get(URL, query_string={"from": "", "to": " ", "status": "", "page": ""})
    assert ids(blank) == [may.id, april.id]  # a blank argument is as if not given
    reversed_range = api.get(URL, query_string={"from": "2025-05-01", "to": "2025-04-01"})
    assert pointers(assert_problem(reversed_range, 422)) == {"/to"}
    assert pointers(assert_problem(api.get(URL, query_string={"from": "soon"}), 422)) == {"/from"}
    assert pointers(assert_problem(api.get(URL, query_string={"status": "x"}), 422)) == {"/status"}


def test_person_and_venue_filters(api, db, make_visit, make_event):
    member, liaison, participant = (
        Person(full_name=LocalizedText(ru=name)) for name in ("Член", "Офицер", "Участник")
    )
    hall = Venue(name=LocalizedText(ru="Зал"))
    db.session.add_all([member, liaison, participant, hall])
    first, second, third = make_visit(), make_visit(), make_visit()
    first.delegation.members.append(DelegationMember(person=member, precedence=1))
    second.liaison_officer = liaison
    event = make_event(third, date(2025, 4, 21), time(10), time(11), venue=hall)
    event.participants.append(
        EventParticipant(person=participant, role=ParticipantRole.GUEST, side=Side.GUEST)
    )
    db.session.commit()
    assert ids(api.get(URL, query_string={"person": member.id})) == [first.id]
    assert ids(api.get(URL, query_string={"person": liaison.id})) == [second.id]
    assert ids(api.get(URL, query_string={"person": participant.id})) == [third.id]
    assert ids(api.get(URL, query_string={"venue": hall.id})) == [third.id]
    assert ids(api.get(URL, query_string={"venue": 999})) == []
    assert_problem(api.get(URL, query_string={"person": -1}), 422)


def test_pagination(api, make_visit):
    for n in range(7):
        make_visit(start_date=date(2025, 4, 1 + n), end_date=date(2025, 4, 1 + n))
    page = api.get(URL, query_string={"per_page": 3, "page": 3}).get_json()
    assert page["total"] == 7 and page["page"] == 3 and len(page["items"]) == 1
    assert page["items"][0]["start_date"] == "2025-04-01"  # past visits: latest first
    assert_problem(api.get(URL, query_string={"per_page": 0}), 422)


def test_field_errors_are_named(api, db):
    body = visit_body(
        title={"en": "No Russian"},
        timezone="Mars/Olympus",
        start_date="2025-02-30",
        status="postponed",
        city_speed_kmh=500,
        occasion={"ru": "x" * 501},
    )
    problem = assert_problem(api.post(URL, json=body), 422)
    assert {
        "/title/ru",
        "/timezone",
        "/start_date",
        "/status",
        "/city_speed_kmh",
        "/occasion/ru",
    } <= pointers(problem)
    backwards = visit_body(start_date="2025-04-22", end_date="2025-04-21")
    assert pointers(assert_problem(api.post(URL, json=backwards), 422)) == {"/end_date"}
    far = visit_body(start_date="0001-01-01")
    assert pointers(assert_problem(api.post(URL, json=far), 422)) == {"/start_date"}
    fraction = visit_body(city_speed_kmh=30.5)
    assert pointers(assert_problem(api.post(URL, json=fraction), 422)) == {"/city_speed_kmh"}
    missing = assert_problem(api.post(URL, json={"title": {"ru": "Визит"}}), 422)
    assert {"/timezone", "/start_date", "/end_date"} <= pointers(missing)
    assert db.session.query(Visit).count() == 0


def test_unknown_references(api, db):
    body = visit_body(delegation_id=999, host_organization_id=998, liaison_officer_id=2**31 - 1)
    problem = assert_problem(api.post(URL, json=body), 422)
    assert pointers(problem) == {"/delegation_id", "/host_organization_id", "/liaison_officer_id"}
    too_big = assert_problem(api.post(URL, json=visit_body(delegation_id=2**31)), 422)
    assert pointers(too_big) == {"/delegation_id"}
    assert db.session.query(Visit).count() == 0


def test_update_needs_the_current_version(api):
    visit = api.post(URL, json=visit_body()).get_json()
    item = f"{URL}{visit['id']}"
    changed = api.put(item, json=visit_body(status="completed", version=1))
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["version"] == 2 and changed.get_json()["status"] == "completed"
    stale = assert_problem(api.put(item, json=visit_body(version=1)), 409)
    assert stale["current_version"] == 2
    assert api.get(item).get_json()["status"] == "completed"
    missing = assert_problem(api.put(item, json=visit_body()), 422)
    assert "/version" in pointers(missing)
    unknown = assert_problem(api.put(item, json=visit_body(delegation_id=999, version=2)), 422)
    assert pointers(unknown) == {"/delegation_id"}


def test_a_new_zone_keeps_the_wall_clocks(api, db, make_visit, make_event):
    visit = make_visit(timezone="Asia/Almaty")
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    assert event.starts_at == datetime(2025, 4, 21, 5, tzinfo=UTC)
    sequence = event.sequence
    body = visit_body(timezone="Asia/Barnaul", delegation_id=visit.delegation_id, version=1)
    assert api.put(f"{URL}{visit.id}", json=body).status_code == 200
    db.session.expire_all()
    moved = db.session.get(Event, event.id)
    assert moved.starts_at == datetime(2025, 4, 21, 3, tzinfo=UTC)  # 10:00 in UTC+7
    assert moved.sequence == sequence + 1


def test_delete_takes_its_events_and_feeds(api, db, make_visit, make_event):
    visit = make_visit()
    make_event(visit, date(2025, 4, 21), time(10), time(11))
    db.session.add(FeedToken(visit=visit, scope=FeedScope.VISIT, label="Все"))
    db.session.commit()
    assert_problem(api.delete(f"{URL}{visit.id}", query_string={"version": 5}), 409)
    assert api.delete(f"{URL}{visit.id}", query_string={"version": 1}).status_code == 204
    assert_problem(api.get(f"{URL}{visit.id}"), 404)
    assert db.session.query(Event).count() == 0
    assert db.session.query(FeedToken).count() == 0
    assert db.session.query(Delegation).count() == 1


def test_unknown_ids(api):
    assert_problem(api.get(f"{URL}999"), 404)
    assert_problem(api.put(f"{URL}999", json=visit_body(version=1)), 404)
    assert_problem(api.delete(f"{URL}999"), 404)


def test_viewer_reads_but_does_not_write(viewer_api, db, make_visit):
    visit = make_visit()
    assert viewer_api.get(URL).status_code == 200
    assert viewer_api.get(f"{URL}{visit.id}").status_code == 200
    assert_problem(viewer_api.post(URL, json=visit_body()), 403)
    assert_problem(viewer_api.put(f"{URL}{visit.id}", json=visit_body(version=1)), 403)
    assert_problem(viewer_api.delete(f"{URL}{visit.id}"), 403)
    assert db.session.query(Visit).count() == 1


def test_a_last_day_before_the_first_is_the_services_refusal(api, delegation):
    body = visit_body(delegation_id=delegation.id, start_date="2025-04-22", end_date="2025-04-21")
    problem = assert_problem(api.post(URL, json=body), 422)
    assert {(e["pointer"], e["detail"]) for e in problem["errors"]} == {
        ("/end_date", "The last day cannot be before the first day.")
    }
    created = api.post(URL, json=visit_body(delegation_id=delegation.id)).get_json()
    changed = visit_body(version=created["version"], end_date="2025-04-20")
    assert pointers(assert_problem(api.put(f"{URL}{created['id']}", json=changed), 422)) == {
        "/end_date"
    }
