"""Several members at once: parsing the typed lines, finding or creating each record, all
lines or none."""

import pytest
from sqlalchemy import func, select

from tests.delegations.conftest import text_of
from visits.delegations.roster import Line, RosterRefused, add_members, parse
from visits.models import DelegationMember, LocalizedText, MemberRole, Organization, Person


def test_lines_are_split_into_name_and_position():
    text = (
        "1. Снесарь Виталий Викторович — заместитель Председателя Правительства\n"
        "\n"
        "  Иванова  Анна\t переводчик \n"
        "- Петров Пётр - пресс-секретарь\n"
        "Римский-Корсаков Н. А.\n"
    )
    assert parse(text) == [
        Line(1, "Снесарь Виталий Викторович", "заместитель Председателя Правительства"),
        Line(3, "Иванова Анна", "переводчик"),
        Line(4, "Петров Пётр", "пресс-секретарь"),
        Line(5, "Римский-Корсаков Н. А.", None),
    ]


def test_new_people_are_created_and_known_ones_reused(db, make_delegation, make_person):
    known = make_person("Снесарь Виталий")
    known.full_name = LocalizedText(ru="Снесарь Виталий", en="Vitaly Snesar")
    delegation = make_delegation(make_person("Глава"))
    lines = parse("vitaly  SNESAR — заместитель\nИванова Анна — переводчик")
    added = add_members(db.session(), delegation, lines, role=MemberRole.MEMBER)
    db.session.commit()
    assert added[0].person_id == known.id
    assert [(m.display_name.ru, m.precedence) for m in delegation.members] == [
        ("Глава", 1),
        ("Снесарь Виталий", 2),
        ("Иванова Анна", 3),
    ]
    created = db.session.get(Person, added[1].person_id)
    assert created.position == LocalizedText(ru="переводчик")
    assert known.position == LocalizedText()  # a known record is not rewritten


def test_groups_are_found_or_created(db, make_delegation, make_group):
    orchestra = make_group("Оркестр «Сибирь»")
    delegation = make_delegation()
    lines = parse("оркестр «сибирь»\nАнсамбль «Алтай»")
    added = add_members(db.session(), delegation, lines, role=MemberRole.PERFORMER, groups=True)
    assert added[0].organization_id == orchestra.id
    assert db.session.get(Organization, added[1].organization_id).name.ru == "Ансамбль «Алтай»"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Глава\nИванова", "already_member"),
        ("Иванова\nиванова", "repeated"),
        ("Тёзка", "ambiguous"),
        ("А" * 201, "name_too_long"),
        ("Иванова — " + "п" * 301, "position_too_long"),
    ],
)
def test_a_bad_line_adds_nothing(db, make_delegation, make_person, text, code):
    make_person("Тёзка"), make_person("тезка")
    delegation = make_delegation(make_person("Глава"))
    before = db.session.scalar(select(func.count()).select_from(Person))
    with pytest.raises(RosterRefused) as refused:
        add_members(db.session(), delegation, parse(text), role=MemberRole.MEMBER)
    db.session.rollback()
    assert [p.code for p in refused.value.problems] == [code]
    assert db.session.scalar(select(func.count()).select_from(Person)) == before
    assert len(delegation.members) == 1


def test_the_page_adds_a_pasted_list(staff_client, db, make_delegation):
    delegation = make_delegation()
    response = staff_client.post(
        f"/delegations/{delegation.id}/members/several",
        data={
            "several-lines": "Снесарь Виталий — заместитель\nИванова Анна — переводчик",
            "several-groups": "",
            "several-role": "member",
            "several-organization_id": "",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [m.display_name.ru for m in delegation.members] == ["Снесарь Виталий", "Иванова Анна"]


def test_the_page_names_the_bad_lines_and_keeps_the_text(staff_client, db, make_delegation):
    delegation = make_delegation()
    typed = "Иванова Анна\nиванова анна"
    response = staff_client.post(
        f"/delegations/{delegation.id}/members/several",
        data={"several-lines": typed, "several-role": "member", "several-groups": ""},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert "Line 2: «иванова анна» is already named on an earlier line." in text_of(response)
    assert "иванова анна</textarea>" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(DelegationMember)) == 0
