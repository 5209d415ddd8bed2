"""The people resource: list with search, organization and visit, get, create, update,
delete."""

from datetime import date, time

from visits.models import (
    DelegationMember,
    EventParticipant,
    FeedScope,
    FeedToken,
    LocalizedText,
    Organization,
    ParticipantRole,
    Person,
    Side,
)

from .conftest import assert_problem, pointers

URL = "/api/v1/people/"


def person_body(**overrides):
    return {
        "full_name": {"ru": "Виталий Снесарь", "en": "Vitaly Snesar"},
        "position": {"ru": "Дирижёр"},
        "languages": "ru, en",
        "phone": "+7 700 000 00 00",
        "email": "conductor@example.org",
        "notes": "Оркестр «Сибирь»",
    } | overrides


def add(db, name: str, **fields) -> Person:
    person = Person(full_name=LocalizedText(ru=name), **fields)
    db.session.add(person)
    db.session.commit()
    return person


def ids(page) -> list[int]:
    return [item["id"] for item in page.get_json()["items"]]


def test_create_get_and_list(api, db):
    orchestra = Organization(name=LocalizedText(ru="Оркестр"))
    db.session.add(orchestra)
    db.session.commit()
    created = api.post(URL, json=person_body(organization_id=orchestra.id))
    assert created.status_code == 201, created.get_json()
    person = created.get_json()
    assert person["full_name"] == {"ru": "Виталий Снесарь", "kk": None, "en": "Vitaly Snesar"}
    assert person["organization_id"] == orchestra.id and person["version"] == 1
    assert person["email"] == "conductor@example.org"
    assert api.get(f"{URL}{person['id']}").get_json() == person
    add(db, "Другой")
    assert ids(api.get(URL, query_string={"q": "СНЕСАРЬ"})) == [person["id"]]
    assert ids(api.get(URL, query_string={"q": "дирижёр"})) == [person["id"]]
    assert ids(api.get(URL, query_string={"organization": orchestra.id})) == [person["id"]]
    assert api.get(URL, query_string={"q": ""}).get_json()["total"] == 2


def test_visit_filter(api, db, make_visit, make_event):
    member, liaison, participant, other = (
        add(db, name) for name in ("Член", "Офицер", "Участник", "Посторонний")
    )
    visit = make_visit()
    visit.delegation.members.append(DelegationMember(person=member, precedence=1))
    visit.liaison_officer = liaison
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    event.participants.append(
        EventParticipant(person=participant, role=ParticipantRole.GUEST, side=Side.GUEST)
    )
    db.session.commit()
    found = set(ids(api.get(URL, query_string={"visit": visit.id, "per_page": 10})))
    assert found == {member.id, liaison.id, participant.id}
    assert other.id not in found
    assert api.get(URL, query_string={"visit": 999}).get_json()["total"] == 0
    assert_problem(api.get(URL, query_string={"visit": 0}), 422)


def test_pagination(api, db):
    for n in range(7):
        add(db, f"Человек {n:02}")
    page = api.get(URL, query_string={"per_page": 3, "page": 3}).get_json()
    assert page["total"] == 7 and page["page"] == 3 and len(page["items"]) == 1
    assert_problem(api.get(URL, query_string={"per_page": 201}), 422)


def test_field_errors_are_named(api, db):
    body = person_body(
        full_name={"en": "No Russian"}, email="not an address", phone="1" * 51, languages=7
    )
    problem = assert_problem(api.post(URL, json=body), 422)
    assert {"/full_name/ru", "/email", "/phone", "/languages"} <= pointers(problem)
    problem = assert_problem(api.post(URL, json=person_body(organization_id="1")), 422)
    assert pointers(problem) == {"/organization_id"}
    problem = assert_problem(api.post(URL, json=person_body(email="a@b.org" + "x" * 250)), 422)
    assert pointers(problem) == {"/email"}
    assert db.session.query(Person).count() == 0


def test_blank_texts_mean_none(api):
    person = api.post(URL, json=person_body(email=" ", phone="", position={"ru": ""})).get_json()
    assert person["email"] is None and person["phone"] is None
    assert person["position"] == {"ru": None, "kk": None, "en": None}


def test_unknown_organization(api, db):
    problem = assert_problem(api.post(URL, json=person_body(organization_id=999)), 422)
    assert pointers(problem) == {"/organization_id"}
    assert db.session.query(Person).count() == 0


def test_update_needs_the_current_version(api, db):
    person = api.post(URL, json=person_body()).get_json()
    item = f"{URL}{person['id']}"
    changed = api.put(item, json=person_body(phone="112", version=1))
    assert changed.status_code == 200 and changed.get_json()["version"] == 2
    stale = assert_problem(api.put(item, json=person_body(version=1)), 409)
    assert stale["current_version"] == 2
    assert api.get(item).get_json()["phone"] == "112"
    missing = assert_problem(api.put(item, json=person_body()), 422)
    assert "/version" in pointers(missing)
    unknown = assert_problem(api.put(item, json=person_body(organization_id=5, version=2)), 422)
    assert pointers(unknown) == {"/organization_id"}


def test_delete_clears_liaison_and_feeds(api, db, make_visit):
    person = add(db, "Офицер")
    visit = make_visit(liaison_officer=person)
    db.session.add(FeedToken(visit=visit, person=person, scope=FeedScope.PERSON, label="Офицер"))
    db.session.commit()
    assert_problem(api.delete(f"{URL}{person.id}", query_string={"version": 9}), 409)
    assert api.delete(f"{URL}{person.id}").status_code == 204
    assert_problem(api.get(f"{URL}{person.id}"), 404)
    db.session.expire_all()
    assert visit.liaison_officer_id is None
    assert db.session.query(FeedToken).count() == 0


def test_a_person_in_use_is_not_deleted(api, db, make_visit, make_event):
    member, participant = add(db, "Член"), add(db, "Участник")
    visit = make_visit()
    visit.delegation.members.append(DelegationMember(person=member, precedence=1))
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    event.participants.append(
        EventParticipant(person=participant, role=ParticipantRole.SPEAKER, side=Side.HOST)
    )
    db.session.commit()
    problem = assert_problem(api.delete(f"{URL}{member.id}"), 409)
    assert "1 delegation" in problem["detail"]
    problem = assert_problem(api.delete(f"{URL}{participant.id}"), 409)
    assert "1 event" in problem["detail"]
    assert db.session.query(Person).count() == 2


def test_unknown_ids(api):
    assert_problem(api.get(f"{URL}999"), 404)
    assert_problem(api.put(f"{URL}999", json=person_body(version=1)), 404)
    assert_problem(api.delete(f"{URL}999"), 404)


def test_viewer_reads_but_does_not_write(viewer_api, db):
    person = add(db, "Иванов")
    assert viewer_api.get(URL).status_code == 200
    assert viewer_api.get(f"{URL}{person.id}").status_code == 200
    assert_problem(viewer_api.post(URL, json=person_body()), 403)
    assert_problem(viewer_api.put(f"{URL}{person.id}", json=person_body(version=1)), 403)
    assert_problem(viewer_api.delete(f"{URL}{person.id}"), 403)
    assert db.session.query(Person).count() == 1


def test_the_language_of_messages_is_one_of_the_three_or_none(api):
    created = api.post(URL, json=person_body(preferred_language="kk"))
    assert created.status_code == 201 and created.get_json()["preferred_language"] == "kk"
    assert api.post(URL, json=person_body()).get_json()["preferred_language"] is None
    wrong = api.post(URL, json=person_body(preferred_language="de"))
    assert pointers(assert_problem(wrong, 422)) == {"/preferred_language"}
