"""Planning and applying an agenda import: matching, duplicates, one transaction."""

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from visits.agenda.service import AgendaError, apply_agenda, kind_names, plan_agenda
from visits.agenda.sheet_reader import HEADERS
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventKind,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
)

ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//hand//EN\r
BEGIN:VTIMEZONE\r
TZID:Moscow time\r
BEGIN:STANDARD\r
DTSTART:20150101T000000\r
TZOFFSETFROM:+0300\r
TZOFFSETTO:+0300\r
TZNAME:MSK\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:meeting-akim@example.org\r
DTSTART;TZID=Moscow time:20250421T080000\r
DTEND;TZID=Moscow time:20250421T093000\r
SUMMARY:Встреча с акимом области\r
LOCATION:  АКИМАТ   области \r
CATEGORIES:Кездесу\r
STATUS:CONFIRMED\r
ATTENDEE;CN=Vitaly Snesar:mailto:vs@example.org\r
ATTENDEE;CN=Ерлан Аккенженов:mailto:ea@example.org\r
ATTENDEE;CN=Новый Гость:mailto:new@example.org\r
DESCRIPTION:Промышленность, туризм, культура, спорт\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:concert@example.org\r
DTSTART:20250421T130000Z\r
DTEND:20250421T150000Z\r
SUMMARY:Концерт «Во все века»\r
LOCATION:Ертіс концерт\r
CATEGORIES:Концерт\r
ATTENDEE;CN=Новый Гость:mailto:new@example.org\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:later@example.org\r
DTSTART;VALUE=DATE:20250501\r
SUMMARY:После визита\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture(autouse=True)
def english(app):
    """Messages in English (outside a request they would be in Russian)."""
    with force_locale("en"):
        yield


def counts(db) -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Event, Venue, Person)
    )


@pytest.fixture
def visit(db, make_visit):
    """A visit in Almaty (UTC+5) whose delegation has Vitaly Snesar; a host official and a
    venue exist already under other spellings."""
    snesar = Person(full_name=LocalizedText(ru="Виталий Снесарь", en="Vitaly Snesar"))
    akim = Person(full_name=LocalizedText(ru="Ерлан  Аккенженов"))
    db.session.add_all([akim, Venue(name=LocalizedText(ru="Акимат ВКО", kk="Акимат области"))])
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    delegation.members.append(DelegationMember(person=snesar, precedence=1))
    return make_visit(delegation=delegation)


def local(moment) -> str:
    return moment.astimezone(ZoneInfo("Asia/Almaty")).strftime("%Y-%m-%d %H:%M")


def test_kind_labels_in_every_language(app):
    names = kind_names()
    assert names["кездесу"] is names["встреча"] is names["meeting"] is EventKind.MEETING
    assert names["meal or reception"] is EventKind.MEAL


def test_plan_matches_venues_and_people_then_apply_creates_the_rest(db, visit):
    plan = plan_agenda(db.session, visit, "agenda.ics", ICS.encode())
    assert [e.row.title for e in plan.events] == [
        "Встреча с акимом области",
        "Концерт «Во все века»",
    ]
    meeting, concert = plan.events
    assert (meeting.venue, meeting.is_new_venue) == ("Акимат ВКО", False)
    assert (concert.venue, concert.is_new_venue) == ("Ертіс концерт", True)
    assert [(p.name, p.is_new, p.side) for p in meeting.people] == [
        ("Виталий Снесарь", False, Side.GUEST),
        ("Ерлан  Аккенженов", False, Side.HOST),
        ("Новый Гость", True, Side.GUEST),
    ]
    assert (plan.new_venues, plan.new_people) == (["Ертіс концерт"], ["Новый Гость"])
    assert [(s.title, s.reason) for s in plan.skipped] == [
        ("После визита", "outside the dates of the visit")
    ]
    before = counts(db)
    assert before == (0, 1, 2)  # planning alone saves nothing

    events = apply_agenda(db.session, visit, plan)
    db.session.commit()
    assert counts(db) == (2, 2, 3)
    first, second = events
    assert (local(first.starts_at), local(first.ends_at)) == (
        "2025-04-21 10:00",
        "2025-04-21 11:30",
    )
    assert (local(second.starts_at), local(second.ends_at)) == (
        "2025-04-21 18:00",
        "2025-04-21 20:00",
    )
    assert first.uid == "meeting-akim@example.org" and first.sequence == 0
    assert (first.kind, first.status, first.visibility) == (
        EventKind.MEETING,
        EventStatus.CONFIRMED,
        Visibility.DELEGATION,
    )
    assert (second.kind, second.status) == (EventKind.CONCERT, EventStatus.TENTATIVE)
    assert first.title == LocalizedText(ru="Встреча с акимом области")
    assert first.notes.ru == "Промышленность, туризм, культура, спорт"
    assert [(p.person.full_name.ru, p.role, p.side) for p in first.participants] == [
        ("Виталий Снесарь", ParticipantRole.GUEST, Side.GUEST),
        ("Ерлан  Аккенженов", ParticipantRole.HOST, Side.HOST),
        ("Новый Гость", ParticipantRole.GUEST, Side.GUEST),
    ]
    # The new guest is one person, in both events.
    assert second.participants[0].person_id == first.participants[2].person_id
    assert second.venue.name.ru == "Ертіс концерт"

    # The same file again: every UID exists already; nothing more is imported.
    with pytest.raises(AgendaError) as caught:
        plan_agenda(db.session, visit, "agenda.ics", ICS.encode())
    assert caught.value.messages == [
        "line 13: an event with the UID \u201cmeeting-akim@example.org\u201d exists already "
        "(imported before?).",
        "line 26: an event with the UID \u201cconcert@example.org\u201d exists already "
        "(imported before?).",
    ]


def sheet(*rows: str) -> bytes:
    return "\r\n".join([";".join(n["ru"] for n in HEADERS.values()), *rows]).encode()


def test_identical_rows_and_events_of_the_visit_are_refused(db, visit, make_event):
    data = sheet(
        "21.04.2025;10:00;11:00;Встреча;;;;",
        "21.04.2025;10:00;11:00;встреча ;;;;",
        "22.04.2025;12:00;13:00;Обед;;;;",
    )
    with pytest.raises(AgendaError) as caught:
        plan_agenda(db.session, visit, "a.csv", data)
    assert caught.value.messages == ["row 3: the same event (start, end and title) as at row 2."]

    make_event(visit, date(2025, 4, 22), time(12), time(13), title=LocalizedText(ru="Обед"))
    with pytest.raises(AgendaError) as caught:
        plan_agenda(db.session, visit, "a.csv", sheet("22.04.2025;12:00;13:00;ОБЕД;;;;"))
    assert caught.value.messages == [
        "row 2: the visit already has this event (same start, end and title)."
    ]


def test_sheet_kinds_by_label_in_any_language(db, visit):
    data = sheet(
        "21.04.2025;10:00;11:00;A;Церемония;;;",
        "21.04.2025;12:00;13:00;B;салтанатты рәсім;;;",
        "21.04.2025;14:00;15:00;C;Press;;;",
    )
    plan = plan_agenda(db.session, visit, "a.csv", data)
    assert [e.row.kind for e in plan.events] == [
        EventKind.CEREMONY,
        EventKind.CEREMONY,
        EventKind.PRESS,
    ]


def test_size_limit_format_and_nothing_within_the_visit(app, db, visit):
    app.config["IMPORT_MAX_BYTES"] = 100
    with pytest.raises(AgendaError, match="larger than 0 KB"):
        plan_agenda(db.session, visit, "a.ics", ICS.encode())
    app.config["IMPORT_MAX_BYTES"] = 1_000_000
    with pytest.raises(AgendaError, match="Unknown kind of file"):
        plan_agenda(db.session, visit, "a.pdf", b"%PDF-1.4")
    with pytest.raises(AgendaError, match="No event of the file falls within"):
        plan_agenda(db.session, visit, "a.csv", sheet("01.05.2025;10:00;11:00;Later;;;;"))
    assert counts(db) == (0, 1, 2)


def test_too_many_events_at_once(db, visit, monkeypatch):
    monkeypatch.setattr("visits.agenda.service.MAX_EVENTS", 2)
    data = sheet(*(f"21.04.2025;1{n}:00;1{n}:30;Event {n};;;;" for n in range(3)))
    with pytest.raises(AgendaError, match="holds 3 events within the visit; at most 2"):
        plan_agenda(db.session, visit, "a.csv", data)


def test_an_all_day_event_is_imported_as_all_day(db, visit):
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:exhibition@example.org\r\nDTSTAMP:20250101T000000Z\r\n"
        "DTSTART;VALUE=DATE:20250422\r\nDTEND;VALUE=DATE:20250423\r\n"
        "SUMMARY:Выставка\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    (event,) = apply_agenda(db.session, visit, plan_agenda(db.session, visit, "day.ics", data))
    db.session.commit()
    assert event.is_all_day
    # The whole local day, as stored times of an all-day event are.
    assert (local(event.starts_at), local(event.ends_at)) == (
        "2025-04-22 00:00",
        "2025-04-23 00:00",
    )
