"""Conflicts in a visit's programme: warnings for staff, computed from plain data.

`detect()` takes the events of a visit as `Slot`s (plus venues, arrivals and departures,
accommodation and the visit's dates) and returns a sorted list of `Conflict`s. It never
refuses anything: refusals live in `validation.py`; here staff are only warned.

Conventions, shared by every rule:
- Cancelled slots are dropped first; no rule sees them.
- Intervals are half-open, [starts_at, ends_at): an event ending at 10:00 and one starting
  at 10:00 touch and do not overlap.
- Overlaps and lateness are reported in whole minutes rounded *up* (a 20-second overlap is
  1 minute, never 0); a gap available for travel is rounded *down* (what is really there).
- Days (visit dates, arrival and departure dates) are read in the visit's zone.
- The result is sorted: warnings without events (stays) first, then by the start of the
  first event, code, event ids, person before group; the input order never matters.

Rules and their codes:
- `person_overlap` / `group_overlap`: one person (group) in two overlapping events; one
  Conflict per pair and person (group); `minutes` = the overlap.
- Venues are booked as rooms. An exclusive venue (a hall, the default, and any venue
  missing from `places`) holds one event at a time; a shared space (`Place.shared`: a
  square, a hotel lobby) holds several at once, up to its capacity.
- `venue_overlap`: two overlapping events at an exclusive venue, whatever its capacity;
  one per pair; `venue_ids` = (venue,), `minutes` = the overlap. Never at a shared space.
- `venue_over_capacity`: more people than a venue with a known capacity (1 or more)
  holds. At an exclusive venue: one event whose own attendance exceeds the capacity, one
  Conflict per such event; `minutes` = its length. At a shared space: the attendance of
  all events there at one moment exceeds it; one Conflict per over-capacity episode (a
  maximal stretch of time above capacity), naming every event present during it,
  `minutes` = the length of the episode; a single event too big alone is an episode too.
  In both `count` = the peak attendance, `limit` = the capacity. A shared space without a
  known capacity is never flagged.
- `travel_too_short`: a person (group) must go from venue A to venue B between two events
  and the gap is shorter than the travel time (see `travel.py`); `minutes` = the gap,
  `required_minutes` = the travel time, `venue_ids` = (A, B).
- `before_arrival` / `after_departure`: an event of a person (group) starting before they
  arrive or ending after they leave; `minutes` = by how much. With several presences
  (someone leaves and comes back) an event inside any of them is fine.
- `outside_visit`: an event starting on a local day outside the visit, or ending on a local
  day after the one following the last day (an evening may run past midnight), as in
  `validation.event_time_problems`. Only with a frame.
- `stay_mismatch`: the local arrival (departure) date differs from the check-in (check-out)
  of the accommodation; `boundary` says which; `minutes` holds *nights*, signed: positive
  = nights without a bed, negative = booked nights not used. Only with a frame.
- `no_stay`: a person (group) in town across several local dates (both arrival and
  departure known) with no accommodation at all; `minutes` = the nights. Only with a frame.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TypedDict

from visits.scheduling.intervals import (
    OPEN,
    Span,
    Window,
    episodes_over,
    handovers,
    heavier,
    overlapping_pairs,
    uncovered,
)
from visits.scheduling.stays import ARRIVAL as ARRIVAL  # Conflict.boundary values
from visits.scheduling.stays import DEPARTURE as DEPARTURE
from visits.scheduling.stays import Booking, closest_booking, mismatches
from visits.scheduling.timezones import to_utc, zone
from visits.scheduling.travel import DEFAULT_CITY_SPEED_KMH, TravelTimes

PERSON_OVERLAP = "person_overlap"
GROUP_OVERLAP = "group_overlap"
VENUE_OVERLAP = "venue_overlap"
VENUE_OVER_CAPACITY = "venue_over_capacity"
TRAVEL_TOO_SHORT = "travel_too_short"
BEFORE_ARRIVAL = "before_arrival"
AFTER_DEPARTURE = "after_departure"
OUTSIDE_VISIT = "outside_visit"
STAY_MISMATCH = "stay_mismatch"
NO_STAY = "no_stay"
CODES = (
    PERSON_OVERLAP,
    GROUP_OVERLAP,
    VENUE_OVERLAP,
    VENUE_OVER_CAPACITY,
    TRAVEL_TOO_SHORT,
    BEFORE_ARRIVAL,
    AFTER_DEPARTURE,
    OUTSIDE_VISIT,
    STAY_MISMATCH,
    NO_STAY,
)


def _require_aware(moment: datetime | None, name: str) -> None:
    if moment is not None and moment.utcoffset() is None:
        raise ValueError(f"{name} is a naive datetime: a moment must carry its offset")


def _require_one_of(person_id: int | None, group_id: int | None) -> None:
    if (person_id is None) == (group_id is None):
        raise ValueError("exactly one of person_id and group_id must be set")


@dataclass(frozen=True, slots=True)
class Slot:
    """One event as detection sees it."""

    event_id: int
    starts_at: datetime  # aware, UTC
    ends_at: datetime  # aware, UTC, > starts_at
    venue_id: int | None
    people: frozenset[int]  # ids of persons taking part
    groups: frozenset[int]  # ids of organizations (ensembles, groups) taking part
    cancelled: bool = False
    attendance: int = 0  # how many people the event brings to its venue (for capacity)

    def __post_init__(self) -> None:
        _require_aware(self.starts_at, "starts_at")
        _require_aware(self.ends_at, "ends_at")
        if self.ends_at <= self.starts_at:
            raise ValueError(f"event {self.event_id} must end after it starts")
        if self.attendance < 0:
            raise ValueError(f"event {self.event_id} has a negative attendance")


@dataclass(frozen=True, slots=True)
class Place:
    """A venue."""

    venue_id: int
    latitude: float | None
    longitude: float | None
    capacity: int | None  # None, or below 1: not known
    shared: bool = False  # a shared space (overlaps allowed), not a hall booked exclusively


@dataclass(frozen=True, slots=True)
class Presence:
    """When a person or group is in town (from arrivals and departures)."""

    person_id: int | None  # exactly one of person_id / group_id is set
    group_id: int | None
    arrives_at: datetime | None  # aware UTC; None = unknown / already there
    departs_at: datetime | None  # aware UTC; None = unknown / stays on

    def __post_init__(self) -> None:
        _require_one_of(self.person_id, self.group_id)
        _require_aware(self.arrives_at, "arrives_at")
        _require_aware(self.departs_at, "departs_at")


@dataclass(frozen=True, slots=True)
class Stay:
    """Accommodation of a person or group."""

    person_id: int | None  # exactly one of person_id / group_id is set
    group_id: int | None
    check_in: date
    check_out: date  # nights = check_out - check_in

    def __post_init__(self) -> None:
        _require_one_of(self.person_id, self.group_id)


@dataclass(frozen=True, slots=True)
class VisitFrame:
    first_day: date
    last_day: date
    zone: str  # IANA zone of the visit, e.g. "Asia/Almaty"


@dataclass(frozen=True, slots=True)
class Conflict:
    """One warning. Which fields are set depends on the code: see the module docstring."""

    code: str
    event_ids: tuple[int, ...]  # the events involved, in time order
    person_id: int | None = None  # the person or group concerned, where one is
    group_id: int | None = None
    venue_ids: tuple[int, ...] = ()
    minutes: int | None = None  # overlap, gap available for travel, lateness, nights
    required_minutes: int | None = None  # travel time needed
    count: int | None = None  # attendance at the peak (venue_over_capacity)
    limit: int | None = None  # capacity of the venue (venue_over_capacity)
    boundary: str | None = None  # ARRIVAL or DEPARTURE (stay_mismatch)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_MINUTE = 60_000_000  # in microseconds, the unit of every moment below


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // _MICROSECOND


def _ceil_minutes(micros: int) -> int:
    return -(-micros // _MINUTE)


def detect(
    slots: Iterable[Slot],
    places: Mapping[int, Place],
    presences: Iterable[Presence] = (),
    stays: Iterable[Stay] = (),
    frame: VisitFrame | None = None,
    travel_minutes: Mapping[tuple[int, int], int] | None = None,
    city_speed_kmh: float = DEFAULT_CITY_SPEED_KMH,
) -> list[Conflict]:
    """All conflicts of a programme, sorted, whatever the order of the input.

    `places` maps a venue id to its Place; `travel_minutes` maps a venue pair to the
    minutes staff set for it (either order answers). The rules needing local dates
    (outside_visit, stay_mismatch, no_stay) run only when `frame` is given. Two live
    slots with the same event id are refused with ValueError.
    """
    live = [slot for slot in slots if not slot.cancelled]
    if len({slot.event_id for slot in live}) != len(live):
        raise ValueError("an event id is given twice among the live slots")
    # Sorted once, by (start, end, id): unique ids keep the slots themselves uncompared.
    timed = sorted((_micros(s.starts_at), _micros(s.ends_at), s.event_id, s) for s in live)
    spans: list[Span] = []
    by_person: dict[int, list[Span]] = {}
    by_group: dict[int, list[Span]] = {}
    by_venue: dict[int, list[Span]] = {}
    for start, end, event_id, slot in timed:  # in time order, and so is every list below
        span = Span(event_id, start, end, slot.venue_id, slot.attendance)
        spans.append(span)
        for person in slot.people:
            by_person.setdefault(person, []).append(span)
        for group in slot.groups:
            by_group.setdefault(group, []).append(span)
        if span.venue is not None:
            by_venue.setdefault(span.venue, []).append(span)

    found: list[Conflict] = []
    travel = TravelTimes(
        {vid: (place.latitude, place.longitude) for vid, place in places.items()},
        travel_minutes,
        city_speed_kmh,
    )
    for code, index, kind in (
        (PERSON_OVERLAP, by_person, "person_id"),
        (GROUP_OVERLAP, by_group, "group_id"),
    ):
        for who, evs in index.items():
            whose = _whose(kind, who)
            _overlaps(evs, found, code, whose)
            _travel(evs, travel, found, whose)
    for venue, evs in by_venue.items():
        _venue(evs, venue, places.get(venue), found)

    presences = tuple(presences)
    _presence(by_person, by_group, presences, found)
    if frame is not None:
        _outside_visit(spans, frame, found)
        _stays(presences, tuple(stays), frame, found)
    starts = {span.id: span.start for span in spans}
    return sorted(found, key=lambda c: _order(c, starts))


def _overlaps(
    evs: list[Span],
    found: list[Conflict],
    code: str,
    whose: "_Whose",
    *,
    venue_ids: tuple[int, ...] = (),
) -> None:
    """One Conflict per overlapping pair of events, with the overlap in minutes; `whose`
    is the person or group concerned (none for a venue)."""
    for a, b in overlapping_pairs(evs):
        found.append(
            Conflict(
                code,
                (a.id, b.id),
                venue_ids=venue_ids,
                minutes=_ceil_minutes(min(a.end, b.end) - b.start),
                **whose,
            )
        )


def _travel(
    evs: list[Span],
    travel: TravelTimes,
    found: list[Conflict],
    whose: "_Whose",
) -> None:
    """Too little time to go from one venue to the next, for one person or group.

    See `handovers` for which event someone comes from. Overlapping events are left to
    the overlap rule; events without a venue, or at the same venue, need no travel; nor
    do pairs of venues without any known travel time (no staff time, no coordinates).
    """
    for a, b in handovers(evs):
        if a.venue is None or b.venue is None or a.venue == b.venue:
            continue
        needed = travel.minutes(a.venue, b.venue)
        gap = b.start - a.end
        if needed is not None and gap < needed * _MINUTE:
            found.append(
                Conflict(
                    TRAVEL_TOO_SHORT,
                    (a.id, b.id),
                    venue_ids=(a.venue, b.venue),
                    minutes=gap // _MINUTE,
                    required_minutes=needed,
                    **whose,
                )
            )


def _venue(evs: list[Span], venue: int, place: Place | None, found: list[Conflict]) -> None:
    """The events at one venue, booked as a room (exclusive unless a shared space)."""
    shared = place is not None and place.shared
    if not shared:
        _overlaps(evs, found, VENUE_OVERLAP, {}, venue_ids=(venue,))
    capacity = place.capacity if place is not None else None
    if capacity is None or capacity < 1:
        return
    for episode in episodes_over(evs, capacity) if shared else heavier(evs, capacity):
        found.append(
            Conflict(
                VENUE_OVER_CAPACITY,
                tuple(span.id for span in episode.spans),
                venue_ids=(venue,),
                minutes=_ceil_minutes(episode.end - episode.start),
                count=episode.peak,
                limit=capacity,
            )
        )


def _presence(
    by_person: dict[int, list[Span]],
    by_group: dict[int, list[Span]],
    presences: tuple[Presence, ...],
    found: list[Conflict],
) -> None:
    """Events of someone who is not in town yet, or not any more.

    With several presences (someone leaves and comes back), an event inside any of them
    is fine; otherwise it is judged against the presence it overlaps most (the earliest
    on a tie), and may both start too early and end too late.
    """
    windows: dict[tuple[str, int], list[Window]] = {}
    for presence in presences:
        lo = -OPEN if presence.arrives_at is None else _micros(presence.arrives_at)
        hi = OPEN if presence.departs_at is None else _micros(presence.departs_at)
        windows.setdefault(_who(presence.person_id, presence.group_id), []).append((lo, hi))
    for (kind, who), known in windows.items():
        known.sort()
        for span in (by_person if kind == "person_id" else by_group).get(who, ()):
            closest = uncovered(known, span.start, span.end)
            if closest is None:
                continue
            lo, hi = closest
            if span.start < lo:
                minutes = _ceil_minutes(lo - span.start)
                found.append(
                    Conflict(BEFORE_ARRIVAL, (span.id,), minutes=minutes, **_whose(kind, who))
                )
            if span.end > hi:
                minutes = _ceil_minutes(span.end - hi)
                found.append(
                    Conflict(AFTER_DEPARTURE, (span.id,), minutes=minutes, **_whose(kind, who))
                )


def _outside_visit(events: list[Span], frame: VisitFrame, found: list[Conflict]) -> None:
    """Events on local days outside the visit, compared as UTC bounds of those days.

    A start must fall within [first_day 00:00, last_day + 1 00:00) local; an end must come
    before last_day + 2 00:00 local, so an evening may run past midnight of the last day.
    """
    first = _micros(to_utc(frame.first_day, time(0), frame.zone))
    after_last = _micros(to_utc(frame.last_day + timedelta(days=1), time(0), frame.zone))
    end_limit = _micros(to_utc(frame.last_day + timedelta(days=2), time(0), frame.zone))
    for ev in events:
        if ev.start < first or ev.start >= after_last or ev.end >= end_limit:
            found.append(Conflict(OUTSIDE_VISIT, (ev.id,)))


def _stays(
    presences: tuple[Presence, ...],
    stays: tuple[Stay, ...],
    frame: VisitFrame,
    found: list[Conflict],
) -> None:
    """Accommodation that does not match arrival and departure, in local dates.

    Each presence with a known arrival or departure is compared with the stay of the same
    person (group) that matches it best (see `stays.closest_booking`).
    """
    booked: dict[tuple[str, int], list[Booking]] = {}
    for stay in stays:
        key = _who(stay.person_id, stay.group_id)
        booked.setdefault(key, []).append((stay.check_in, stay.check_out))
    tz = zone(frame.zone)
    for presence in presences:
        arrival = _local_date(presence.arrives_at, tz)
        departure = _local_date(presence.departs_at, tz)
        if arrival is None and departure is None:
            continue
        kind, who = key = _who(presence.person_id, presence.group_id)
        booking = closest_booking(booked.get(key, ()), arrival, departure)
        if booking is not None:
            for boundary, nights in mismatches(arrival, departure, booking):
                found.append(
                    Conflict(
                        STAY_MISMATCH, (), minutes=nights, boundary=boundary, **_whose(kind, who)
                    )
                )
        elif arrival is not None and departure is not None and arrival != departure:
            nights = (departure - arrival).days
            found.append(Conflict(NO_STAY, (), minutes=nights, **_whose(kind, who)))


def _who(person_id: int | None, group_id: int | None) -> tuple[str, int]:
    if person_id is not None:
        return "person_id", person_id
    assert group_id is not None  # Presence and Stay check that one is set
    return "group_id", group_id


class _Whose(TypedDict, total=False):
    """The person or the group a warning concerns, passed on as a keyword argument."""

    person_id: int
    group_id: int


def _whose(kind: str, who: int) -> _Whose:
    return {"person_id": who} if kind == "person_id" else {"group_id": who}


def _local_date(moment: datetime | None, tz: tzinfo) -> date | None:
    return None if moment is None else moment.astimezone(tz).date()


_FIRST = -(1 << 63)  # the start given to warnings without events: they come first
_NONE = 1 << 63  # sorts a missing number after every real one: people before groups


_SortKey = tuple[int, str, tuple[int, ...], int, int, str, tuple[int, ...], int, int, int, int]


def _order(conflict: Conflict, starts: Mapping[int, int]) -> _SortKey:
    """Sort key: warnings without events first, then by first event start, code, ids, rest."""
    c = conflict
    return (
        starts[c.event_ids[0]] if c.event_ids else _FIRST,
        c.code,
        c.event_ids,
        _NONE if c.person_id is None else c.person_id,
        _NONE if c.group_id is None else c.group_id,
        c.boundary or "",
        c.venue_ids,
        _NONE if c.minutes is None else c.minutes,
        _NONE if c.required_minutes is None else c.required_minutes,
        _NONE if c.count is None else c.count,
        _NONE if c.limit is None else c.limit,
    )
