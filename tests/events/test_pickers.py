"""The event form's pickers cost what they show: no choice per person or organization, the
same queries whatever the number of people and participants; the search endpoints they ask
(at most MOST_FOUND, staff only)."""

from datetime import date, time

from visits.models import (
    EventParticipant,
    LocalizedText,
    Organization,
    ParticipantRole,
    Person,
    Side,
)
from visits.web.picker import MOST_FOUND


def add_people(db, count: int, prefix: str = "Участник") -> list[Person]:
    people = [Person(full_name=LocalizedText(ru=f"{prefix} {n:02d}")) for n in range(count)]
    db.session.add_all(people)
    db.session.commit()
    return people


def edit_page(client, db, count_queries, event_id: int):
    db.session.expire_all()
    with count_queries() as queries:
        page = client.get(f"/events/{event_id}/edit")
    assert page.status_code == 200
    return page.text, len(queries)


def test_the_forms_hold_no_choice_per_person_and_the_same_queries_at_any_size(
    staff_client, db, make_visit, make_event, count_queries
):
    visit = make_visit()
    url = f"/visits/{visit.id}/events/new"
    add_people(db, 2)
    db.session.expire_all()
    with count_queries() as before:
        small = staff_client.get(url).text
    people = add_people(db, 12, "Гость")
    db.session.add(Organization(name=LocalizedText(ru="Ансамбль")))
    db.session.commit()
    db.session.expire_all()
    with count_queries() as after:
        big = staff_client.get(url).text
    assert len(after) == len(before)
    assert len(big) == len(small) and "Гость" not in big  # no list of people

    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    few = make_event(visit, date(2025, 4, 21), time(12), time(13))
    for n, person in enumerate(people):
        event.participants.append(
            EventParticipant(person=person, role=ParticipantRole.GUEST, side=Side.GUEST, position=n)
        )
    few.participants.append(
        EventParticipant(person=people[0], role=ParticipantRole.GUEST, side=Side.GUEST)
    )
    db.session.commit()
    edit_page(staff_client, db, count_queries, event.id)  # the visit's conflicts computed once
    many_page, many_queries = edit_page(staff_client, db, count_queries, event.id)
    few_page, few_queries = edit_page(staff_client, db, count_queries, few.id)
    assert many_queries == few_queries
    assert (
        "<option" not in many_page.split('name="participants-0-person_name"')[1].split("-role")[0]
    )
    assert all(f"Гость {n:02d}" in many_page for n in range(12))  # each row shows its name
    assert "Гость 05" not in few_page


def found(client, what: str, term: str):
    return client.get(f"/{what}/search", query_string={"q": term})


def test_the_searches_answer_at_most_a_screenful(staff_client, db):
    add_people(db, MOST_FOUND + 3)
    db.session.add_all(
        Organization(name=LocalizedText(ru=f"Ансамбль {n}", en=f"Ensemble {n}"))
        for n in range(MOST_FOUND + 3)
    )
    db.session.commit()
    assert len(found(staff_client, "people", "участник").json["people"]) == MOST_FOUND
    groups = found(staff_client, "organizations", "ансамбль").json["organizations"]
    assert len(groups) == MOST_FOUND
    assert set(groups[0]) == {"id", "name", "other_names", "position", "organization"}
    assert found(staff_client, "organizations", " ").json == {"organizations": []}


def test_the_searches_are_for_staff_only(app, viewer_client, db):
    add_people(db, 1)
    anonymous = app.test_client()
    for what in ("people", "organizations"):
        assert found(anonymous, what, "Участник").status_code == 302  # to sign-in
        assert found(viewer_client, what, "Участник").status_code == 200
