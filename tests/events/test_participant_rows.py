"""The event form's participant rows: no limit, more rows, the head's party, saved groups,
and creating a person or a venue from inside the form without script."""

from datetime import date, time

from sqlalchemy import func, select

from tests.events.conftest import edit_data, form_data, rows
from tests.html_forms import form_fields
from visits.events.rows import BLANK_ROWS
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventParticipant,
    LocalizedText,
    MemberRole,
    ParticipantList,
    ParticipantListEntry,
    ParticipantRole,
    Person,
    Side,
    Venue,
)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def person_rows(fields: dict[str, str]) -> list[str]:
    """The person ids of the rows, in order, blank rows left out."""
    found = []
    n = 0
    while f"participants-{n}-person_id" in fields:
        if fields[f"participants-{n}-person_id"]:
            found.append(fields[f"participants-{n}-person_id"])
        n += 1
    return found


def test_any_number_of_rows_is_saved(staff_client, db, make_visit):
    visit = make_visit()
    people = [Person(full_name=LocalizedText(ru=f"Участник {n}")) for n in range(300)]
    db.session.add_all(people)
    db.session.commit()
    data = form_data() | rows(*((p.id, None, "guest", "guest") for p in people))
    page = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert page.status_code == 302
    assert count(db, EventParticipant) == 300


def test_more_rows_offers_blank_rows_and_saves_nothing(staff_client, db, make_visit):
    visit = make_visit()
    url = f"/visits/{visit.id}/events/new"
    fields = form_fields(staff_client.get(url).text)
    page = staff_client.post(url, data=fields | {"title_ru": "Обед", "add": "rows"})
    assert page.status_code == 200 and count(db, Event) == 0
    more = form_fields(page.text)
    assert f"participants-{2 * BLANK_ROWS - 1}-person_id" in more
    assert more["title_ru"] == "Обед"


def delegation_of(names_roles_party):
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    for number, (name, role, with_head) in enumerate(names_roles_party, start=1):
        delegation.members.append(
            DelegationMember(
                person=Person(full_name=LocalizedText(ru=name)),
                role=role,
                precedence=number,
                is_with_head=with_head,
            )
        )
    return delegation


def test_the_head_and_their_party_join_in_precedence_among_the_rows(staff_client, make_visit):
    delegation = delegation_of(
        [
            ("Глава", MemberRole.HEAD, False),
            ("Заместитель", MemberRole.DEPUTY_HEAD, False),
            ("Помощник", MemberRole.MEMBER, True),
        ]
    )
    visit = make_visit(delegation=delegation)
    head, deputy, aide = (str(m.person_id) for m in delegation.members)
    url = f"/visits/{visit.id}/events/new"
    # The deputy is listed already; the head comes before them, the aide after.
    data = form_data() | rows((deputy, None, "guest", "guest")) | {"add": "party"}
    fields = form_fields(staff_client.post(url, data=data).text)
    assert person_rows(fields) == [head, deputy, aide]


def test_a_saved_group_joins_the_rows_in_one_move(staff_client, db, make_visit, cast):
    visit = make_visit()
    saved = ParticipantList(name=LocalizedText(ru="Оркестр «Сибирь»"))
    saved.entries = [
        ParticipantListEntry(
            organization_id=cast.groups[0].id, role=ParticipantRole.PERFORMER, side=Side.GUEST
        ),
        ParticipantListEntry(
            person_id=cast.people[2].id, role=ParticipantRole.PERFORMER, side=Side.HOST, position=1
        ),
    ]
    db.session.add(saved)
    db.session.commit()
    url = f"/visits/{visit.id}/events/new"
    page = staff_client.get(url)
    assert "Оркестр «Сибирь»" in page.text
    data = form_data() | {"saved_group_id": str(saved.id), "add": "saved"}
    fields = form_fields(staff_client.post(url, data=data).text)
    assert fields["participants-0-organization_id"] == str(cast.groups[0].id)
    assert fields["participants-1-person_id"] == str(cast.people[2].id)
    assert fields["participants-1-side"] == "host"
    assert count(db, Event) == 0


def test_adding_no_saved_group_says_so_beside_the_select(staff_client, db, make_visit, cast):
    db.session.add(ParticipantList(name=LocalizedText(ru="Свита")))
    db.session.commit()
    visit = make_visit()
    data = form_data() | {"saved_group_id": "", "add": "saved"}
    page = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert "Choose a saved group to add." in page.text


def namesakes(db) -> list[Person]:
    people = [
        Person(full_name=LocalizedText(ru="Иван Петров"), position=LocalizedText(ru="Аким")),
        Person(full_name=LocalizedText(ru="Иван Петров"), position=LocalizedText(ru="Пианист")),
        Person(full_name=LocalizedText(ru="Анна Петрова", en="Anna Petrova")),
    ]
    db.session.add_all(people)
    db.session.commit()
    return people


def typed(*names: str) -> dict[str, str]:
    """Rows as the form posts them without script: a name typed, the id left empty."""
    data = rows(*((None, None, "guest", "guest") for _ in names))
    return data | {f"participants-{n}-person_name": name for n, name in enumerate(names)}


def test_a_name_typed_without_script_names_its_one_person(staff_client, db, make_visit):
    _aкim, pianist, anna = namesakes(db)
    visit = make_visit()
    data = form_data() | typed("  anna PETROVA ", "Иван Петров (Пианист)")
    page = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert page.status_code == 302
    event = db.session.scalars(select(Event)).one()
    assert [p.person_id for p in event.participants] == [anna.id, pianist.id]


def test_a_name_of_namesakes_or_of_nobody_is_refused_on_its_row(staff_client, db, make_visit):
    namesakes(db)
    visit = make_visit()
    data = form_data() | typed("Иван Петров", "Пётр Иванов")
    page = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert page.status_code == 422 and count(db, Event) == 0
    first, second = page.text.split('name="participants-1-person_name"')
    assert "Several are named «Иван Петров»" in first
    assert "Иван Петров (Аким); Иван Петров (Пианист)" in first
    assert "No person is named «Пётр Иванов»" in second.split("participants-2-")[0]
    fields = form_fields(page.text)  # each row keeps what was typed
    assert fields["participants-0-person_name"] == "Иван Петров"
    assert fields["participants-1-person_name"] == "Пётр Иванов"


def test_a_person_created_from_the_new_event_form_joins_it_without_script(
    staff_client, db, make_visit
):
    visit = make_visit()
    url = f"/visits/{visit.id}/events/new"
    data = form_data(title_ru="Ужин") | {"create": "person"}
    detour = staff_client.post(url, data=data)
    assert detour.status_code == 302 and detour.location.endswith("/people/new?draft=1")
    person_form = staff_client.get(detour.location)
    assert "you return to the event form" in person_form.text
    created = staff_client.post(detour.location, data={"full_name_ru": "Новый гость"})
    assert created.status_code == 302 and created.location.endswith(f"{url}?restore=1")
    restored = form_fields(staff_client.get(created.location).text)
    person = db.session.scalars(select(Person)).one()
    assert restored["title_ru"] == "Ужин" and restored["start_time"] == "19:00"
    assert person_rows(restored) == [str(person.id)]
    assert count(db, Event) == 0  # nothing saved until the user saves
    assert staff_client.post(url, data=restored).status_code == 302
    assert count(db, EventParticipant) == 1


def test_a_venue_created_from_the_edit_form_is_chosen_and_the_version_kept(
    staff_client, db, make_visit, make_event
):
    event = make_event(make_visit(), date(2025, 4, 21), time(10), time(11))
    url = f"/events/{event.id}/edit"
    data = edit_data(event, title_ru="Встреча (изменено)") | {"create": "venue"}
    detour = staff_client.post(url, data=data)
    assert detour.location.endswith("/venues/new?draft=1")
    created = staff_client.post(detour.location, data={"name_ru": "Ертіс концерт"})
    restored = form_fields(staff_client.get(created.location).text)
    venue = db.session.scalars(select(Venue)).one()
    assert restored["venue_id"] == str(venue.id)
    assert restored["title_ru"] == "Встреча (изменено)"
    assert restored["version_id"] == str(event.version_id)
    # A second visit of the address finds no draft: the event as saved.
    assert form_fields(staff_client.get(created.location).text)["title_ru"] == "Встреча"


def test_a_person_created_from_the_people_page_goes_to_the_list(staff_client, make_visit):
    staff_client.post(
        f"/visits/{make_visit().id}/events/new", data=form_data() | {"create": "person"}
    )
    created = staff_client.post("/people/new", data={"full_name_ru": "Кто-то"})
    assert created.location.endswith("/people/")
