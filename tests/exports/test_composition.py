"""Names, posts and the composition of the sides as protocol writes them: no app, no
database."""

from datetime import UTC, date, datetime
from types import SimpleNamespace as NS

import pytest

from visits.exports.arrangements import contacts, stay_lines
from visits.exports.composition import (
    build_composition,
    names_organization,
    participant_label,
    short_name,
    split_name,
)
from visits.models.localized import LocalizedText as T


@pytest.mark.parametrize(
    ("full", "ru", "en"),
    [
        ("Виталий Владимирович Снесарь", "Снесарь В. В.", "В. В. Снесарь"),
        ("Снесарь Виталий Владимирович", "Снесарь В. В.", "В. В. Снесарь"),
        ("Виталий Снесарь", "Снесарь В.", "В. Снесарь"),
        ("Сақтағанов Нұрымбет", "Сақтағанов Н.", "Н. Сақтағанов"),
        ("Нұрымбет Сақтағанов", "Сақтағанов Н.", "Н. Сақтағанов"),
        ("Сапарова Әлия Нұрланқызы", "Сапарова Ә. Н.", "Ә. Н. Сапарова"),
        ("Ербол Нұрғалиұлы", "Нұрғалиұлы Е.", "Е. Нұрғалиұлы"),
        ("Vitaly Snesar", "Snesar V.", "V. Snesar"),
        ("Снесарь, Виталий", "Снесарь В.", "В. Снесарь"),
        ("Анна-Мария Иванова", "Иванова А.-М.", "А.-М. Иванова"),
        ("Абрамович Роман Аркадьевич", "Абрамович Р. А.", "Р. А. Абрамович"),
        ("Мадонна", "Мадонна", "Мадонна"),
    ],
)
def test_short_name_surname_and_initials_in_any_stored_order(full, ru, en):
    assert short_name(full, "ru") == short_name(full, "kk") == ru
    assert short_name(full, "en") == en


def test_split_name_finds_the_surname_by_the_patronymic():
    assert split_name("Виталий Владимирович Снесарь") == ("Снесарь", ["Виталий", "Владимирович"])
    assert split_name("Снесарь Виталий Владимирович") == ("Снесарь", ["Виталий", "Владимирович"])


def test_post_names_its_organization_in_any_case_form():
    government = "Правительство Алтайского края"
    assert names_organization("Заместитель председателя правительства Алтайского края", government)
    assert names_organization(
        "Алтай өлкесі үкіметі төрағасының орынбасары", "Алтай өлкесінің үкіметі"
    )
    assert not names_organization("Главный дирижёр", "Оркестр «Сибирь»")
    akimat = "Шығыс Қазақстан облысының әкімдігі"
    assert names_organization("Шығыс Қазақстан облысының әкімі", akimat)


def person(pid, name, post="", org=None, org_id=None, **kw):
    return NS(
        id=pid,
        full_name=T(ru=name, kk=name, en=name),
        position=T(ru=post, kk=post + " (kk)" if post else ""),
        organization=org,
        organization_id=org_id if org_id is not None else (org.id if org else None),
        **({"phone": None, "email": None} | kw),
    )


GOVERNMENT = NS(id=5, name=T(ru="Правительство Алтайского края"))
AKIMAT = NS(id=1, name=T(ru="Акимат Восточно-Казахстанской области"))
ORCHESTRA = NS(id=2, name=T(ru="Оркестр «Сибирь»"))
HEAD = person(
    1,
    "Виталий Владимирович Снесарь",
    "Заместитель председателя правительства Алтайского края",
    GOVERNMENT,
)
CONDUCTOR = person(4, "Иван Петров", "Главный дирижёр", ORCHESTRA)
AKIM = person(3, "Нурымбет Сактаганов", "Аким Восточно-Казахстанской области", AKIMAT)
DEPUTY = person(2, "Ербол Нургалиев", "Заместитель акима Восточно-Казахстанской области", AKIMAT)
GUEST_OFFICIAL = person(6, "Пётр Сидоров", "Консул", org_id=77)


def member(mid, precedence, who=None, group=None):
    return NS(
        id=mid,
        precedence=precedence,
        person=who,
        person_id=who.id if who else None,
        organization_id=group.id if group else None,
        display_name=who.full_name if who else group.name,
    )


def participant(who, side, position):
    return NS(person=who, person_id=who.id, organization_id=None, side=side, position=position,
              display_name=who.full_name)  # fmt: skip


def event(eid, hour, participants):
    return NS(id=eid, starts_at=datetime(2025, 4, 21, hour, tzinfo=UTC), participants=participants,
              responsible=None)  # fmt: skip


def visit(members):
    return NS(delegation=NS(members=members), host_organization=AKIMAT, liaison_officer=None)


def test_composition_in_precedence_with_posts_groups_and_host_officials():
    members = [member(12, 3, CONDUCTOR), member(10, 1, HEAD), member(11, 2, group=ORCHESTRA)]
    events = [
        event(1, 5, [participant(DEPUTY, "host", 1), participant(GUEST_OFFICIAL, "host", 2)]),
        event(2, 7, [participant(DEPUTY, "host", 2), participant(AKIM, "host", 1)]),
    ]
    composition = build_composition(visit(members), events, "ru")
    assert [(m.name, m.post) for m in composition.guests] == [
        ("Снесарь В. В.", "заместитель председателя правительства Алтайского края"),
        ("Оркестр «Сибирь»", ""),
        ("Петров И.", "главный дирижёр, Оркестр «Сибирь»"),
    ]
    assert composition.guests[1].is_group
    # Only the host organization's people; equal best places: the earlier first event.
    assert [m.name for m in composition.hosts] == ["Нургалиев Е.", "Сактаганов Н."]
    assert composition.hosts[1].post == "аким Восточно-Казахстанской области"
    kazakh = build_composition(visit(members[1:2]), [], "kk").guests[0]
    assert kazakh.post == "Заместитель председателя правительства Алтайского края (kk)"


def test_participant_reads_post_then_surname_and_initials():
    assert participant_label(participant(HEAD, "guest", 1), "ru") == (
        "Заместитель председателя правительства Алтайского края Снесарь\u00a0В.\u00a0В."
    )
    group = NS(person=None, display_name=T(ru="Оркестр «Сибирь»"))
    assert participant_label(group, "ru") == "Оркестр «Сибирь»"


def test_stays_and_contacts():
    hotel = NS(name=T(ru="Гостиница «Ирбис»"), address=T(ru="ул. Горького, 1"))
    stays = [
        NS(id=2, member=member(10, 1, HEAD), hotel=hotel, check_in=date(2025, 4, 21),
           check_out=date(2025, 4, 22), notes="номер 501"),
        NS(id=1, member=None, hotel=hotel, check_in=date(2025, 4, 20),
           check_out=date(2025, 4, 22), notes=None),
    ]  # fmt: skip
    guest = stay_lines(stays, "ru", "вся делегация", working=False)
    assert [(s.who, s.notes) for s in guest] == [("вся делегация", ""), ("Снесарь В. В.", "")]
    assert stay_lines(stays, "ru", "", working=True)[1].notes == "номер 501"
    officer = person(8, "Айгуль Серикова", "Главный специалист", phone="+7 701", email="a@x.kz")
    staff = person(9, "Олжас Бекенов", phone="+7 702")
    first, second = event(1, 5, []), event(2, 6, [])
    first.responsible = second.responsible = staff
    the_visit = visit([])
    the_visit.liaison_officer = officer
    found = contacts(the_visit, [second, first], "ru")
    assert [(c.name, c.phone, c.email, c.is_liaison) for c in found] == [
        ("Серикова А.", "+7 701", "a@x.kz", True),
        ("Бекенов О.", "+7 702", "", False),
    ]
