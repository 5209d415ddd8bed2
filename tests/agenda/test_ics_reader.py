"""Reading .ics files written by different programs (no app: the reader is pure)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import ics
import pytest
import recurring_ical_events
import vobject

from visits.agenda.drafts import AgendaError
from visits.agenda.ics_expansion import Excess, count_excess
from visits.agenda.ics_reader import read_ics
from visits.models import EventKind, EventStatus

ZONE = "Asia/Almaty"  # UTC+5; Moscow is UTC+3
FIRST, LAST = date(2025, 4, 21), date(2025, 4, 22)
MOSCOW = ZoneInfo("Europe/Moscow")


def local(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo(ZONE)).strftime("%Y-%m-%d %H:%M")


def read(data: bytes):
    return read_ics(data, ZONE, FIRST, LAST)


def by_title(reading):
    return {row.title: row for row in reading.rows}


def icalendar_file() -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Test//icalendar//EN")
    calendar.add("version", "2.0")

    def event(uid, summary, start, end, **extra):
        component = icalendar.Event()
        component.add("uid", uid)
        component.add("summary", summary)
        component.add("dtstart", start)
        component.add("dtend", end)
        for name, value in extra.items():
            component.add(name.replace("_", "-"), value)
        calendar.add_component(component)
        return component

    meeting = event(
        "meet@test",
        "Встреча с акимом",
        datetime(2025, 4, 21, 8, 0, tzinfo=MOSCOW),
        datetime(2025, 4, 21, 9, 30, tzinfo=MOSCOW),
        location="Акимат области",
        description="Темы: промышленность, туризм",
        categories=["meeting", "concert"],
        status="CONFIRMED",
    )
    for name in ("Виталий Снесарь", "Ерлан Аккенженов"):
        meeting.add("attendee", f"mailto:{len(name)}@example.org", parameters={"CN": name})
    event(
        "daily@test",
        "Утренний брифинг",
        datetime(2025, 4, 19, 7, 0, tzinfo=MOSCOW),
        datetime(2025, 4, 19, 7, 30, tzinfo=MOSCOW),
        rrule={"freq": "daily", "count": 10},
    )
    event(
        "utc@test",
        "Пресс-подход",
        datetime(2025, 4, 22, 5, 0, tzinfo=ZoneInfo("UTC")),
        datetime(2025, 4, 22, 5, 30, tzinfo=ZoneInfo("UTC")),
        categories=["press"],
    )
    event(
        "float@test",
        "Концерт",
        datetime(2025, 4, 21, 18, 0),
        datetime(2025, 4, 21, 20, 0),
        categories=["concert"],
    )
    event("allday@test", "Выставка", date(2025, 4, 20), date(2025, 4, 23))
    event(
        "away@test",
        "Другой визит",
        datetime(2025, 5, 1, 10, 0, tzinfo=MOSCOW),
        datetime(2025, 5, 1, 11, 0, tzinfo=MOSCOW),
    )
    event(
        "off@test",
        "Отменено",
        datetime(2025, 4, 22, 12, 0, tzinfo=MOSCOW),
        datetime(2025, 4, 22, 13, 0, tzinfo=MOSCOW),
        status="CANCELLED",
    )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def test_icalendar_file_with_vtimezone_utc_floating_all_day_and_rrule():
    data = icalendar_file()
    assert b"BEGIN:VTIMEZONE" in data and b"TZID=Europe/Moscow" in data
    reading = read(data)
    rows = by_title(reading)
    meeting = rows["Встреча с акимом"]
    assert (local(meeting.starts_at), local(meeting.ends_at)) == (
        "2025-04-21 10:00",
        "2025-04-21 11:30",
    )
    assert meeting.uid == "meet@test"
    assert meeting.venue == "Акимат области"
    assert meeting.notes == "Темы: промышленность, туризм"
    assert meeting.participants == ("Виталий Снесарь", "Ерлан Аккенженов")
    assert meeting.kind is EventKind.MEETING
    assert meeting.status is EventStatus.CONFIRMED
    assert (local(rows["Пресс-подход"].starts_at), rows["Пресс-подход"].kind) == (
        "2025-04-22 10:00",
        EventKind.PRESS,
    )
    concert = rows["Концерт"]
    assert (local(concert.starts_at), local(concert.ends_at)) == (
        "2025-04-21 18:00",
        "2025-04-21 20:00",
    )
    assert concert.kind is EventKind.CONCERT and concert.status is EventStatus.TENTATIVE
    assert rows["Отменено"].status is EventStatus.CANCELLED
    # The daily series: only the two days of the visit, each with a UID of its own.
    briefings = [row for row in reading.rows if row.title == "Утренний брифинг"]
    assert [local(row.starts_at) for row in briefings] == ["2025-04-21 09:00", "2025-04-22 09:00"]
    assert [row.uid for row in briefings] == [
        "daily@test/20250421T040000Z",
        "daily@test/20250422T040000Z",
    ]
    # The all-day exhibition (20–22 April): a row for each of its days within the visit.
    days = [row for row in reading.rows if row.title == "Выставка"]
    assert [(local(r.starts_at), local(r.ends_at), r.all_day) for r in days] == [
        ("2025-04-21 00:00", "2025-04-22 00:00", True),
        ("2025-04-22 00:00", "2025-04-23 00:00", True),
    ]
    assert [row.uid for row in days] == ["allday@test/20250421", "allday@test/20250422"]
    assert [(s.title, s.unit, s.position > 0) for s in reading.skipped] == [
        ("Другой визит", "line", True)
    ]


def test_ics_py_file_in_utc_and_all_day():
    calendar = ics.Calendar()
    calendar.events.add(
        ics.Event(
            name="Возложение венков",
            uid="wreath@ics",
            begin=datetime(2025, 4, 21, 12, 0, tzinfo=MOSCOW),
            end=datetime(2025, 4, 21, 12, 45, tzinfo=MOSCOW),
            location="Мемориал «Победа»",
        )
    )
    day = ics.Event(name="Свободный день", uid="free@ics", begin=date(2025, 4, 22))
    day.make_all_day()
    calendar.events.add(day)
    data = calendar.serialize().encode()
    assert b"DTSTART:20250421T090000Z" in data
    rows = by_title(read(data))
    wreath = rows["Возложение венков"]
    assert (local(wreath.starts_at), local(wreath.ends_at)) == (
        "2025-04-21 14:00",
        "2025-04-21 14:45",
    )
    assert wreath.venue == "Мемориал «Победа»"
    free = rows["Свободный день"]
    assert (local(free.starts_at), local(free.ends_at), free.all_day, free.uid) == (
        "2025-04-22 00:00",
        "2025-04-23 00:00",
        True,
        "free@ics",
    )


def test_vobject_file_with_its_own_vtimezone_name():
    calendar = vobject.iCalendar()
    event = calendar.add("vevent")
    event.add("uid").value = "concert@vobject"
    event.add("summary").value = "Концерт оркестра «Сибирь»"
    event.add("dtstart").value = datetime(2025, 4, 21, 16, 0, tzinfo=MOSCOW)
    event.add("dtend").value = datetime(2025, 4, 21, 18, 0, tzinfo=MOSCOW)
    event.add("location").value = "Ертіс концерт"
    data = calendar.serialize().encode()
    assert b"TZID=MSK" in data  # a zone name only the file's VTIMEZONE defines
    (row,) = read(data).rows
    assert (local(row.starts_at), local(row.ends_at)) == ("2025-04-21 18:00", "2025-04-21 20:00")


GOOGLE = """BEGIN:VCALENDAR\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
VERSION:2.0\r
CALSCALE:GREGORIAN\r
METHOD:PUBLISH\r
X-WR-CALNAME:Визит\r
X-WR-TIMEZONE:Europe/Moscow\r
BEGIN:VEVENT\r
DTSTART:20250421T050000Z\r
DTEND:20250421T060000Z\r
DTSTAMP:20250401T000000Z\r
UID:g1@google.com\r
SUMMARY:Трансфер в гостиницу\r
CATEGORIES:трансфер\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20250422T100000\r
DTEND:20250422T110000\r
UID:g2@google.com\r
SUMMARY:Обед\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_google_file_with_x_wr_timezone():
    kinds = {"трансфер": EventKind.TRANSFER}
    rows = by_title(read_ics(GOOGLE.encode(), ZONE, FIRST, LAST, kinds))
    transfer = rows["Трансфер в гостиницу"]
    assert local(transfer.starts_at) == "2025-04-21 10:00"
    assert transfer.kind is EventKind.TRANSFER
    # Floating in a Google file means the calendar's zone (Moscow), not the visit's.
    assert local(rows["Обед"].starts_at) == "2025-04-22 12:00"


def test_a_moved_and_an_excluded_instance():
    data = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//hand//EN\r
BEGIN:VEVENT\r
UID:series\r
DTSTART;TZID=Asia/Almaty:20250420T090000\r
DURATION:PT30M\r
RRULE:FREQ=DAILY\r
EXDATE;TZID=Asia/Almaty:20250422T090000\r
SUMMARY:Планёрка\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:series\r
RECURRENCE-ID;TZID=Asia/Almaty:20250421T090000\r
DTSTART;TZID=Asia/Almaty:20250421T093000\r
DTEND;TZID=Asia/Almaty:20250421T100000\r
SUMMARY:Планёрка (позже)\r
END:VEVENT\r
END:VCALENDAR\r
""".encode()
    reading = read(data)
    assert [(row.title, local(row.starts_at), row.uid, row.position) for row in reading.rows] == [
        ("Планёрка (позже)", "2025-04-21 09:30", "series/20250421T040000Z", 12)
    ]


def error_of(data: bytes) -> list[str]:
    with pytest.raises(AgendaError) as caught:
        read(data)
    return caught.value.messages


def test_bad_files_are_refused_naming_the_line():
    ok = icalendar_file().decode()
    assert error_of(b"\r\nhello\r\nworld\r\n") == [
        "line 2: not an iCalendar file (it must begin with BEGIN:VCALENDAR)."
    ]
    broken = ok.replace("SUMMARY:Концерт\r\n", "SUMMARY:Концерт\r\nthis is not a property\r\n")
    line = broken.splitlines().index("this is not a property") + 1
    assert error_of(broken.encode()) == [
        f"line {line}: this is not an iCalendar line: \u201cthis is not a property\u201d."
    ]
    unclosed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n"
    assert error_of(unclosed.encode()) == ["line 5: END:VCALENDAR without its BEGIN."]


def test_event_problems_name_their_lines():
    data = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:a\r
DTSTART;TZID=Mars/Olympus:20250421T100000\r
DTEND;TZID=Mars/Olympus:20250421T110000\r
SUMMARY:Unknown zone\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:b\r
DTSTART:20250421T100000\r
DTEND:20250421T110000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:c\r
DTSTART:20250421T100000\r
DTEND:20250421T090000\r
SUMMARY:Backwards\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:d\r
DTSTART:2025-04-21\r
SUMMARY:Bad date\r
END:VEVENT\r
END:VCALENDAR\r
"""
    messages = error_of(data)
    assert messages[0].startswith("line 5: unknown time zone \u201cMars/Olympus\u201d")
    assert messages[1].startswith("line 6: unknown time zone")
    assert messages[2] == "line 9: the event has no title (SUMMARY)."
    assert messages[3] == "line 17: the event must end after it starts."
    assert messages[4].startswith("line 22: DTSTART cannot be read")
    assert len(messages) == 5


def test_not_utf8_and_no_events():
    assert error_of("BEGIN:VCALENDAR\r\nX:é\r\n".encode("latin-1"))[0].startswith("line 2: ")
    assert error_of(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n") == [
        "The file holds no events (VEVENT)."
    ]


def test_an_unknown_calendar_zone_and_too_frequent_rules():
    google = GOOGLE.replace("X-WR-TIMEZONE:Europe/Moscow", "X-WR-TIMEZONE:Mars/Base")
    assert error_of(google.encode())[0].startswith("line 7: unknown time zone in X-WR-TIMEZONE")
    rule = GOOGLE.replace("SUMMARY:Обед", "SUMMARY:Обед\r\nRRULE:FREQ=MINUTELY")
    assert error_of(rule.encode()) == [
        "line 21: an event repeating every minute or second is not an agenda."
    ]


def test_two_calendars_and_a_start_that_is_no_date():
    one = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250421T100000Z\r\nSUMMARY:x\r\n"
    one += "END:VEVENT\r\nEND:VCALENDAR\r\n"
    assert error_of((one + one).encode()) == [
        "line 7: a second calendar in the file; export one calendar at a time."
    ]
    period = one.replace("DTSTART:20250421T100000Z", "DTSTART;VALUE=PERIOD:20250421T100000Z/PT1H")
    assert error_of(period.encode()) == ["line 3: DTSTART must be a date or a date and time."]


def test_a_uid_too_long_for_the_database():
    data = GOOGLE.replace("UID:g2@google.com", "UID:" + "x" * 300).encode()
    assert error_of(data) == ["line 16: the UID is longer than 255 characters."]


def series(rule: str) -> bytes:
    event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bomb\r\n"
    event += f"DTSTART:20250421T000000Z\r\nDTEND:20250421T000001Z\r\nRRULE:{rule}\r\n"
    return (event + "SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def test_a_rule_of_every_second_is_refused_before_it_is_expanded(monkeypatch):
    every = ",".join(str(n) for n in range(60))
    bomb = series(f"FREQ=HOURLY;BYMINUTE={every};BYSECOND={every}")
    assert len(bomb) < 530

    def expand(*args, **kwargs):
        raise AssertionError("the rule was expanded")

    monkeypatch.setattr(recurring_ical_events, "of", expand)
    assert error_of(bomb) == ["line 7: an event repeating every minute or second is not an agenda."]
    every_minute = series(f"FREQ=HOURLY;BYMINUTE={every}")
    assert error_of(every_minute) == [
        "line 7: with this event the file holds more than 1000 events within the visit; "
        "at most 1000 are imported at once."
    ]
    hourly_since_1900 = series("FREQ=HOURLY").replace(b"20250421T0000", b"19000101T0000")
    assert error_of(hourly_since_1900)[0].startswith("line 7: the series starts too long before")


def test_instances_are_counted_one_by_one_up_to_the_cap():
    drawn = []

    def every_second():
        moment = datetime(2025, 4, 21)
        while True:
            drawn.append(moment)
            yield moment
            moment += timedelta(seconds=1)

    first, last = datetime(2025, 4, 21), datetime(2025, 4, 23)
    assert count_excess(every_second(), first, last, 1000) is Excess.TOO_MANY
    assert len(drawn) == 1001
    assert count_excess(iter([first, last]), first, last, 1000) is None
