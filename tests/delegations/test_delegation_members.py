"""Members of a delegation: adding, ordering (buttons and numbers), roles, removing."""

from datetime import date, time

from sqlalchemy import func, select

from tests.delegations.conftest import text_of
from visits.models import (
    DelegationMember,
    Direction,
    LocalizedText,
    MemberRole,
    Movement,
    Stay,
    TravelMode,
    Venue,
)
from visits.scheduling.timezones import to_utc


def order(db, delegation) -> list[tuple[str, int]]:
    """(name, precedence) of the members as stored, most senior first."""
    db.session.expire_all()
    return [(m.display_name.ru, m.precedence) for m in delegation.members]


def loaded(delegation) -> str:
    return ",".join(str(m.id) for m in delegation.members)


def members_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(DelegationMember))


def test_a_person_is_added_last(staff_client, db, make_delegation, make_person):
    delegation = make_delegation(make_person("Глава"), make_person("Заместитель"))
    newcomer = make_person("Переводчик")
    response = staff_client.post(
        f"/delegations/{delegation.id}/members",
        data={"person_id": newcomer.id, "organization_id": "", "role": "interpreter"},
    )
    assert response.status_code == 302
    assert order(db, delegation) == [("Глава", 1), ("Заместитель", 2), ("Переводчик", 3)]
    assert delegation.members[-1].role is MemberRole.INTERPRETER


def test_a_group_is_added(staff_client, db, make_delegation, make_group):
    delegation = make_delegation()
    ensemble = make_group("Ансамбль «Алтай»")
    response = staff_client.post(
        f"/delegations/{delegation.id}/members",
        data={"person_id": "", "organization_id": ensemble.id, "role": "performer"},
    )
    assert response.status_code == 302
    assert order(db, delegation) == [("Ансамбль «Алтай»", 1)]


def test_neither_a_person_nor_a_group_is_refused(staff_client, db, make_delegation):
    delegation = make_delegation()
    response = staff_client.post(
        f"/delegations/{delegation.id}/members",
        data={"person_id": "", "organization_id": "", "role": "member"},
    )
    assert response.status_code == 422
    assert "Choose a person or a group to add." in text_of(response)
    assert members_count(db) == 0


def test_both_a_person_and_a_group_are_refused(
    staff_client, db, make_delegation, make_person, make_group
):
    delegation = make_delegation()
    person, group = make_person("Артист"), make_group("Оркестр")
    response = staff_client.post(
        f"/delegations/{delegation.id}/members",
        data={"person_id": person.id, "organization_id": group.id, "role": "member"},
    )
    assert response.status_code == 422
    assert "Choose a person or a group, not both." in text_of(response)
    html = response.get_data(as_text=True)
    # The choices are kept: the ids, and the names the pickers show.
    assert f'name="person_id" type="hidden" value="{person.id}"' in html
    assert 'name="person_name" type="text" value="Артист"' in html
    assert 'name="organization_name" type="text" value="Оркестр"' in html
    assert members_count(db) == 0


def test_a_person_already_in_the_delegation_is_refused(
    staff_client, db, make_delegation, make_person, make_group
):
    head, group = make_person("Глава"), make_group("Оркестр")
    delegation = make_delegation(head, group)
    for data, message in (
        ({"person_id": head.id, "organization_id": ""}, "This person is already in"),
        ({"person_id": "", "organization_id": group.id}, "This group is already in"),
    ):
        response = staff_client.post(
            f"/delegations/{delegation.id}/members", data=data | {"role": "member"}
        )
        assert response.status_code == 422
        assert message in text_of(response)
    assert members_count(db) == 2


def test_a_duplicate_slipping_past_the_check_meets_the_constraint_not_a_500(
    staff_client, db, make_delegation, make_person, monkeypatch
):
    head = make_person("Глава")
    delegation = make_delegation(head)
    # Another editor added the same person between the check and the save.
    monkeypatch.setattr(
        "visits.delegations.services.member_in_delegation",
        lambda *args: select(DelegationMember.id).where(DelegationMember.id == -1),
    )
    response = staff_client.post(
        f"/delegations/{delegation.id}/members",
        data={"person_id": head.id, "organization_id": "", "role": "member"},
    )
    assert response.status_code == 422
    assert "This person is already in the delegation." in text_of(response)
    assert members_count(db) == 1


def test_an_unknown_person_is_not_a_valid_choice(staff_client, db, make_delegation):
    delegation = make_delegation()
    for value in ("999", "abc"):
        response = staff_client.post(
            f"/delegations/{delegation.id}/members",
            data={"person_id": value, "organization_id": "", "role": "member"},
        )
        assert response.status_code == 422
    assert members_count(db) == 0


def test_move_up_and_down_swap_neighbours(staff_client, db, make_delegation, make_person):
    a, b, c = make_person("А"), make_person("Б"), make_person("В")
    delegation = make_delegation(a, b, c)
    third = delegation.members[2]
    url = f"/delegations/{delegation.id}/members/{third.id}/move"
    data = {"move-direction": "up", "move-loaded": loaded(delegation)}
    assert staff_client.post(url, data=data).status_code == 302
    assert order(db, delegation) == [("А", 1), ("В", 2), ("Б", 3)]
    data = {"move-direction": "up", "move-loaded": loaded(delegation)}
    staff_client.post(url, data=data)
    assert order(db, delegation) == [("В", 1), ("А", 2), ("Б", 3)]
    data = {"move-direction": "up", "move-loaded": loaded(delegation)}
    staff_client.post(url, data=data)  # already first: nothing moves
    assert order(db, delegation) == [("В", 1), ("А", 2), ("Б", 3)]
    data = {"move-direction": "down", "move-loaded": loaded(delegation)}
    staff_client.post(url, data=data)
    assert order(db, delegation) == [("А", 1), ("В", 2), ("Б", 3)]


def test_a_move_closes_gaps_in_the_numbering(staff_client, db, make_delegation, make_person):
    delegation = make_delegation(make_person("А"), make_person("Б"), make_person("В"))
    for member, number in zip(delegation.members, (3, 7, 20), strict=True):
        member.precedence = number
    db.session.commit()
    first = delegation.members[0]
    staff_client.post(
        f"/delegations/{delegation.id}/members/{first.id}/move",
        data={"move-direction": "down", "move-loaded": loaded(delegation)},
    )
    assert order(db, delegation) == [("Б", 1), ("А", 2), ("В", 3)]


def test_a_move_made_on_an_outdated_list_is_refused(staff_client, db, make_delegation, make_person):
    delegation = make_delegation(make_person("А"), make_person("Б"))
    seen = loaded(delegation)
    first, second = delegation.members
    first.precedence, second.precedence = 2, 1  # someone else reordered meanwhile
    db.session.commit()
    response = staff_client.post(
        f"/delegations/{delegation.id}/members/{second.id}/move",
        data={"move-direction": "down", "move-loaded": seen},
    )
    assert response.status_code == 409
    assert "Someone changed the members since you opened this page" in text_of(response)
    assert order(db, delegation) == [("Б", 1), ("А", 2)]


def test_the_order_is_set_directly_and_renumbered(staff_client, db, make_delegation, make_person):
    delegation = make_delegation(*(make_person(name) for name in "АБВГ"))
    members = delegation.members
    rows = {"order-loaded": loaded(delegation)}
    for i, (member, position) in enumerate(zip(members, (10, 1, 1, 30), strict=True)):
        rows[f"order-members-{i}-member_id"] = member.id
        rows[f"order-members-{i}-position"] = position
        rows[f"order-members-{i}-role"] = "head" if member is members[2] else "member"
    response = staff_client.post(f"/delegations/{delegation.id}/members/order", data=rows)
    assert response.status_code == 302
    # Б and В both moved up to 1: between them the present order stands.
    assert order(db, delegation) == [("Б", 1), ("В", 2), ("А", 3), ("Г", 4)]
    assert [m.role for m in delegation.members][1] is MemberRole.HEAD


def test_a_member_given_an_occupied_number_takes_that_place(
    staff_client, db, make_delegation, make_person
):
    delegation = make_delegation(*(make_person(name) for name in "АБВ"))

    def save(positions):
        rows = {"order-loaded": loaded(delegation)}
        for i, (member, position) in enumerate(zip(delegation.members, positions, strict=True)):
            rows |= {
                f"order-members-{i}-member_id": member.id,
                f"order-members-{i}-position": position,
                f"order-members-{i}-role": "member",
            }
        staff_client.post(f"/delegations/{delegation.id}/members/order", data=rows)

    save((1, 2, 1))  # В to the top
    assert order(db, delegation) == [("В", 1), ("А", 2), ("Б", 3)]
    save((3, 2, 3))  # В (first) to the third place
    assert order(db, delegation) == [("А", 1), ("Б", 2), ("В", 3)]


def test_an_order_that_is_not_a_number_is_refused(staff_client, db, make_delegation, make_person):
    delegation = make_delegation(make_person("А"), make_person("Б"))
    rows = {"order-loaded": loaded(delegation)}
    for i, (member, position) in enumerate(zip(delegation.members, ("2", "0"), strict=True)):
        rows |= {
            f"order-members-{i}-member_id": member.id,
            f"order-members-{i}-position": position,
            f"order-members-{i}-role": "member",
        }
    response = staff_client.post(f"/delegations/{delegation.id}/members/order", data=rows)
    assert response.status_code == 422
    assert "Number must be between 1 and 9999." in text_of(response)
    assert order(db, delegation) == [("А", 1), ("Б", 2)]


def test_an_order_for_another_list_of_members_is_refused(
    staff_client, db, make_delegation, make_person
):
    delegation = make_delegation(make_person("А"), make_person("Б"))
    first = delegation.members[0]
    rows = {
        "order-loaded": str(first.id),
        "order-members-0-member_id": first.id,
        "order-members-0-position": "2",
        "order-members-0-role": "member",
    }
    response = staff_client.post(f"/delegations/{delegation.id}/members/order", data=rows)
    assert response.status_code == 409
    assert order(db, delegation) == [("А", 1), ("Б", 2)]


def test_removing_asks_says_what_goes_with_it_and_renumbers(
    staff_client, db, make_delegation, make_person, make_visit
):
    delegation = make_delegation(make_person("А"), make_person("Б"), make_person("В"))
    visit = make_visit(delegation=delegation)
    middle = delegation.members[1]
    hotel = Venue(name=LocalizedText(ru="Гостиница"))
    db.session.add_all(
        [
            Movement(
                visit=visit,
                member=middle,
                direction=Direction.ARRIVAL,
                mode=TravelMode.FLIGHT,
                at=to_utc(date(2025, 4, 21), time(8, 40), "Asia/Almaty"),
            ),
            Stay(
                visit=visit,
                member=middle,
                hotel=hotel,
                check_in=date(2025, 4, 21),
                check_out=date(2025, 4, 22),
            ),
        ]
    )
    db.session.commit()
    url = f"/delegations/{delegation.id}/members/{middle.id}/remove"
    page = text_of(staff_client.get(url))
    assert "Delete Б?" in page
    assert "1 arrival(s) or departure(s) and 1 stay(s)" in page
    assert staff_client.post(url).status_code == 302
    assert order(db, delegation) == [("А", 1), ("В", 2)]
    assert db.session.scalar(select(func.count()).select_from(Movement)) == 0
    assert db.session.scalar(select(func.count()).select_from(Stay)) == 0


def test_members_of_another_delegation_are_not_found(staff_client, make_delegation, make_person):
    one = make_delegation(make_person("А"))
    other = make_delegation(make_person("Б"))
    member = other.members[0]
    assert staff_client.get(f"/delegations/{one.id}/members/{member.id}/remove").status_code == 404
    response = staff_client.post(
        f"/delegations/{one.id}/members/{member.id}/move",
        data={"move-direction": "up", "move-loaded": str(member.id)},
    )
    assert response.status_code == 404


def test_viewers_cannot_change_members(viewer_client, db, make_delegation, make_person):
    delegation = make_delegation(make_person("А"), make_person("Б"))
    first = delegation.members[0]
    base = f"/delegations/{delegation.id}/members"
    for url in (base, f"{base}/order", f"{base}/{first.id}/move", f"{base}/{first.id}/remove"):
        assert viewer_client.post(url, data={"move-direction": "down"}).status_code == 403
    assert order(db, delegation) == [("А", 1), ("Б", 2)]


def test_member_forms_need_their_csrf_token(app, staff_client, db, make_delegation, make_person):
    delegation = make_delegation(make_person("А"), make_person("Б"))
    app.config["WTF_CSRF_ENABLED"] = True
    first = delegation.members[0]
    response = staff_client.post(
        f"/delegations/{delegation.id}/members/{first.id}/move",
        data={"move-direction": "down", "move-loaded": loaded(delegation)},
    )
    assert response.status_code == 400
    assert order(db, delegation) == [("А", 1), ("Б", 2)]


def test_the_page_shows_members_in_order_with_their_buttons(
    staff_client, make_delegation, make_person
):
    delegation = make_delegation(make_person("Первый"), make_person("Второй"))
    response = staff_client.get(f"/delegations/{delegation.id}")
    page = text_of(response)
    assert page.index("Первый") < page.index("Второй")
    html = response.get_data(as_text=True)
    assert html.count('name="move-direction" value="up"') == 1
    assert html.count('name="move-direction" value="down"') == 1
    assert "Save order and roles" in page


def test_members_are_marked_as_travelling_with_the_head(staff_client, db):
    from visits.models import Delegation, LocalizedText, Person

    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    aide = Person(full_name=LocalizedText(ru="Помощник"))
    head = Person(full_name=LocalizedText(ru="Глава"))
    db.session.add_all([delegation, aide, head])
    db.session.commit()
    url = f"/delegations/{delegation.id}/members"
    staff_client.post(url, data={"person_id": head.id, "role": "head"})
    staff_client.post(url, data={"person_id": aide.id, "role": "member", "is_with_head": "y"})
    first, second = delegation.members
    assert (first.is_with_head, second.is_with_head) == (False, True)
    loaded = f"{first.id},{second.id}"
    order = {
        "order-loaded": loaded,
        "order-members-0-member_id": first.id,
        "order-members-0-position": 1,
        "order-members-0-role": "head",
        "order-members-1-member_id": second.id,
        "order-members-1-position": 2,
        "order-members-1-role": "member",
    }  # the aide's box left unticked
    assert (
        staff_client.post(f"/delegations/{delegation.id}/members/order", data=order).status_code
        == 302
    )
    db.session.refresh(second)
    assert second.is_with_head is False
