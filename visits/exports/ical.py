"""Calendar feeds: values in, iCalendar bytes out (RFC 5545, RFC 5546 PUBLISH, RFC 7986).

Pure: no Flask, no database, no clock. Identical input gives byte-identical output
(DTSTAMP is the event's `updated_at`, never "now"), so a feed's ETag can be a hash of
its bytes and an HTTP cache can answer repeat polls.

Serialization is done by icalendar 7, with these corrections where it falls short:

- TEXT escaping: icalendar turns a literal backslash followed by a capital N into a
  line break (`C:\\Notes` would arrive as "C:" + newline + "otes"). `_Text` escapes
  per RFC 5545 3.3.11 and nothing else: backslash, semicolon, comma, newline.
  Line endings are normalized to "\\n" and other C0 control characters (not allowed
  in TEXT) are dropped.
- Durations: a timedelta on an X- property is rendered as "1:00:00"; REFRESH-INTERVAL,
  X-PUBLISHED-TTL and the alarm TRIGGER are written as PT{n}M / -PT{n}M by `_Minutes`.
- CATEGORIES: vCategory wraps its items in vText again, with the same escaping.
- GEO: floats are written with six decimals (never "1e-05").

Line folding is icalendar's: it counts octets, folds before 75 (first line at most 74
octets, continuation lines one space plus at most 74), and never splits a UTF-8
sequence. The tests hold it to that.

Time zones: DTSTART/DTEND carry TZID=<visit zone> and local wall time (UTC for both
passes of a repeated hour, which a wall time cannot name unambiguously). Each zone used
gets one VTIMEZONE generated from the pinned tzdata. A zone with daylight saving in
the feed's years gets one STANDARD and one DAYLIGHT part with the yearly RRULE in force
(the shape Outlook needs: it ignores RDATE and wants a STANDARD part). Any other zone's
VTIMEZONE is limited to the days of that zone's events: from the first event's local
start date minus one day to the last event's local end date plus one day (icalendar
covers [first 00:00, last 00:00) local time, so the whole last day is covered). A
limited VTIMEZONE is exact for the feed and tells simple importers the rule in force
then (Asia/Almaty: +06:00 before 1 March 2024, +05:00 since). Zones icalendar
identifies with UTC (UTC, Etc/GMT, Atlantic/Reykjavik, Africa/Abidjan...) are written
as UTC times ("...Z") and need no VTIMEZONE. An all-day event is written as dates
(DTSTART;VALUE=DATE, DTEND the day after its last) with X-MICROSOFT-CDO-ALLDAYEVENT:TRUE,
so every client shows the same days wherever it is.

Caching: an event's rendering is memoized on (event, calendar) with the fields of the
calendar that do not appear in a VEVENT blanked, so feeds that differ only in name,
description, refresh interval, zone hint or stamp (a visit feed and the personal feeds
of its delegates) share one rendering per event, language and reminder. A calendar's
`stamped_at` (its link's settings changed then: no event may look older) is applied to
the shared bytes by rewriting the DTSTAMP and LAST-MODIFIED lines, which gives the same
bytes as rendering the event with that `updated_at`. VTIMEZONE and header bytes are
memoized too, all in `render_cache`, bounded in bytes; a feed is assembled by
concatenating cached bytes.
"""

import math
import re
from calendar import monthrange
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vCategory,
    vUri,
)
from icalendar.prop import vDuration, vGeo, vText
from icalendar.timezone import tzid_from_tzinfo

from visits.caching import BodyCache, memoized
from visits.languages import LANGUAGES
from visits.scheduling.timezones import is_repeated  # zones come from the pinned tzdata

PRODID = "-//Visits//Protocol office feeds//EN"
STATUSES = {"tentative": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}
# How Outlook shows the time of each status (it reads this, not STATUS): a tentative event
# as tentative, a cancelled one as free.
BUSY = {"tentative": "TENTATIVE", "confirmed": "BUSY", "cancelled": "FREE"}
_END = b"END:VCALENDAR\r\n"
_EPOCH = date(1970, 1, 1)
_LINE_BREAKS = re.compile(r"\r\n?")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # all C0 but TAB and LF, and DEL
_NOT_IN_URI = re.compile("[\x00-\x20\x7f]")  # app-made URIs never hold these; a LF would break


@dataclass(frozen=True)
class FeedEvent:
    """One event as a feed shows it; hashable: it is the cache key of its rendering."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    zone: str
    summary: str
    status: str
    category: str
    location: str | None
    geo: tuple[float, float] | None
    description: str
    url: str | None
    created_at: datetime
    updated_at: datetime
    # The language SUMMARY, LOCATION and DESCRIPTION are really in, when it is not the
    # calendar's (a text that fell back to another one); "" when the text mixes languages:
    # then no LANGUAGE parameter is written.
    summary_language: str | None = None
    location_language: str | None = None
    description_language: str | None = None
    # Whole local days in `zone` (starts_at and ends_at at its midnights): written as
    # dates, so a client in any zone shows the same days.
    all_day: bool = False

    def __post_init__(self) -> None:
        for code in (self.summary_language, self.location_language, self.description_language):
            if code not in (None, "", *LANGUAGES):
                raise ValueError(f"unknown language {code!r}")
        for name in ("starts_at", "ends_at", "created_at", "updated_at"):
            value = getattr(self, name)
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"{name} must be an aware datetime, got {value!r}")
        if self.ends_at < self.starts_at:
            raise ValueError(f"event {self.uid!r} ends before it starts")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if not self.uid:
            raise ValueError("an event needs a UID")
        if self.sequence < 0:
            raise ValueError("SEQUENCE cannot be negative")
        _check_zone(self.zone)
        if self.geo is not None:
            latitude, longitude = self.geo
            if not (math.isfinite(latitude) and math.isfinite(longitude)):
                raise ValueError(f"GEO must be finite, got {self.geo!r}")
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise ValueError(f"GEO out of range: {self.geo!r}")


@dataclass(frozen=True)
class FeedCalendar:
    """The feed itself: its names, language, refresh hint and per-event decorations."""

    name: str
    description: str
    language: str
    refresh_minutes: int
    organizer_name: str
    organizer_email: str
    cancelled_prefix: str
    reminder_minutes: int | None
    timezone_hint: str | None = None
    # No event looks older than this (its link's language or reminder changed then).
    stamped_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.stamped_at is not None and self.stamped_at.utcoffset() is None:
            raise ValueError(f"stamped_at must be an aware datetime, got {self.stamped_at!r}")
        if self.language not in LANGUAGES:
            raise ValueError(f"unknown language {self.language!r}")
        if self.refresh_minutes < 1:
            raise ValueError("refresh_minutes must be at least 1")
        if self.reminder_minutes is not None and self.reminder_minutes < 0:
            raise ValueError("reminder_minutes cannot be negative")
        if self.timezone_hint is not None:
            _check_zone(self.timezone_hint)


def _check_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r}") from error


def _clean(value: str) -> str:
    """The text as a feed carries it: line breaks as "\\n", no other control characters."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))


def _escape(value: str) -> str:
    """RFC 5545 3.3.11 TEXT escaping of already cleaned text."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


class _Text(vText):
    """vText with RFC-exact escaping (icalendar reads a literal "\\N" as a newline)."""

    def __new__(cls, value: str, params: dict[str, str] | None = None) -> "_Text":
        return super().__new__(cls, _clean(value), params=params)

    def to_ical(self) -> bytes:
        return _escape(self).encode("utf-8")


class _Categories(vCategory):
    """CATEGORIES whose items keep `_Text` escaping (vCategory re-wraps them in vText)."""

    def __init__(self, categories: Sequence[str], params: dict[str, str] | None = None) -> None:
        super().__init__(list(categories), params=params)
        self.cats = [_Text(category) for category in categories]


class _Minutes(vDuration):
    """A duration written in minutes, as PT{n}M (or -PT{n}M)."""

    def __init__(self, minutes: int, params: dict[str, str] | None = None) -> None:
        super().__init__(timedelta(minutes=minutes), params=params)
        self.minutes = minutes

    def to_ical(self) -> bytes:
        sign = "-" if self.minutes < 0 else ""
        return f"{sign}PT{abs(self.minutes)}M".encode()


class _Geo(vGeo):
    """GEO with fixed-point coordinates (six decimals, about 0.1 m)."""

    def to_ical(self) -> str:
        # Adding 0.0 turns -0.0 into 0.0: equal values give equal bytes.
        return f"{self.latitude + 0.0:.6f};{self.longitude + 0.0:.6f}"


def _wall_time(moment: datetime, zone: ZoneInfo) -> datetime:
    """Local time in the zone, or UTC in either pass of a repeated hour.

    A TZID wall time that occurs twice means its first occurrence (RFC 5545 3.3.5), so
    the second can only be written in UTC; parsers do not all read the first one so
    (some take the later moment), so it is written in UTC too and every parser agrees.
    """
    local = moment.astimezone(zone)
    if is_repeated(local):
        return moment.astimezone(UTC)
    return local


def _days(event: FeedEvent, zone: ZoneInfo) -> tuple[date, date]:
    """The first and last local day an all-day event fills (it ends at 00:00 after it)."""
    first = event.starts_at.astimezone(zone).date()
    end = event.ends_at.astimezone(zone)
    last = end.date() - timedelta(days=1) if end.time() == time(0) else end.date()
    return first, max(first, last)


def _organizer(name: str, email: str) -> vCalAddress:
    address = vCalAddress("mailto:" + _NOT_IN_URI.sub("", email))
    # A parameter value cannot hold line breaks; icalendar quotes the rest (RFC 6868).
    address.params["CN"] = " ".join(_clean(name).split())
    return address


def _language_of(code: str | None, calendar: FeedCalendar) -> dict[str, str]:
    """The LANGUAGE parameter of a text in `code` (None: the calendar's; "": none)."""
    code = calendar.language if code is None else code
    return {"LANGUAGE": code} if code else {}


def _key_size(key: Hashable) -> int:
    """What a rendering's key holds beyond the shared calendar view: the event's texts."""
    event = key[1] if isinstance(key, tuple) else None
    if not isinstance(event, FeedEvent):
        return 0
    texts = (event.summary, event.description, event.location or "", event.url or "")
    return 400 + sum(len(text) for text in texts) * 2  # fields and objects; str up to 2 B/char


# Event renderings, calendar headers and VTIMEZONEs of this process. The application sets
# `max_bytes` from its configuration (RENDER_CACHE_BYTES).
render_cache = BodyCache(max_bytes=32 * 1024 * 1024, weigh_key=_key_size)


def render_event(event: FeedEvent, calendar: FeedCalendar) -> bytes:
    """One VEVENT, BEGIN:VEVENT ... END:VEVENT\\r\\n, serialized once per distinct input.

    Of the calendar it shows language, organizer, cancelled prefix, reminder and stamp only.
    """
    return _stamped(_render_event(event, _event_view(calendar)), event, calendar.stamped_at)


def _utc_stamp(moment: datetime) -> bytes:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ").encode()


def _stamped(rendered: bytes, event: FeedEvent, stamped_at: datetime | None) -> bytes:
    """The rendering as if the event's `updated_at` were `stamped_at`, when that is later.

    DTSTAMP and LAST-MODIFIED are the only lines written from `updated_at`; each is a line
    of its own (short: never folded), and no text value can hold a CRLF (escaped as \\n).
    """
    if stamped_at is None or stamped_at <= event.updated_at:
        return rendered
    old, new = _utc_stamp(event.updated_at), _utc_stamp(stamped_at)
    if old == new:
        return rendered
    for name in (b"\r\nDTSTAMP:", b"\r\nLAST-MODIFIED:"):
        rendered = rendered.replace(name + old + b"\r\n", name + new + b"\r\n", 1)
    return rendered


@memoized(render_cache, "event")
def _render_event(event: FeedEvent, calendar: FeedCalendar) -> bytes:
    zone = ZoneInfo(event.zone)
    language = {"LANGUAGE": calendar.language}
    cancelled = event.status == "cancelled"
    summary = calendar.cancelled_prefix + event.summary if cancelled else event.summary
    title_language = _language_of(event.summary_language, calendar)
    summary_language = title_language
    if cancelled and calendar.cancelled_prefix and title_language != language:
        summary_language = {}  # the prefix in the calendar's language, the title in another

    vevent = Event()
    vevent.add("UID", _Text(event.uid))
    vevent.add("SEQUENCE", event.sequence)
    vevent.add("DTSTAMP", event.updated_at)  # icalendar converts these three to UTC
    vevent.add("CREATED", event.created_at)
    vevent.add("LAST-MODIFIED", event.updated_at)
    if event.all_day:
        first, last = _days(event, zone)
        vevent.add("DTSTART", first)  # VALUE=DATE; DTEND is the day after the last (3.6.1)
        vevent.add("DTEND", last + timedelta(days=1))
        vevent.add("X-MICROSOFT-CDO-ALLDAYEVENT", "TRUE")
    else:
        vevent.add("DTSTART", _wall_time(event.starts_at, zone))
        if event.ends_at > event.starts_at:  # without DTEND an event lasts no time (3.6.1)
            vevent.add("DTEND", _wall_time(event.ends_at, zone))
    vevent.add("SUMMARY", _Text(summary), summary_language)
    vevent.add("STATUS", STATUSES[event.status])
    vevent.add("TRANSP", "TRANSPARENT" if cancelled else "OPAQUE")
    vevent.add("X-MICROSOFT-CDO-BUSYSTATUS", BUSY[event.status])
    vevent.add("CLASS", "PUBLIC")
    if event.category:
        vevent.add("CATEGORIES", _Categories([event.category]), language)
    if event.location:
        vevent.add(
            "LOCATION", _Text(event.location), _language_of(event.location_language, calendar)
        )
    if event.geo is not None:
        vevent.add("GEO", _Geo(event.geo))
    if event.description:
        description_language = _language_of(event.description_language, calendar)
        vevent.add("DESCRIPTION", _Text(event.description), description_language)
    if event.url:
        vevent.add("URL", vUri(_NOT_IN_URI.sub("", event.url)))
    vevent.add("ORGANIZER", _organizer(calendar.organizer_name, calendar.organizer_email))
    if calendar.reminder_minutes is not None and not cancelled:
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("TRIGGER", _Minutes(-calendar.reminder_minutes))
        alarm.add("DESCRIPTION", _Text(event.summary), title_language)
        vevent.add_component(alarm)
    serialized: bytes = vevent.to_ical()
    return serialized


def render_calendar(
    calendar: FeedCalendar, events: Sequence[FeedEvent], days: tuple[date, date] | None = None
) -> bytes:
    """The whole VCALENDAR: header, the VTIMEZONEs in use, events by start then UID.

    A calendar needs one component at least (RFC 5545 3.6): with no event, it holds the
    VTIMEZONE of its zone hint (UTC without one) over `days`, the first and last day the
    feed is about (the visit's), or over 1 January 1970 when they are not given.
    """
    ordered = sorted(_unique(events), key=lambda event: (event.starts_at, event.uid))
    for_events = _event_view(calendar)
    parts = [_header(calendar)]
    if ordered:
        parts.extend(timezones_of(ordered))
    else:
        first_day, last_day = days or (_EPOCH, _EPOCH)
        tzid = _event_tzid(calendar.timezone_hint) if calendar.timezone_hint else None
        parts.append(
            _vtimezone(tzid or "UTC", first_day - timedelta(days=1), last_day + timedelta(days=1))
        )
    stamp = calendar.stamped_at
    parts.extend(_stamped(_render_event(event, for_events), event, stamp) for event in ordered)
    parts.append(_END)
    return b"".join(parts)


def timezones_of(events: Iterable[FeedEvent]) -> list[bytes]:
    """The VTIMEZONEs the events need, as `render_calendar` writes them."""
    ranges = _zone_ranges(events)
    return [_vtimezone(tzid, first, last) for tzid, (first, last) in sorted(ranges.items())]


def event_view(calendar: FeedCalendar) -> FeedCalendar:
    """The calendar as `render_event` takes it inside a feed (see `_event_view`)."""
    return _event_view(calendar)


def _unique(events: Iterable[FeedEvent]) -> set[FeedEvent]:
    """The events once each; two different events under one UID are a caller's bug."""
    unique = set(events)
    uids = [event.uid for event in unique]
    if len(uids) != len(set(uids)):
        duplicated = sorted({uid for uid in uids if uids.count(uid) > 1})
        raise ValueError(f"different events share a UID: {duplicated}")
    return unique


@lru_cache(maxsize=1024)
def _event_view(calendar: FeedCalendar) -> FeedCalendar:
    """The calendar with what a VEVENT never shows blanked: one cache key for many feeds."""
    return replace(
        calendar, name="", description="", refresh_minutes=1, timezone_hint=None, stamped_at=None
    )


@memoized(render_cache, "header")
def _header(calendar: FeedCalendar) -> bytes:
    """BEGIN:VCALENDAR and the calendar's properties, without END:VCALENDAR."""
    language = {"LANGUAGE": calendar.language}
    vcalendar = Calendar()
    vcalendar.add("PRODID", PRODID)
    vcalendar.add("VERSION", "2.0")
    vcalendar.add("CALSCALE", "GREGORIAN")
    vcalendar.add("METHOD", "PUBLISH")
    vcalendar.add("NAME", _Text(calendar.name), language)
    vcalendar.add("X-WR-CALNAME", _Text(calendar.name))
    if calendar.description:
        vcalendar.add("DESCRIPTION", _Text(calendar.description), language)
        vcalendar.add("X-WR-CALDESC", _Text(calendar.description))
    vcalendar.add("REFRESH-INTERVAL", _Minutes(calendar.refresh_minutes), {"VALUE": "DURATION"})
    vcalendar.add("X-PUBLISHED-TTL", _Minutes(calendar.refresh_minutes))
    if calendar.timezone_hint:
        vcalendar.add("X-WR-TIMEZONE", _Text(calendar.timezone_hint))
    serialized: bytes = vcalendar.to_ical()
    if not serialized.endswith(_END):  # pragma: no cover - icalendar's contract
        raise RuntimeError("unexpected VCALENDAR serialization")
    return serialized.removesuffix(_END)


@lru_cache(maxsize=1024)
def _event_tzid(zone: str) -> str | None:
    """The TZID icalendar writes for times in `zone`; None when it writes UTC ("Z")."""
    tzid = tzid_from_tzinfo(ZoneInfo(zone))
    return None if tzid in (None, "UTC") else tzid


def _zone_ranges(events: Iterable[FeedEvent]) -> dict[str, tuple[date, date]]:
    """For each TZID in use: first local start date - 1 day, last local end date + 1 day."""
    ranges: dict[str, tuple[date, date]] = {}
    for event in events:
        tzid = _event_tzid(event.zone)
        if tzid is None:
            continue
        zone = ZoneInfo(event.zone)
        first = event.starts_at.astimezone(zone).date() - timedelta(days=1)
        last = event.ends_at.astimezone(zone).date() + timedelta(days=1)
        if tzid in ranges:
            first, last = min(first, ranges[tzid][0]), max(last, ranges[tzid][1])
        ranges[tzid] = (first, last)
    return ranges


@memoized(render_cache, "vtimezone")
def _vtimezone(tzid: str, first_date: date, last_date: date) -> bytes:
    """One VTIMEZONE, exact from first_date 00:00 to last_date 00:00 local time.

    A zone with daylight saving gets the shape Outlook reads: one STANDARD and one
    DAYLIGHT part, each a yearly RRULE (Outlook ignores RDATE and needs a STANDARD part
    even for a summer-only feed); see `_yearly_rules`.

    Otherwise each observance without RRULE also lists its DTSTART as an RDATE (RFC 5545
    allows the repetition): parsers that build the onsets from RRULE and RDATE only (`ical`
    14.3; ical4j until its PR #881) ignore a bare DTSTART and fall back to UTC for a
    TZID they cannot find in their own tz database.
    """
    yearly = _yearly_rules(tzid, first_date, last_date)
    if yearly is not None:
        return yearly
    vtimezone = Timezone.from_tzid(tzid, first_date=first_date, last_date=last_date)
    for observance in vtimezone.subcomponents:
        if "RRULE" not in observance:
            observance.add("RDATE", observance.DTSTART)
    serialized: bytes = vtimezone.to_ical()
    return serialized


@dataclass(frozen=True)
class _Change:
    """A change of a zone's offset: its moment, the offsets around it, what follows it."""

    at: datetime
    offset_from: timedelta
    offset_to: timedelta
    is_daylight: bool
    name: str

    def onset(self) -> datetime:
        """The local time of the change on the clock before it, as DTSTART (3.6.5)."""
        return (self.at + self.offset_from).replace(tzinfo=None)


def _changes(zone: ZoneInfo, start: datetime, end: datetime) -> list[_Change]:
    """Every change of `zone`'s offset in [start, end) (UTC), to the minute."""
    changes = []
    day = timedelta(days=1)
    moment = start
    while moment < end:
        before, after = _offset(moment, zone), _offset(moment + day, zone)
        if before != after:
            low, high = 0, 24 * 60  # minutes after `moment`: offset before at low, after at high
            while high - low > 1:
                middle = (low + high) // 2
                if _offset(moment + timedelta(minutes=middle), zone) == before:
                    low = middle
                else:
                    high = middle
            at = moment + timedelta(minutes=high)
            local = at.astimezone(zone)
            changes.append(_Change(at, before, after, bool(local.dst()), local.tzname() or ""))
        moment += day
    return changes


def _offset(moment: datetime, zone: ZoneInfo) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return offset


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _yearly_rule(onsets: Sequence[datetime]) -> dict[str, object] | None:
    """The RRULE that yields exactly these onsets (one a year, consecutive years), as
    "the n-th" or "the last" weekday of a month at one time, or None when none does."""
    first = onsets[0]
    years = [onset.year for onset in onsets]
    if years != list(range(first.year, first.year + len(onsets))):
        return None
    if any(
        (onset.month, onset.weekday(), onset.time()) != (first.month, first.weekday(), first.time())
        for onset in onsets
    ):
        return None
    month_days = [monthrange(onset.year, onset.month)[1] for onset in onsets]
    if all(onset.day + 7 > days for onset, days in zip(onsets, month_days, strict=True)):
        week = -1
    elif len({(onset.day - 1) // 7 for onset in onsets}) == 1:
        week = (first.day - 1) // 7 + 1
    else:
        return None
    weekday = _WEEKDAYS[first.weekday()]
    return {"FREQ": "YEARLY", "BYMONTH": first.month, "BYDAY": f"{week}{weekday}"}


def _yearly_rules(tzid: str, first_date: date, last_date: date) -> bytes | None:
    """STANDARD and DAYLIGHT, each with the yearly RRULE in force, covering the feed.

    The changes are taken from the year before `first_date` to the end of the year of
    `last_date`, so the range always follows an onset of each part, a summer-only feed
    included. None when the zone keeps no daylight saving then, or when its changes do
    not follow one yearly rule of each kind (a rule changed in the range).
    """
    zone = ZoneInfo(tzid)
    start = datetime(first_date.year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last_date.year + 1, 1, 1, tzinfo=UTC)
    changes = _changes(zone, start, end)
    kinds = {(c.is_daylight, c.offset_from, c.offset_to, c.name) for c in changes}
    if sorted(kind[0] for kind in kinds) != [False, True]:
        return None
    vtimezone = Timezone()
    vtimezone.add("TZID", tzid)
    for is_daylight, offset_from, offset_to, name in sorted(kinds):
        onsets = [c.onset() for c in changes if c.is_daylight == is_daylight]
        rule = _yearly_rule(onsets)
        if rule is None:
            return None
        part = TimezoneDaylight() if is_daylight else TimezoneStandard()
        part.add("DTSTART", onsets[0])
        part.add("RRULE", rule)
        part.add("TZNAME", name)
        part.add("TZOFFSETFROM", offset_from)
        part.add("TZOFFSETTO", offset_to)
        vtimezone.add_component(part)
    serialized: bytes = vtimezone.to_ical()
    return serialized


def clear_caches() -> None:
    """Forget every memoized rendering (tests, benchmarks, a tz database upgrade)."""
    for cached in (_event_view, _event_tzid):
        cached.cache_clear()
    render_cache.clear()
