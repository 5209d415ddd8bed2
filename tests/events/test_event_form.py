"""Creating and editing an event through its form."""

import re
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from tests.events.conftest import edit_data, form_data, rows, text_of
from tests.html_forms import form_fields
from visits.events.rows import BLANK_ROWS
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    LocalizedText,
    MemberRole,
    Organization,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
)
from visits.visits.conflict_cache import conflict_cache


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_new_event_is_stored_in_utc_and_opens_its_edit_form(staff_client, db, make_visit):
    visit = make_visit()
    response = staff_client.post(f"/visits/{visit.id}/events/new", data=form_data())
    assert response.status_code == 302, text_of(response)
    event = db.session.scalar(select(Event))
    assert response.headers["Location"].endswith(f"/events/{event.id}/edit")
    # 19:00 in Asia/Almaty (UTC+5) on 21 April 2025 is 14:00 UTC.
    assert event.starts_at == datetime(2025, 4, 21, 14, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2025, 4, 21, 16, 0, tzinfo=UTC)
    assert (event.title.ru, event.title.kk, event.title.en) == (
        "Встреча с акимом",
        None,
        "Meeting with the akim",
    )
    assert event.sequence == 0 and event.uid.endswith("@visits")
    page = staff_client.get(response.headers["Location"])
    assert "Saved." in text_of(page)
    assert 'value="19:00"' in page.get_data(as_text=True)


def test_the_new_form_takes_its_day_from_the_link_and_names_the_zone(staff_client, make_visit):
    visit = make_visit()
    page = staff_client.get(f"/visits/{visit.id}/events/new?day=2025-04-22")
    assert page.status_code == 200
    assert 'value="2025-04-22"' in page.get_data(as_text=True)
    assert "time: Almaty (UTC+5)" in text_of(page)
    # A day outside the visit, or no date at all, falls back to the first day.
    for junk in ("2030-01-01", "yesterday"):
        page = staff_client.get(f"/visits/{visit.id}/events/new?day={junk}")
        assert 'value="2025-04-21"' in page.get_data(as_text=True)


def test_an_event_past_midnight_ends_the_next_day(staff_client, db, make_visit):
    visit = make_visit()
    data = form_data(start_time="22:00", end_time="01:00", ends_next_day="y")
    assert staff_client.post(f"/visits/{visit.id}/events/new", data=data).status_code == 302
    event = db.session.scalar(select(Event))
    assert event.ends_at == datetime(2025, 4, 21, 20, 0, tzinfo=UTC)  # 01:00 on the 22nd
    page = staff_client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="ends_next_day"[^>]*>', page)
    assert box and "checked" in box.group(0)
    assert 'value="01:00"' in page


@pytest.mark.parametrize(
    ("overrides", "message", "field"),
    [
        ({"end_time": "18:00"}, "The event must end after it starts.", "end_time"),
        ({"day": "2025-04-25"}, "The event falls outside the dates of the visit.", "day"),
        ({"title_ru": ""}, "This field is required.", "title_ru"),
        ({"title_ru": "я" * 301}, "Field cannot be longer than 300 characters.", "title_ru"),
        ({"start_time": "25:99"}, "Not a valid time value.", "start_time"),
        ({"venue_id": "999"}, "Not a valid choice.", "venue_id"),
        ({"venue_id": "abc"}, "Invalid Choice: could not coerce.", "venue_id"),
    ],
)
def test_invalid_input_is_refused_beside_its_field_and_kept(
    staff_client, db, make_visit, cast, overrides, message, field
):
    visit = make_visit()
    data = form_data(internal_notes="keep me", **overrides)
    response = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in text_of(response)
    # The message sits in the field's own block, after its input.
    block = html.split(f'name="{field}"', 1)[1].split('<div class="field', 1)[0]
    assert message.split(".")[0].replace("'", "&#39;") in block
    assert "keep me" in html  # the user's input is kept
    assert "Please correct the marked fields." in text_of(response)
    assert count(db, Event) == 0


def test_a_row_naming_a_person_and_a_group_is_refused_on_that_row(
    staff_client, db, make_visit, cast
):
    visit = make_visit()
    person, group = cast.people[0], cast.groups[0]
    data = form_data() | rows((person.id, group.id, "guest", "guest"))
    response = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    row = html.split('name="participants-0-organization_id"', 1)[1].split("</td>", 1)[0]
    assert "Choose a person or a group, not both." in row
    assert count(db, Event) == 0 and count(db, EventParticipant) == 0


def test_the_same_person_twice_is_refused(staff_client, db, make_visit, cast):
    visit = make_visit()
    person = cast.people[1]
    data = form_data() | rows(
        (person.id, None, "guest", "guest"), (person.id, None, "speaker", "guest")
    )
    response = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    second = html.split('name="participants-1-person_id"', 1)[1].split("</td>", 1)[0]
    assert "Already listed above." in second
    assert count(db, Event) == 0


def test_an_unknown_person_is_refused_beside_the_field(staff_client, db, make_visit, cast):
    visit = make_visit()
    data = form_data() | rows((9999, None, "guest", "guest"))
    response = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "This person no longer exists." in html.split('name="participants-0-person_id"', 1)[1]
    assert count(db, Event) == 0


def test_participants_are_saved_in_row_order_with_roles_and_sides(
    staff_client, db, make_visit, cast
):
    visit = make_visit()
    akim, head, soloist = cast.people
    siberia = cast.groups[0]
    data = form_data() | rows(
        (akim.id, None, "host", "host"),
        (None, siberia.id, "performer", "guest"),
        (head.id, None, "guest", "guest"),
        (None, None, "guest", "guest"),  # a blank row: ignored
    )
    assert staff_client.post(f"/visits/{visit.id}/events/new", data=data).status_code == 302
    event = db.session.scalar(select(Event))
    assert [
        (p.person_id, p.organization_id, p.role, p.side, p.position) for p in event.participants
    ] == [
        (akim.id, None, ParticipantRole.HOST, Side.HOST, 0),
        (None, siberia.id, ParticipantRole.PERFORMER, Side.GUEST, 1),
        (head.id, None, ParticipantRole.GUEST, Side.GUEST, 2),
    ]

    # Edit: remove the akim, add the soloist, change the head's role.
    first_ids = {p.person_id or p.organization_id: p.id for p in event.participants}
    data = edit_data(event) | rows(
        (akim.id, None, "host", "host", "remove"),
        (None, siberia.id, "performer", "guest"),
        (head.id, None, "speaker", "guest"),
        (soloist.id, None, "performer", "guest"),
        (None, None, "guest", "guest"),
    )
    assert staff_client.post(f"/events/{event.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    event = db.session.get(Event, event.id)
    assert [(p.display_name.ru, p.role, p.position) for p in event.participants] == [
        ("«Сибирь»", ParticipantRole.PERFORMER, 0),
        ("Снесарь", ParticipantRole.SPEAKER, 1),
        ("Солист", ParticipantRole.PERFORMER, 2),
    ]
    # Who stays keeps their row.
    assert event.participants[0].id == first_ids[siberia.id]
    assert count(db, EventParticipant) == 3


def test_the_edit_form_offers_blank_rows_and_a_remove_box_per_participant(
    staff_client, db, make_visit, make_event, cast
):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    event.participants.append(
        EventParticipant(person=cast.people[0], role=ParticipantRole.HOST, side=Side.HOST)
    )
    db.session.commit()
    html = staff_client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert html.count('<tr class="participant">') == 1 + BLANK_ROWS  # one filled, the rest blank
    assert 'name="participants-0-remove"' in html
    assert 'name="participants-1-remove"' not in html
    assert 'name="participants-3-person_id"' in html


def test_sequence_grows_on_visible_changes_only_and_the_uid_never_changes(
    staff_client, db, make_visit, make_event, cast
):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    uid = event.uid

    def save(**overrides) -> Event:
        db.session.expire_all()
        current = db.session.get(Event, event.id)
        response = staff_client.post(
            f"/events/{event.id}/edit", data=edit_data(current, **overrides)
        )
        assert response.status_code == 302, text_of(response)
        db.session.expire_all()
        return db.session.get(Event, event.id)

    assert save(internal_notes="Машины к 9:30").sequence == 0
    assert save(notes_ru="Форма одежды деловая", description_ru="Подробно").sequence == 0
    assert save(title_ru="Встреча с акимом области").sequence == 1
    assert save(start_time="10:30", end_time="11:30").sequence == 2
    assert save(venue_id=str(cast.venues[0].id)).sequence == 3
    assert save(status="tentative").sequence == 4
    assert save(title_en="Meeting").sequence == 5  # any language of the title
    saved = save()  # nothing changed
    assert saved.sequence == 5
    assert saved.uid == uid
    assert saved.internal_notes == "Машины к 9:30"


def test_an_edit_that_breaks_a_rule_changes_nothing(staff_client, db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    data = edit_data(event, title_ru="Новое", end_time="09:00")
    response = staff_client.post(f"/events/{event.id}/edit", data=data)
    assert response.status_code == 422
    assert "The event must end after it starts." in text_of(response)
    db.session.expire_all()
    stored = db.session.get(Event, event.id)
    assert stored.title.ru == "Встреча" and stored.sequence == 0


def test_the_later_of_two_edits_is_refused_and_merged(staff_client, db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    first = edit_data(event, title_ru="Встреча с акимом области")
    second = edit_data(event, title_ru="Встреча в акимате", internal_notes="моя заметка")
    assert staff_client.post(f"/events/{event.id}/edit", data=first).status_code == 302
    response = staff_client.post(f"/events/{event.id}/edit", data=second)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "A colleague saved this record after you opened it." in html
    assert "Title (RU)" in html and "Встреча с акимом области" in html  # what changed
    assert "Встреча в акимате" in html and "моя заметка" in html  # the input is kept
    db.session.expire_all()
    stored = db.session.get(Event, event.id)
    assert stored.title.ru == "Встреча с акимом области"
    assert stored.internal_notes is None
    # The re-shown form carries the current version: saving again is deliberate.
    assert f'value="{stored.version_id}"' in html


def test_a_participants_only_edit_also_guards_against_a_lost_update(
    staff_client, db, make_visit, make_event, cast
):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    loaded = edit_data(event)
    added = loaded | rows((cast.people[0].id, None, "host", "host"))
    assert staff_client.post(f"/events/{event.id}/edit", data=added).status_code == 302
    other = loaded | rows((cast.people[1].id, None, "guest", "guest"))
    assert staff_client.post(f"/events/{event.id}/edit", data=other).status_code == 409
    db.session.expire_all()
    stored = db.session.get(Event, event.id)
    assert [p.person_id for p in stored.participants] == [cast.people[0].id]
    assert stored.sequence == 0


def test_the_edit_page_needs_no_more_queries_for_more_participants(
    staff_client, db, make_visit, make_event, cast, count_queries
):
    visit = make_visit()
    few = make_event(visit, date(2025, 4, 21), time(10), time(11))
    many = make_event(visit, date(2025, 4, 21), time(12), time(13))
    few.participants.append(
        EventParticipant(person=cast.people[0], role=ParticipantRole.HOST, side=Side.HOST)
    )
    few.participants.append(  # the names of people and of groups are read once each
        EventParticipant(
            organization=cast.groups[0], role=ParticipantRole.PERFORMER, side=Side.GUEST, position=1
        )
    )
    for n, person in enumerate(cast.people):
        many.participants.append(
            EventParticipant(person=person, role=ParticipantRole.GUEST, side=Side.GUEST, position=n)
        )
    for n, group in enumerate(cast.groups):
        many.participants.append(
            EventParticipant(
                organization=group, role=ParticipantRole.PERFORMER, side=Side.GUEST, position=9 + n
            )
        )
    db.session.commit()
    few_url, many_url = f"/events/{few.id}/edit", f"/events/{many.id}/edit"
    db.session.expire_all()
    with count_queries() as queries:
        assert staff_client.get(few_url).status_code == 200
    db.session.expire_all()
    conflict_cache.clear()  # the visit's conflicts computed again, as for the first form
    with count_queries() as more:
        assert staff_client.get(many_url).status_code == 200
    assert len(more) == len(queries), "\n".join(more)


def test_a_cancelled_status_can_be_chosen_in_the_form(staff_client, db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    data = edit_data(event, status="cancelled")
    assert staff_client.post(f"/events/{event.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, event.id).status is EventStatus.CANCELLED


def test_a_host_is_put_on_the_host_side_even_if_the_side_was_left_as_guest(
    staff_client, db, make_visit, cast
):
    visit = make_visit()
    host = cast.people[0]
    data = form_data() | rows((host.id, None, "host", "guest"))
    assert staff_client.post(f"/visits/{visit.id}/events/new", data=data).status_code == 302
    (participant,) = db.session.scalars(select(EventParticipant)).all()
    assert participant.side is Side.HOST


def test_a_new_event_starts_after_the_days_last_event_at_its_venue(
    staff_client, db, make_visit, make_event
):
    visit = make_visit()
    hall = Venue(name=LocalizedText(ru="Зал"))
    db.session.add(hall)
    db.session.commit()
    make_event(visit, date(2025, 4, 22), time(10), time(11, 20), venue_id=hall.id)
    page = staff_client.get(f"/visits/{visit.id}/events/new?day=2025-04-22")
    fields = form_fields(page.get_data(as_text=True))
    assert (fields["day"], fields["start_time"], fields["end_time"]) == (
        "2025-04-22",
        "11:20",
        "12:20",
    )
    assert fields["venue_id"] == str(hall.id)


def test_the_whole_delegation_and_the_host_join_the_rows_in_one_move_unsaved(
    staff_client, db, make_visit
):
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    for number, (name, role) in enumerate(
        [("Глава", MemberRole.HEAD), ("Переводчик", MemberRole.INTERPRETER)], start=1
    ):
        delegation.members.append(
            DelegationMember(
                person=Person(full_name=LocalizedText(ru=name)), role=role, precedence=number
            )
        )
    host = Organization(name=LocalizedText(ru="Акимат"))
    visit = make_visit(delegation=delegation, host_organization=host)
    head, interpreter = (member.person_id for member in delegation.members)
    url = f"/visits/{visit.id}/events/new"
    data = form_fields(staff_client.get(url).text) | {"title_ru": "Встреча", "add": "delegation"}
    page = staff_client.post(url, data=data)
    assert page.status_code == 200 and count(db, Event) == 0
    fields = form_fields(page.text)
    assert [fields[f"participants-{i}-person_id"] for i in (0, 1)] == [str(head), str(interpreter)]
    assert [fields[f"participants-{i}-role"] for i in (0, 1)] == ["guest", "interpreter"]
    again = staff_client.post(url, data=fields | {"add": "delegation"})  # nobody twice
    assert form_fields(again.text)["participants-2-person_id"] == ""
    with_host = form_fields(staff_client.post(url, data=fields | {"add": "host"}).text)
    assert with_host["participants-2-organization_id"] == str(host.id)
    assert with_host["participants-2-side"] == "host"
    saved = staff_client.post(url, data={k: v for k, v in with_host.items() if k != "add"})
    assert saved.status_code == 302 and count(db, EventParticipant) == 3


def test_saving_an_event_in_the_second_pass_of_the_repeated_hour_keeps_it_there(
    staff_client, db, make_visit
):
    """02:30 happens twice on 27 October 2024 in Berlin: the form keeps the second one."""
    visit = make_visit(
        timezone="Europe/Berlin", start_date=date(2024, 10, 26), end_date=date(2024, 10, 28)
    )
    second_pass = datetime(2024, 10, 27, 1, 30, tzinfo=UTC)  # 02:30 CET, after 02:30 CEST
    event = Event(
        visit=visit,
        kind=EventKind.MEETING,
        title=LocalizedText(ru="Встреча"),
        starts_at=second_pass,
        ends_at=datetime(2024, 10, 27, 2, 0, tzinfo=UTC),  # 03:00 CET
        status=EventStatus.CONFIRMED,
        visibility=Visibility.DELEGATION,
    )
    db.session.add(event)
    db.session.commit()
    sequence = event.sequence
    url = f"/events/{event.id}/edit"
    fields = form_fields(staff_client.get(url).get_data(as_text=True))
    assert (fields["start_time"], fields["end_time"]) == ("02:30", "03:00")

    response = staff_client.post(url, data=fields)
    assert response.status_code == 302, text_of(response)
    db.session.refresh(event)
    assert event.starts_at == second_pass
    assert event.sequence == sequence


def test_the_move_form_keeps_the_second_pass_of_the_repeated_hour(staff_client, db, make_visit):
    """Moving the second 02:30 to 02:30 of the same day (the form as it opens) moves nothing."""
    visit = make_visit(
        timezone="Europe/Berlin", start_date=date(2024, 10, 26), end_date=date(2024, 10, 28)
    )
    second_pass = datetime(2024, 10, 27, 1, 30, tzinfo=UTC)  # 02:30 CET, after 02:30 CEST
    event = Event(
        visit=visit,
        kind=EventKind.MEETING,
        title=LocalizedText(ru="Встреча"),
        starts_at=second_pass,
        ends_at=datetime(2024, 10, 27, 2, 0, tzinfo=UTC),
        status=EventStatus.CONFIRMED,
        visibility=Visibility.DELEGATION,
    )
    db.session.add(event)
    db.session.commit()
    url = f"/events/{event.id}/move"
    fields = form_fields(staff_client.get(url).get_data(as_text=True))
    assert (fields["start_time"], fields["start_fold"]) == ("02:30", "1")

    response = staff_client.post(url, data=fields)
    assert response.status_code == 302, text_of(response)
    db.session.refresh(event)
    assert event.starts_at == second_pass


def test_an_all_day_event_needs_no_times_and_fills_its_day(staff_client, db, make_visit):
    visit = make_visit()
    data = form_data(start_time="", end_time="", is_all_day="y")
    response = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert response.status_code == 302, text_of(response)
    event = db.session.scalar(select(Event))
    assert event.is_all_day
    # 00:00 to 24:00 on 21 April in Almaty (UTC+5).
    assert event.starts_at == datetime(2025, 4, 20, 19, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2025, 4, 21, 19, 0, tzinfo=UTC)
    page = staff_client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="is_all_day"[^>]*>', page)
    assert box and "checked" in box.group(0)
    shown = text_of(staff_client.get(f"/visits/{visit.id}"))
    assert "all day" in shown and "00:00–00:00" not in shown
    # Timed again: the flag goes, and the feeds are told (SEQUENCE).
    edit = edit_data(event, start_time="10:00", end_time="11:00")
    edit.pop("ends_next_day", None)
    assert staff_client.post(f"/events/{event.id}/edit", data=edit).status_code == 302
    db.session.refresh(event)
    assert not event.is_all_day and event.sequence == 1
    assert event.starts_at == datetime(2025, 4, 21, 5, 0, tzinfo=UTC)


def test_a_timed_event_still_needs_its_times(staff_client, db, make_visit):
    visit = make_visit()
    data = form_data(start_time="", end_time="")
    response = staff_client.post(f"/visits/{visit.id}/events/new", data=data)
    assert response.status_code == 422
    assert text_of(response).count("This field is required.") == 2
    assert count(db, Event) == 0
