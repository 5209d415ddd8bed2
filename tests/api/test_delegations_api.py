"""The delegations resource and its members: list, get, create, update, delete; adding,
ordering and removing members."""

from datetime import UTC, datetime

import pytest

from visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    LocalizedText,
    Movement,
    Organization,
    Person,
    TravelMode,
)

from .conftest import assert_problem, pointers

URL = "/api/v1/delegations/"


def delegation_body(**overrides):
    return {
        "name": {"ru": "Делегация Алтайского края", "en": "Altai Krai delegation"},
        "origin_country": "ru",
        "origin_region": {"ru": "Алтайский край"},
        "home_timezone": "Asia/Barnaul",
    } | overrides


def add(db, name: str = "Делегация") -> Delegation:
    delegation = Delegation(name=LocalizedText(ru=name), home_timezone="Asia/Barnaul")
    db.session.add(delegation)
    db.session.commit()
    return delegation


@pytest.fixture
def people(db) -> list[Person]:
    found = [Person(full_name=LocalizedText(ru=f"Человек {n}")) for n in range(1, 5)]
    db.session.add_all(found)
    db.session.commit()
    return found


def members_url(delegation_id: int) -> str:
    return f"{URL}{delegation_id}/members"


def order(api, delegation_id: int) -> list[tuple[int | None, int]]:
    """(person id, precedence) of the members as the API lists them."""
    members = api.get(members_url(delegation_id)).get_json()
    return [(m["person_id"], m["precedence"]) for m in members]


def test_create_get_and_list(api, db):
    created = api.post(URL, json=delegation_body())
    assert created.status_code == 201, created.get_json()
    delegation = created.get_json()
    assert delegation["origin_country"] == "RU" and delegation["home_timezone"] == "Asia/Barnaul"
    assert delegation["name"]["en"] == "Altai Krai delegation" and delegation["members"] == []
    assert delegation["version"] == 1
    assert api.get(f"{URL}{delegation['id']}").get_json() == delegation
    add(db, "Другая")
    page = api.get(URL, query_string={"q": "алтайский"}).get_json()
    assert [item["id"] for item in page["items"]] == [delegation["id"]]
    assert api.get(URL, query_string={"q": "nothing"}).get_json()["total"] == 0


def test_pagination(api, db):
    for n in range(7):
        add(db, f"Делегация {n:02}")
    page = api.get(URL, query_string={"per_page": 3, "page": 3}).get_json()
    assert page["total"] == 7 and page["page"] == 3 and len(page["items"]) == 1
    assert_problem(api.get(URL, query_string={"page": "x"}), 422)


def test_field_errors_are_named(api, db):
    body = delegation_body(
        name={"ru": ""}, origin_country="XX", home_timezone="Asia/Nowhere", origin_region="Алтай"
    )
    problem = assert_problem(api.post(URL, json=body), 422)
    assert {"/name/ru", "/origin_country", "/home_timezone"} <= pointers(problem)
    assert "/origin_region/_schema" in pointers(problem)  # not an object
    problem = assert_problem(api.post(URL, json=delegation_body(members=[])), 422)
    assert pointers(problem) == {"/members"}
    assert db.session.query(Delegation).count() == 0


def test_update_needs_the_current_version(api):
    delegation = api.post(URL, json=delegation_body()).get_json()
    item = f"{URL}{delegation['id']}"
    changed = api.put(item, json=delegation_body(origin_country="KZ", version=1))
    assert changed.status_code == 200 and changed.get_json()["version"] == 2
    stale = assert_problem(api.put(item, json=delegation_body(version=1)), 409)
    assert stale["current_version"] == 2
    assert api.get(item).get_json()["origin_country"] == "KZ"
    missing = assert_problem(api.put(item, json=delegation_body()), 422)
    assert "/version" in pointers(missing)


def test_delete_with_its_members(api, db, people):
    delegation = add(db)
    delegation.members.append(DelegationMember(person=people[0], precedence=1))
    db.session.commit()
    assert_problem(api.delete(f"{URL}{delegation.id}", query_string={"version": 3}), 409)
    assert api.delete(f"{URL}{delegation.id}").status_code == 204
    assert_problem(api.get(f"{URL}{delegation.id}"), 404)
    assert db.session.query(DelegationMember).count() == 0
    assert db.session.query(Person).count() == len(people)


def test_a_delegation_with_visits_is_not_deleted(api, db, make_visit):
    visit = make_visit()
    problem = assert_problem(api.delete(f"{URL}{visit.delegation_id}"), 409)
    assert "1 visit" in problem["detail"]
    assert db.session.query(Delegation).count() == 1


def test_members_are_added_last_or_where_asked(api, db, people):
    delegation = add(db)
    url = members_url(delegation.id)
    for person in people[:3]:
        added = api.post(url, json={"person_id": person.id})
        assert added.status_code == 201, added.get_json()
    member = added.get_json()
    assert member["role"] == "member" and member["precedence"] == 3
    assert member["name"]["ru"] == "Человек 3" and member["organization_id"] is None
    head = api.post(url, json={"person_id": people[3].id, "role": "head", "precedence": 1})
    assert head.status_code == 201 and head.get_json()["precedence"] == 1
    assert order(api, delegation.id) == [
        (people[3].id, 1),
        (people[0].id, 2),
        (people[1].id, 3),
        (people[2].id, 4),
    ]
    group = Organization(name=LocalizedText(ru="Ансамбль «Алтай»"))
    db.session.add(group)
    db.session.commit()
    ensemble = api.post(url, json={"organization_id": group.id, "role": "performer"}).get_json()
    assert ensemble["precedence"] == 5 and ensemble["name"]["ru"] == "Ансамбль «Алтай»"
    assert len(api.get(f"{URL}{delegation.id}").get_json()["members"]) == 5


def test_member_errors_are_named(api, db, people):
    delegation = add(db)
    url = members_url(delegation.id)
    both = {"person_id": people[0].id, "organization_id": 1}
    assert pointers(assert_problem(api.post(url, json=both), 422)) == {"/person_id"}
    assert pointers(assert_problem(api.post(url, json={}), 422)) == {"/person_id"}
    unknown = assert_problem(api.post(url, json={"person_id": 999}), 422)
    assert pointers(unknown) == {"/person_id"}
    unknown = assert_problem(api.post(url, json={"organization_id": 999}), 422)
    assert pointers(unknown) == {"/organization_id"}
    bad = {"person_id": people[0].id, "role": "king", "precedence": 0}
    assert pointers(assert_problem(api.post(url, json=bad), 422)) == {"/role", "/precedence"}
    assert api.post(url, json={"person_id": people[0].id}).status_code == 201
    again = assert_problem(api.post(url, json={"person_id": people[0].id}), 422)
    assert pointers(again) == {"/person_id"}
    assert db.session.query(DelegationMember).count() == 1


def test_members_are_reordered_and_given_roles(api, db, people):
    delegation = add(db)
    url = members_url(delegation.id)
    members = [api.post(url, json={"person_id": p.id}).get_json() for p in people[:3]]
    last = members[2]
    moved = api.put(f"{url}/{last['id']}", json={"role": "head", "precedence": 1})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["precedence"] == 1 and moved.get_json()["role"] == "head"
    assert order(api, delegation.id) == [(people[2].id, 1), (people[0].id, 2), (people[1].id, 3)]
    down = api.put(f"{url}/{last['id']}", json={**last, "role": "head", "precedence": 99})
    assert pointers(assert_problem(down, 422)) == {"/id", "/delegation_id", "/name"}
    body = {"person_id": last["person_id"], "role": "head", "precedence": 99}
    assert api.put(f"{url}/{last['id']}", json=body).get_json()["precedence"] == 3
    other = {"person_id": people[3].id, "role": "head", "precedence": 1}
    assert pointers(assert_problem(api.put(f"{url}/{last['id']}", json=other), 422)) == {
        "/person_id"
    }
    assert pointers(assert_problem(api.put(f"{url}/{last['id']}", json={}), 422)) == {
        "/role",
        "/precedence",
    }


def test_a_changed_member_list_refuses_an_order_meant_for_another(api, db, people):
    delegation = add(db)
    url = members_url(delegation.id)
    first, second = (api.post(url, json={"person_id": p.id}).get_json() for p in people[:2])
    seen = [first["id"], second["id"]]
    api.post(url, json={"person_id": people[2].id})  # someone else adds a member
    stale = {"role": "head", "precedence": 1, "loaded": seen}
    problem = assert_problem(api.put(f"{url}/{second['id']}", json=stale), 409)
    assert "reload" in problem["detail"]
    stale_add = {"person_id": people[3].id, "loaded": seen}
    assert_problem(api.post(url, json=stale_add), 409)
    current = [m["id"] for m in api.get(url).get_json()]
    fresh = {"role": "head", "precedence": 1, "loaded": current}
    assert api.put(f"{url}/{second['id']}", json=fresh).status_code == 200


def test_removing_a_member_renumbers_and_drops_its_logistics(api, db, people, make_visit):
    visit = make_visit()
    url = members_url(visit.delegation_id)
    members = [api.post(url, json={"person_id": p.id}).get_json() for p in people[:3]]
    db.session.add(
        Movement(
            visit=visit,
            member_id=members[0]["id"],
            direction=Direction.ARRIVAL,
            mode=TravelMode.FLIGHT,
            at=datetime(2025, 4, 21, 3, tzinfo=UTC),
        )
    )
    db.session.commit()
    assert api.delete(f"{url}/{members[0]['id']}").status_code == 204
    assert order(api, visit.delegation_id) == [(people[1].id, 1), (people[2].id, 2)]
    assert db.session.query(Movement).count() == 0
    assert_problem(api.delete(f"{url}/{members[0]['id']}"), 404)


def test_members_of_another_delegation_are_not_found(api, db, people):
    mine, theirs = add(db, "Моя"), add(db, "Чужая")
    member = api.post(members_url(theirs.id), json={"person_id": people[0].id}).get_json()
    item = f"{members_url(mine.id)}/{member['id']}"
    assert_problem(api.get(item), 404)
    assert_problem(api.put(item, json={"role": "head", "precedence": 1}), 404)
    assert_problem(api.delete(item), 404)
    assert api.get(f"{members_url(theirs.id)}/{member['id']}").get_json() == member


def test_unknown_ids(api):
    assert_problem(api.get(f"{URL}999"), 404)
    assert_problem(api.put(f"{URL}999", json=delegation_body(version=1)), 404)
    assert_problem(api.delete(f"{URL}999"), 404)
    assert_problem(api.get(members_url(999)), 404)
    assert_problem(api.post(members_url(999), json={"person_id": 1}), 404)
    assert_problem(api.delete(f"{members_url(999)}/99999999999"), 404)


def test_viewer_reads_but_does_not_write(viewer_api, db, people):
    delegation = add(db)
    delegation.members.append(DelegationMember(person=people[0], precedence=1))
    db.session.commit()
    member_id = delegation.members[0].id
    assert viewer_api.get(URL).status_code == 200
    assert viewer_api.get(f"{URL}{delegation.id}").status_code == 200
    assert viewer_api.get(members_url(delegation.id)).status_code == 200
    assert_problem(viewer_api.post(URL, json=delegation_body()), 403)
    assert_problem(viewer_api.put(f"{URL}{delegation.id}", json=delegation_body(version=1)), 403)
    assert_problem(viewer_api.delete(f"{URL}{delegation.id}"), 403)
    assert_problem(viewer_api.post(members_url(delegation.id), json={"person_id": 2}), 403)
    item = f"{members_url(delegation.id)}/{member_id}"
    assert_problem(viewer_api.put(item, json={"role": "head", "precedence": 1}), 403)
    assert_problem(viewer_api.delete(item), 403)
    assert db.session.query(Delegation).count() == 1
    assert db.session.query(DelegationMember).count() == 1
