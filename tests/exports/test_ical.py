"""The feed renderer: RFC 5545 bytes that a strict parser (`ical`) and icalendar read back."""

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from visits.exports.ical import (
    FeedCalendar,
    FeedEvent,
    clear_caches,
    render_cache,
    render_calendar,
    render_event,
)

ALMATY = ZoneInfo("Asia/Almaty")
BARNAUL = ZoneInfo("Asia/Barnaul")
KAZAKH = "әіңғүұқөһ ӘІҢҒҮҰҚӨҺ"
HOSTILE = (
    "Встреча; с акимом, области\nвторая строка\\третья \\N не перевод \\n тоже, "
    + "Қош келдіңіздер! Шығыс Қазақстан облысының әкімдігі " * 6
    + KAZAKH
    + " 🎻🎺👍🏽🇰🇿 конец"
)


def local(day: int, hour: int, minute: int = 0, month: int = 4, year: int = 2025) -> datetime:
    """A wall time in Almaty, as the UTC instant the database stores."""
    return datetime(year, month, day, hour, minute, tzinfo=ALMATY).astimezone(UTC)


def make_event(**overrides) -> FeedEvent:
    values = {
        "uid": "meeting-1@visits.example",
        "sequence": 0,
        "starts_at": local(21, 10),
        "ends_at": local(21, 11, 30),
        "zone": "Asia/Almaty",
        "summary": "Встреча с акимом Восточно-Казахстанской области",
        "status": "confirmed",
        "category": "Встреча",
        "location": "Акимат ВКО, Усть-Каменогорск, ул. Горького, 40",
        "geo": (49.9483, 82.6279),
        "description": "Темы: промышленность, туризм, культура, спорт.\nДресс-код: деловой",
        "url": "https://visits.example/events/1",
        "created_at": datetime(2025, 4, 1, 9, 0, tzinfo=UTC),
        "updated_at": datetime(2025, 4, 18, 12, 30, tzinfo=UTC),
    }
    return FeedEvent(**(values | overrides))


def make_calendar(**overrides) -> FeedCalendar:
    values = {
        "name": "Визит делегации Алтайского края",
        "description": "«Во все века»: программа визита в Усть-Каменогорск",
        "language": "ru",
        "refresh_minutes": 60,
        "organizer_name": "Протокольная служба акимата ВКО",
        "organizer_email": "protocol@visits.example",
        "cancelled_prefix": "ОТМЕНЕНО: ",
        "reminder_minutes": 30,
        "timezone_hint": "Asia/Almaty",
    }
    return FeedCalendar(**(values | overrides))


def demo_events() -> list[FeedEvent]:
    return [
        make_event(
            uid="concert@visits.example",
            starts_at=local(21, 19),
            ends_at=local(21, 21),
            summary="Концерт оркестра «Сибирь» и ансамбля «Алтай»",
            category="Концерт",
            location="«Ертіс концерт», Усть-Каменогорск",
        ),
        make_event(),
        make_event(
            uid="wreath@visits.example",
            starts_at=local(21, 12),
            ends_at=local(21, 12, 45),
            summary="Возложение венков к мемориалу «Победа»",
            category="Церемония",
            status="cancelled",
        ),
    ]


def lines_of(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") and data.count(b"\r") == data.count(b"\r\n")
    return data.split(b"\r\n")[:-1]


def assert_wire_format(data: bytes) -> None:
    """Every physical line: CRLF-terminated, at most 75 octets, valid UTF-8 on its own."""
    for line in lines_of(data):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold inside a multi-byte sequence would raise here


def parse_strict(data: bytes):
    return IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))


def by_uid(parsed) -> dict:
    return {event.uid: event for event in parsed.events}


def test_demo_feed_round_trips_through_the_strict_parser_in_local_time():
    data = render_calendar(make_calendar(), demo_events())
    assert_wire_format(data)
    parsed = parse_strict(data)

    assert parsed.method == "PUBLISH"
    assert parsed.name == ["Визит делегации Алтайского края"]
    assert parsed.refresh_interval == timedelta(minutes=60)
    assert [event.uid for event in parsed.events] == [
        "meeting-1@visits.example",
        "wreath@visits.example",
        "concert@visits.example",
    ]
    concert = by_uid(parsed)["concert@visits.example"]
    assert concert.dtstart == datetime(2025, 4, 21, 19, 0, tzinfo=ALMATY)
    assert (concert.dtstart.hour, concert.dtstart.minute) == (19, 0)
    assert concert.dtstart.utcoffset() == timedelta(hours=5)
    in_barnaul = concert.dtstart.astimezone(BARNAUL)
    assert (in_barnaul.hour, in_barnaul.minute) == (21, 0)
    assert in_barnaul.utcoffset() == timedelta(hours=7)
    assert concert.dtend.astimezone(ALMATY).hour == 21
    assert concert.location == "«Ертіс концерт», Усть-Каменогорск"
    assert concert.categories == ["Концерт"]
    assert concert.organizer.common_name == "Протокольная служба акимата ВКО"
    assert concert.dtstamp == datetime(2025, 4, 18, 12, 30, tzinfo=UTC)
    assert b"DTSTART;TZID=Asia/Almaty:20250421T190000\r\n" in data


def test_a_simple_importer_reading_only_our_vtimezone_gets_plus_five():
    """Rename the zone so no parser can fall back on its own tz database."""
    data = render_calendar(make_calendar(), demo_events()).replace(b"Asia/Almaty", b"Feed/Zone")
    concert = by_uid(parse_strict(data))["concert@visits.example"]
    assert concert.dtstart.utcoffset() == timedelta(hours=5)
    assert concert.dtstart.astimezone(UTC) == local(21, 19)


def vtimezone_offsets(data: bytes) -> dict[str, set[timedelta]]:
    parsed = icalendar.Calendar.from_ical(data)
    return {
        str(zone["TZID"]): {part["TZOFFSETTO"].td for part in zone.subcomponents}
        for zone in parsed.walk("VTIMEZONE")
    }


def test_the_2025_vtimezone_knows_only_plus_five():
    data = render_calendar(make_calendar(), demo_events())
    assert vtimezone_offsets(data) == {"Asia/Almaty": {timedelta(hours=5)}}
    assert b"+0600" not in data


def test_a_feed_reaching_back_to_february_2024_includes_the_change():
    old = make_event(
        uid="old@visits.example",
        starts_at=local(20, 15, month=2, year=2024),
        ends_at=local(20, 16, month=2, year=2024),
    )
    data = render_calendar(make_calendar(), [*demo_events(), old])
    assert vtimezone_offsets(data) == {"Asia/Almaty": {timedelta(hours=6), timedelta(hours=5)}}
    renamed = parse_strict(data.replace(b"Asia/Almaty", b"Feed/Zone"))
    assert by_uid(renamed)["old@visits.example"].dtstart.utcoffset() == timedelta(hours=6)
    assert by_uid(renamed)["concert@visits.example"].dtstart.utcoffset() == timedelta(hours=5)


def test_the_day_before_the_first_event_is_covered():
    first_day = make_event(
        starts_at=local(1, 10, month=3, year=2024), ends_at=local(1, 11, month=3, year=2024)
    )
    data = render_calendar(make_calendar(), [first_day])
    assert vtimezone_offsets(data) == {"Asia/Almaty": {timedelta(hours=6), timedelta(hours=5)}}
    renamed = parse_strict(data.replace(b"Asia/Almaty", b"Feed/Zone"))
    assert renamed.events[0].dtstart.utcoffset() == timedelta(hours=5)


def test_summer_time_zones_are_exact_for_importers_too():
    """Both sides of each change, the skipped and the repeated hour, over three years."""
    berlin = ZoneInfo("Europe/Berlin")
    walls = [(2023, 1, 9, 9), (2024, 3, 31, 3, 30), (2024, 10, 27, 2, 30), (2025, 6, 1, 12)]
    starts = [datetime(*wall, tzinfo=berlin).astimezone(UTC) for wall in walls]
    starts.insert(3, starts[2] + timedelta(hours=1))  # 02:30 again, now in winter time
    events = [
        make_event(uid=f"b{n}", zone="Europe/Berlin", starts_at=start, ends_at=start)
        for n, start in enumerate(starts)
    ]
    data = render_calendar(make_calendar(), events).replace(b"Europe/Berlin", b"Feed/Zone")
    parsed = parse_strict(data).events
    assert [event.dtstart.astimezone(UTC) for event in parsed] == starts
    offsets = [event.dtstart.utcoffset() for event in parsed]
    assert offsets[:2] + offsets[4:] == [timedelta(hours=hours) for hours in (1, 2, 2)]
    # A wall time cannot name the second 02:30, nor the first one to every parser.
    assert parsed[2].dtstart.tzinfo == parsed[3].dtstart.tzinfo == UTC


def test_one_vtimezone_per_zone_and_none_for_utc_zones():
    events = [
        make_event(),
        make_event(uid="b@x", zone="Asia/Barnaul"),
        make_event(uid="u@x", zone="UTC"),
        make_event(uid="r@x", zone="Atlantic/Reykjavik"),  # icalendar treats it as UTC
    ]
    data = render_calendar(make_calendar(), events)
    assert set(vtimezone_offsets(data)) == {"Asia/Almaty", "Asia/Barnaul"}
    assert b"DTSTART:20250421T050000Z\r\n" in data
    assert b"TZID=UTC" not in data and b"TZID=Atlantic" not in data
    parsed = by_uid(parse_strict(data))
    assert parsed["b@x"].dtstart.utcoffset() == timedelta(hours=7)
    assert parsed["u@x"].dtstart == local(21, 10)


def test_identical_input_gives_identical_bytes_cached_or_not():
    calendar, events = make_calendar(), demo_events()
    first = render_calendar(calendar, events)
    assert render_calendar(calendar, list(reversed(events))) == first
    render_cache.clear()
    assert render_calendar(calendar, events) == first
    clear_caches()
    assert render_calendar(calendar, events) == first


@pytest.mark.slow  # starts a Python process of its own
def test_another_process_renders_the_same_bytes():
    """Gunicorn workers must agree on a feed's ETag, whatever their hash seeds."""
    script = (
        "import sys; from tests.exports.test_ical import *; "
        "sys.stdout.buffer.write(render_calendar(make_calendar(), demo_events()))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        check=True,
        cwd=Path(__file__).parents[2],
        env=os.environ | {"PYTHONHASHSEED": "12345"},
    )
    assert run.stdout == render_calendar(make_calendar(), demo_events())


def test_a_change_the_delegates_can_see_changes_the_bytes():
    calendar, event = make_calendar(), make_event()
    before = render_event(event, calendar)
    later = replace(
        event,
        sequence=1,
        summary="Встреча перенесена",
        updated_at=event.updated_at + timedelta(hours=1),
    )
    after = render_event(later, calendar)
    assert b"SEQUENCE:1\r\n" in after and b"DTSTAMP:20250418T133000Z\r\n" in after
    assert before != after


def test_cancelled_event_is_prefixed_transparent_and_silent():
    data = render_calendar(make_calendar(), demo_events())
    parsed = by_uid(parse_strict(data))
    wreath = parsed["wreath@visits.example"]
    assert wreath.summary == "ОТМЕНЕНО: Возложение венков к мемориалу «Победа»"
    assert wreath.status.value == "CANCELLED"
    assert wreath.transparency == "TRANSPARENT"
    assert wreath.alarm == []
    for uid in ("meeting-1@visits.example", "concert@visits.example"):
        event = parsed[uid]
        assert event.status.value == "CONFIRMED" and event.transparency == "OPAQUE"
        [alarm] = event.alarm
        assert alarm.action == "DISPLAY"
        assert alarm.trigger == timedelta(minutes=-30)
        assert alarm.description == event.summary
    assert data.count(b"TRIGGER:-PT30M\r\n") == 2
    assert b"VALARM" not in render_calendar(make_calendar(reminder_minutes=None), demo_events())


def components_of(data: bytes) -> list[tuple[str, bytes]]:
    """(innermost open component, line) for every line."""
    stack, result = [], []
    for line in lines_of(data):
        if line.startswith(b"BEGIN:"):
            stack.append(line[6:].decode())
        result.append((stack[-1], line))
        if line.startswith(b"END:"):
            assert stack.pop() == line[4:].decode()
    assert stack == []
    return result


def test_calendar_level_properties_and_no_calendar_uid_or_attendee():
    data = render_calendar(make_calendar(), demo_events())
    lines = components_of(data)
    top = [line for component, line in lines if component == "VCALENDAR"]
    names = {line.split(b":")[0].split(b";")[0] for line in top if not line.startswith(b" ")}
    assert b"UID" not in names
    assert {b"PRODID", b"VERSION", b"CALSCALE", b"METHOD", b"NAME", b"X-WR-CALNAME"} <= names
    assert {b"DESCRIPTION", b"X-WR-CALDESC", b"X-WR-TIMEZONE"} <= names
    assert b"METHOD:PUBLISH" in top and b"VERSION:2.0" in top
    assert b"PRODID:-//Visits//Protocol office feeds//EN" in top
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT60M" in top
    assert b"X-PUBLISHED-TTL:PT60M" in top
    uid_lines = [component for component, line in lines if line.startswith(b"UID")]
    assert uid_lines == ["VEVENT"] * 3
    assert not any(b"ATTENDEE" in line for _, line in lines)


def test_empty_feed_is_a_valid_calendar_holding_only_its_zone():
    """RFC 5545 3.6: a calendar has one component at least; the zone's VTIMEZONE is one."""
    days = (datetime(2025, 4, 21).date(), datetime(2025, 4, 22).date())
    data = render_calendar(make_calendar(description=""), [], days)
    assert_wire_format(data)
    assert b"VEVENT" not in data and b"DESCRIPTION" not in data
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert parse_strict(data).events == []
    components = [c.name for c in icalendar.Calendar.from_ical(data).subcomponents]
    assert components == ["VTIMEZONE"]
    assert vtimezone_offsets(data) == {"Asia/Almaty": {timedelta(hours=5)}}
    # Without a zone hint or days: UTC, still one component, still the same bytes twice.
    bare = render_calendar(make_calendar(description="", timezone_hint=None), [])
    assert b"BEGIN:VTIMEZONE\r\nTZID:UTC\r\n" in bare and b"VEVENT" not in bare
    assert parse_strict(bare).events == []
    assert bare == render_calendar(make_calendar(description="", timezone_hint=None), [])


def test_an_instant_event_has_no_dtend_and_parses():
    moment = make_event(ends_at=local(21, 10))
    data = render_calendar(make_calendar(), [moment])
    assert b"DTEND" not in data
    assert parse_strict(data).events[0].dtstart == datetime(2025, 4, 21, 10, tzinfo=ALMATY)


def test_duplicates_are_merged_but_a_uid_conflict_is_an_error():
    event = make_event()
    assert render_calendar(make_calendar(), [event, event]).count(b"BEGIN:VEVENT") == 1
    with pytest.raises(ValueError, match="share a UID"):
        render_calendar(make_calendar(), [event, replace(event, sequence=1)])


@pytest.mark.parametrize(
    "overrides",
    [
        {"starts_at": datetime(2025, 4, 21, 10)},
        {"ends_at": local(21, 9)},
        {"status": "postponed"},
        {"zone": "Asia/Ust-Kamenogorsk"},
        {"geo": (91.0, 0.0)},
    ],
)
def test_impossible_events_are_refused(overrides):
    with pytest.raises(ValueError):
        make_event(**overrides)


def assert_text_round_trip(data: bytes, summary: str, description: str | None = None) -> None:
    [strict] = parse_strict(data).events
    [loose] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert strict.summary == summary
    assert str(loose["SUMMARY"]) == summary
    if description is not None:
        assert strict.description == description
        assert str(loose["DESCRIPTION"]) == description


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "C:\\Notes\\New; a,b",  # icalendar alone would turn "\N" into a line break
        "trailing backslash \\",
        "\\\\n two backslashes and n",
        ";;;,,,\\\\\\",
        "😀" * 40,
        KAZAKH * 10,
        "a" * 73 + "ә" + "😀" * 3,
    ],
)
def test_hostile_text_is_escaped_folded_and_read_back_exactly(text):
    calendar = make_calendar(name=text, description=text, organizer_name=text)
    event = make_event(summary=text, description=text, location=text, category=text)
    data = render_calendar(calendar, [event])
    assert_wire_format(data)
    assert_text_round_trip(data, text, text)
    parsed = parse_strict(data)
    assert parsed.name == [text]
    assert parsed.events[0].location == text
    assert parsed.events[0].alarm[0].description == text
    assert parsed.events[0].organizer.common_name == " ".join(text.split())
    [loose] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert [str(category) for category in loose["CATEGORIES"].cats] == [text]
    if "," not in text:  # `ical` 14 splits CATEGORIES at escaped commas too ("\\,")
        assert parsed.events[0].categories == [text]


def test_long_lines_are_folded_at_75_octets_not_characters():
    data = render_event(make_event(summary=KAZAKH * 20), make_calendar())
    lines = lines_of(data)
    summary = [line for line in lines if line.startswith(b"SUMMARY")]
    continuation = lines[lines.index(summary[0]) + 1]
    assert continuation.startswith(b" ")
    assert 73 <= len(summary[0]) <= 75 and 73 <= len(continuation) <= 75


def test_line_breaks_are_normalized_and_controls_dropped():
    calendar = make_calendar(organizer_email=" protocol@visits.example\r\n")
    event = make_event(summary="a\r\nb\rc\x00d\x1be\tf", url="https://visits.example/\n1")
    data = render_calendar(calendar, [event])
    assert_wire_format(data)
    assert_text_round_trip(data, "a\nb\ncde\tf")
    [parsed] = parse_strict(data).events
    assert parsed.url == "https://visits.example/1"
    assert parsed.organizer.uri == "mailto:protocol@visits.example"


def test_organizer_name_with_quotes_and_line_breaks_is_a_safe_parameter():
    calendar = make_calendar(organizer_name='Служба "протокола"; аким: ВКО\nвторая строка')
    [event] = parse_strict(render_calendar(calendar, [make_event()])).events
    assert event.organizer.common_name == 'Служба "протокола"; аким: ВКО вторая строка'
    assert event.organizer.uri == "mailto:protocol@visits.example"


FEED_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cc",)),
        st.sampled_from(["\n", "\\", ";", ",", "ә", "қ", "Ё", "😀", "🇰", "N", "n"]),
    ),
    max_size=300,
)


@settings(deadline=None, max_examples=300)
@given(text=FEED_TEXT)
def test_any_printable_text_survives_the_feed(text):
    data = render_calendar(make_calendar(), [make_event(summary=text)])
    assert_wire_format(data)
    assert_text_round_trip(data, text)


def test_the_second_pass_serializes_no_event(monkeypatch):
    calendar = make_calendar()
    start = local(1, 8, month=5)
    events = [
        make_event(
            uid=f"e{n}@x",
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n, minutes=45),
            summary=f"Событие {n}",
        )
        for n in range(1000)
    ]
    clear_caches()
    cold = render_calendar(calendar, events)
    assert render_cache.misses >= 1000 and len(render_cache) == 1000 + 2  # header, VTIMEZONE

    serialized = []
    original = icalendar.Event.to_ical

    def counting(self, *args, **kwargs):
        serialized.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(icalendar.Event, "to_ical", counting)
    hits = render_cache.hits
    warm = render_calendar(calendar, events)
    assert warm == cold
    assert render_cache.hits == hits + 1000 + 2
    # A feed that differs only in what no VEVENT shows reuses the same event bytes.
    other = render_calendar(replace(calendar, name="Личная программа", refresh_minutes=15), events)
    assert other.count(b"BEGIN:VEVENT") == 1000
    assert serialized == []
    # What an event does show (the language of its texts) is part of the key.
    render_calendar(replace(calendar, language="kk"), events[:3])
    assert len(serialized) == 3


@pytest.mark.parametrize(
    ("status", "busy"),
    [("tentative", b"TENTATIVE"), ("confirmed", b"BUSY"), ("cancelled", b"FREE")],
)
def test_outlook_is_told_how_busy_each_status_is(status, busy):
    """Outlook shows the busy status it reads in X-MICROSOFT-CDO-BUSYSTATUS, not STATUS: a
    tentative event must say so there too."""
    data = render_event(make_event(status=status), make_calendar())
    assert b"X-MICROSOFT-CDO-BUSYSTATUS:" + busy in lines_of(data)


def berlin(month: int, day: int, hour: int, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)


def test_a_summer_only_feed_gets_an_outlook_safe_vtimezone_with_both_parts():
    """Outlook ignores RDATE and needs a STANDARD part: one STANDARD and one DAYLIGHT,
    each with the yearly rule in force, even when every event falls in summer."""
    events = [
        make_event(
            uid="s1", zone="Europe/Berlin", starts_at=berlin(6, 2, 10), ends_at=berlin(6, 2, 11)
        ),
        make_event(
            uid="s2", zone="Europe/Berlin", starts_at=berlin(7, 15, 19), ends_at=berlin(7, 15, 21)
        ),
    ]
    data = render_calendar(make_calendar(), events)
    (zone,) = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    parts = {part.name: part for part in zone.subcomponents}
    assert sorted(parts) == ["DAYLIGHT", "STANDARD"] and len(zone.subcomponents) == 2
    assert all("RDATE" not in part for part in parts.values())
    assert parts["STANDARD"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert parts["DAYLIGHT"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert parts["DAYLIGHT"].DTSTART.time() == datetime(2000, 1, 1, 2).time()  # 02:00 CET
    assert parts["STANDARD"].DTSTART.time() == datetime(2000, 1, 1, 3).time()  # 03:00 CEST

    renamed = data.replace(b"Europe/Berlin", b"Feed/Zone")  # only our VTIMEZONE can help
    strict = by_uid(parse_strict(renamed))
    read_back = {
        str(e["UID"]): e.DTSTART for e in icalendar.Calendar.from_ical(renamed).walk("VEVENT")
    }
    vobject_read = {
        e.uid.value: e.dtstart.value for e in vobject.readOne(renamed.decode()).vevent_list
    }
    for uid, start in (("s1", berlin(6, 2, 10)), ("s2", berlin(7, 15, 19))):
        for parsed in (strict[uid].dtstart, read_back[uid], vobject_read[uid]):
            assert parsed.utcoffset() == timedelta(hours=2)
            assert parsed.astimezone(UTC) == start


def test_the_yearly_rules_hold_across_the_changes_of_a_multi_year_feed():
    """Each side of each change over two winters, read from our VTIMEZONE alone."""
    walls = [(2024, 1, 9, 9), (2024, 3, 31, 1, 30), (2024, 3, 31, 3, 30), (2025, 10, 26, 1, 30)]
    walls += [(2025, 10, 26, 3, 30), (2025, 12, 1, 12)]
    starts = [datetime(*wall, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC) for wall in walls]
    events = [
        make_event(uid=f"w{n}", zone="Europe/Berlin", starts_at=start, ends_at=start)
        for n, start in enumerate(starts)
    ]
    renamed = render_calendar(make_calendar(), events).replace(b"Europe/Berlin", b"Feed/Zone")
    assert b"RDATE" not in renamed
    parsed = parse_strict(renamed).events
    assert [event.dtstart.astimezone(UTC) for event in parsed] == starts
    offsets = [event.dtstart.utcoffset() for event in parsed]
    assert offsets == [timedelta(hours=hours) for hours in (1, 1, 2, 2, 1, 1)]


def test_both_passes_of_the_repeated_hour_are_written_in_utc_and_read_alike():
    """02:30 twice on 27 October 2024 in Berlin: no parser has to guess which one."""
    first = datetime(2024, 10, 27, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = datetime(2024, 10, 27, 1, 30, tzinfo=UTC)  # 02:30 CET
    events = [
        make_event(
            uid=uid, zone="Europe/Berlin", starts_at=start, ends_at=start + timedelta(hours=2)
        )
        for uid, start in (("first", first), ("second", second))
    ]
    data = render_calendar(make_calendar(), events)
    assert b"DTSTART:20241027T003000Z\r\n" in data
    assert b"DTSTART:20241027T013000Z\r\n" in data
    assert b"T023000" not in data
    for feed in (data, data.replace(b"Europe/Berlin", b"Feed/Zone")):
        strict = {uid: e.dtstart for uid, e in by_uid(parse_strict(feed)).items()}
        loose = {
            str(e["UID"]): e.DTSTART for e in icalendar.Calendar.from_ical(feed).walk("VEVENT")
        }
        other = {e.uid.value: e.dtstart.value for e in vobject.readOne(feed.decode()).vevent_list}
        for parsed in (strict, loose, other):
            assert parsed == {"first": first, "second": second}


def test_text_is_tagged_with_the_language_it_is_really_in():
    english = make_calendar(language="en", cancelled_prefix="CANCELLED: ")
    fallen_back = make_event(summary_language="ru", location_language="", description_language="kk")
    data = render_calendar(english, [fallen_back])
    lines = [line.decode() for line in lines_of(data.replace(b"\r\n ", b""))]
    assert any(line.startswith("SUMMARY;LANGUAGE=ru:") for line in lines)
    assert any(line.startswith("LOCATION:") for line in lines)  # mixed: no tag
    assert any(line.startswith("DESCRIPTION;LANGUAGE=kk:Темы") for line in lines)
    assert any(line.startswith("CATEGORIES;LANGUAGE=en:") for line in lines)
    alarm = lines[lines.index("BEGIN:VALARM") :]
    assert any(line.startswith("DESCRIPTION;LANGUAGE=ru:") for line in alarm)
    cancelled = render_calendar(english, [replace(fallen_back, status="cancelled")])
    assert b"SUMMARY:CANCELLED: " in cancelled  # English prefix, Russian title: no one tag
    assert render_calendar(english, [make_event()]).count(b"LANGUAGE=en") >= 4  # as before
    with pytest.raises(ValueError, match="unknown language"):
        make_event(summary_language="de")


def test_an_all_day_event_is_published_as_dates_read_alike_in_any_zone():
    exhibition = make_event(
        uid="exhibition@visits.example",
        starts_at=local(21, 0),
        ends_at=local(23, 0),  # the 21st and the 22nd, whole days in Almaty
        all_day=True,
    )
    data = render_calendar(make_calendar(), [exhibition, make_event()])
    assert_wire_format(data)
    lines = lines_of(data)
    assert b"DTSTART;VALUE=DATE:20250421" in lines
    assert b"DTEND;VALUE=DATE:20250423" in lines  # the day after the last (exclusive)
    assert b"X-MICROSOFT-CDO-ALLDAYEVENT:TRUE" in lines
    strict = by_uid(parse_strict(data))["exhibition@visits.example"]
    icalendar_read = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}[
        "exhibition@visits.example"
    ]
    vobject_read = {e.uid.value: e for e in vobject.readOne(data.decode()).vevent_list}[
        "exhibition@visits.example"
    ]
    for start, end in (
        (strict.dtstart, strict.dtend),
        (icalendar_read["DTSTART"].dt, icalendar_read["DTEND"].dt),
        (vobject_read.dtstart.value, vobject_read.dtend.value),
    ):
        # Dates, not times: a client in Berlin or New York shows the same two days.
        assert not isinstance(start, datetime) and not isinstance(end, datetime)
        assert (start, end) == (date(2025, 4, 21), date(2025, 4, 23))
    # A timed event beside it is written as before.
    assert b"DTSTART;TZID=Asia/Almaty:20250421T100000" in lines


def test_a_calendar_stamp_renders_as_the_event_updated_then_and_shares_its_rendering():
    """A link set anew (stamped_at) makes older events look newer: the same bytes as those
    events rendered with that `updated_at`, from the one rendering every feed shares."""
    stamp = datetime(2025, 4, 18, 12, 45, 30, 123456, tzinfo=UTC)
    events = [*demo_events()[:2], make_event(uid="new@x", updated_at=stamp + timedelta(hours=1))]
    calendar = make_calendar()
    clear_caches()
    plain = render_calendar(calendar, events)
    entries = len(render_cache)
    stamped = render_calendar(replace(calendar, stamped_at=stamp), events)
    assert len(render_cache) == entries + 1  # the stamped calendar's own header only
    newer = [replace(event, updated_at=max(event.updated_at, stamp)) for event in events]
    assert stamped == render_calendar(replace(calendar, stamped_at=stamp), newer)
    clear_caches()
    assert stamped == render_calendar(calendar, newer)
    assert stamped != plain and stamped.count(b"DTSTAMP:20250418T124530Z\r\n") == 2
    assert render_event(events[0], replace(calendar, stamped_at=stamp)) in stamped
