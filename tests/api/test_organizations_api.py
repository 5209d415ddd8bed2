"""The organizations resource: list with search and kind, get, create, update, delete."""

from datetime import date, time

from visits.models import (
    DelegationMember,
    EventParticipant,
    LocalizedText,
    Organization,
    OrganizationKind,
    ParticipantRole,
    Person,
    Side,
)

from .conftest import assert_problem, pointers

URL = "/api/v1/organizations/"


def organization_body(**overrides):
    return {
        "name": {"ru": "Оркестр «Сибирь»", "en": "Siberia Orchestra"},
        "kind": "ensemble",
        "country": "ru",
        "notes": "Барнаул",
    } | overrides


def add(db, name: str, kind=OrganizationKind.OTHER) -> Organization:
    organization = Organization(name=LocalizedText(ru=name), kind=kind)
    db.session.add(organization)
    db.session.commit()
    return organization


def test_create_get_and_list(api):
    created = api.post(URL, json=organization_body())
    assert created.status_code == 201, created.get_json()
    organization = created.get_json()
    assert organization["name"] == {"ru": "Оркестр «Сибирь»", "kk": None, "en": "Siberia Orchestra"}
    assert organization["kind"] == "ensemble" and organization["country"] == "RU"
    assert organization["version"] == 1
    assert api.get(f"{URL}{organization['id']}").get_json() == organization
    page = api.get(URL, query_string={"q": "сибирь"}).get_json()
    assert [item["id"] for item in page["items"]] == [organization["id"]]
    assert api.get(URL, query_string={"q": "nothing"}).get_json()["total"] == 0


def test_defaults_and_blank_texts(api):
    body = {"name": {"ru": "Акимат", "kk": "  ", "en": ""}, "country": "", "notes": " "}
    organization = api.post(URL, json=body).get_json()
    assert organization["kind"] == "other" and organization["country"] is None
    assert organization["name"] == {"ru": "Акимат", "kk": None, "en": None}
    assert organization["notes"] is None


def test_kind_filter(api, db):
    ensemble = add(db, "Ансамбль «Алтай»", OrganizationKind.ENSEMBLE)
    add(db, "Акимат", OrganizationKind.GOVERNMENT)
    page = api.get(URL, query_string={"kind": "ensemble"}).get_json()
    assert [item["id"] for item in page["items"]] == [ensemble.id]
    body = assert_problem(api.get(URL, query_string={"kind": "club"}), 422)
    assert pointers(body) == {"/kind"}


def test_pagination(api, db):
    for n in range(7):
        add(db, f"Организация {n:02}")
    page = api.get(URL, query_string={"per_page": 3, "page": 3}).get_json()
    assert page["total"] == 7 and page["page"] == 3 and len(page["items"]) == 1
    assert page["items"][0]["name"]["ru"] == "Организация 06"
    assert_problem(api.get(URL, query_string={"per_page": 1000}), 422)
    assert_problem(api.get(URL, query_string={"page": 0}), 422)


def test_field_errors_are_named(api, db):
    body = organization_body(name={"kk": "Ат"}, kind="club", country="KAZ", notes=5)
    problem = assert_problem(api.post(URL, json=body), 422)
    assert {"/name/ru", "/kind", "/country", "/notes"} <= pointers(problem)
    problem = assert_problem(api.post(URL, json=organization_body(name={"ru": "x" * 301})), 422)
    assert pointers(problem) == {"/name/ru"}
    problem = assert_problem(api.post(URL, json=organization_body(name={"ru": " "})), 422)
    assert pointers(problem) == {"/name/ru"}
    problem = assert_problem(api.post(URL, json=organization_body(id=5)), 422)
    assert pointers(problem) == {"/id"}
    assert db.session.query(Organization).count() == 0


def test_text_no_database_stores(api, db):
    body = '{"name": {"ru": "a\\ud800b"}, "notes": "a\\u0000"}'
    problem = assert_problem(api.post(URL, data=body, content_type="application/json"), 422)
    assert "/name/ru" in pointers(problem)
    assert_problem(api.post(URL, json=["not", "an", "object"]), 422)
    assert db.session.query(Organization).count() == 0


def test_update_needs_the_current_version(api):
    organization = api.post(URL, json=organization_body()).get_json()
    item = f"{URL}{organization['id']}"
    changed = api.put(item, json=organization_body(kind="culture", version=1))
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["version"] == 2 and changed.get_json()["kind"] == "culture"
    stale = assert_problem(api.put(item, json=organization_body(version=1)), 409)
    assert stale["current_version"] == 2
    assert api.get(item).get_json()["kind"] == "culture"
    missing = assert_problem(api.put(item, json=organization_body()), 422)
    assert "/version" in pointers(missing)


def test_delete_keeps_its_people(api, db):
    organization = add(db, "Компания")
    person = Person(full_name=LocalizedText(ru="Иванов"), organization=organization)
    db.session.add(person)
    db.session.commit()
    assert_problem(api.delete(f"{URL}{organization.id}", query_string={"version": 7}), 409)
    assert api.delete(f"{URL}{organization.id}", query_string={"version": 1}).status_code == 204
    assert_problem(api.get(f"{URL}{organization.id}"), 404)
    db.session.expire_all()
    assert db.session.get(Person, person.id).organization_id is None


def test_a_used_organization_is_not_deleted(api, db, make_visit, make_event):
    member = add(db, "Ансамбль", OrganizationKind.ENSEMBLE)
    visit = make_visit()
    visit.delegation.members.append(DelegationMember(organization=member, precedence=1))
    db.session.commit()
    problem = assert_problem(api.delete(f"{URL}{member.id}"), 409)
    assert "1 delegation" in problem["detail"]

    participant = add(db, "Хор")
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    event.participants.append(
        EventParticipant(organization=participant, role=ParticipantRole.PERFORMER, side=Side.GUEST)
    )
    host = add(db, "Акимат")
    visit.host_organization = host
    db.session.commit()
    assert_problem(api.delete(f"{URL}{participant.id}"), 409)
    assert_problem(api.delete(f"{URL}{host.id}"), 409)
    assert db.session.query(Organization).count() == 3


def test_unknown_ids(api):
    assert_problem(api.get(f"{URL}999"), 404)
    assert_problem(api.get(f"{URL}99999999999999"), 404)
    assert_problem(api.put(f"{URL}999", json=organization_body(version=1)), 404)
    assert_problem(api.delete(f"{URL}999"), 404)


def test_viewer_reads_but_does_not_write(viewer_api, db):
    organization = add(db, "Акимат")
    assert viewer_api.get(URL).status_code == 200
    assert viewer_api.get(f"{URL}{organization.id}").status_code == 200
    assert_problem(viewer_api.post(URL, json=organization_body()), 403)
    item = f"{URL}{organization.id}"
    assert_problem(viewer_api.put(item, json=organization_body(version=1)), 403)
    assert_problem(viewer_api.delete(item), 403)
    assert db.session.query(Organization).count() == 1
