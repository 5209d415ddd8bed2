"""A day drawn to scale: one lane per person (or per venue), events as blocks, the gaps
between a lane's consecutive events as travel segments. Arrivals and departures shown as
transfers are blocks too, in the lanes of whoever travels (or of their venue); they make no
travel segment and are never marked as conflicting, since conflicts concern events only.
Pure: values in, geometry out.

Positions are minutes from the start of the drawn window, in the visit's zone, so the
template only multiplies by a scale; nothing here knows about pixels or HTML.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from visits.scheduling.timezones import to_local, to_utc

BY_PERSON = "person"
BY_VENUE = "venue"


def member_lane(person_id: int | None, group_id: int | None) -> str:
    """The key of the lane of a person, or of a group (an ensemble) when there is no person."""
    return f"p{person_id}" if person_id is not None else f"g{group_id}"


def venue_lane(venue_id: int | None) -> str:
    """The key of a venue's lane; events without a venue share the lane "v-"."""
    return f"v{venue_id}" if venue_id is not None else "v-"


def transfer_lanes(
    by: str, traveller: str | None, delegation: Sequence[str], venue: str | None
) -> tuple[str, ...]:
    """The lanes an arrival or a departure is drawn in.

    By person: the lane of the member who travels (`traveller`, a person's or a group's
    lane key), or, for a movement of the whole delegation (`traveller` None), the lane of
    every member in `delegation`. By venue: the lane of its venue, or none without one.
    """
    if by == BY_VENUE:
        return (venue,) if venue is not None else ()
    return (traveller,) if traveller is not None else tuple(dict.fromkeys(delegation))


def person_lane_order(
    members: Sequence[str],
    appearances: Iterable[tuple[str, bool]],
    *,
    hosts_first: bool = False,
) -> list[str]:
    """The person lanes in the order of precedence of the two sides.

    The guest side is the delegation's `members` in their order of precedence, then any
    other guest in the order they first appear; the host side is its participants in the
    order they first appear. `appearances` are (lane key, on the host side) in the order
    of the programme (events by time, participants in their order). A member is a guest
    wherever they appear; anyone else takes the side of their first appearance. The
    guests come first unless `hosts_first`.
    """
    guests = list(dict.fromkeys(members))
    hosts: list[str] = []
    seen = set(guests)
    for key, host_side in appearances:
        if key not in seen:
            seen.add(key)
            (hosts if host_side else guests).append(key)
    return [*hosts, *guests] if hosts_first else [*guests, *hosts]


@dataclass(frozen=True)
class Item:
    """An event as the timeline sees it; `lanes` are the keys of the lanes it appears in.

    With `transfer`, the item is an arrival or a departure: `event_id` is then the id of
    the movement and `kind` its direction.
    """

    event_id: int
    starts_at: datetime  # aware UTC
    ends_at: datetime
    title: str
    kind: str
    lanes: tuple[str, ...]
    venue_id: int | None = None
    cancelled: bool = False
    transfer: bool = False
    label: str | None = None  # in place of the times (an all-day event: "all day")


@dataclass(frozen=True)
class Block:
    event_id: int  # the movement's id when `transfer`
    start: int  # minutes from the window's start
    end: int
    title: str
    kind: str
    label: str  # "10:00–11:30"
    cancelled: bool
    conflicting: bool
    transfer: bool = False


@dataclass(frozen=True)
class Gap:
    """The time between two consecutive events of a lane at different venues."""

    start: int
    end: int
    from_event: int
    to_event: int
    too_short: bool


@dataclass
class Lane:
    key: str
    name: str
    blocks: list[Block] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def venue_id(self) -> int | None:
        """The venue of a venue's lane; None for a person's lane or the lane without one."""
        digits = self.key[1:]
        return int(digits) if self.key[:1] == "v" and digits.isdecimal() else None


@dataclass(frozen=True)
class Timeline:
    day: date
    first_hour: int
    last_hour: int  # exclusive; may be 24 or more for events past midnight
    lanes: tuple[Lane, ...]

    @property
    def minutes(self) -> int:
        return (self.last_hour - self.first_hour) * 60

    @property
    def hours(self) -> list[int]:
        return list(range(self.first_hour, self.last_hour + 1))


def build(
    day: date,
    zone: str,
    items: Iterable[Item],
    lanes: Sequence[tuple[str, str]],
    *,
    conflicting: frozenset[tuple[str | None, int]] = frozenset(),
    short_gaps: frozenset[tuple[int, int]] = frozenset(),
    default_hours: tuple[int, int] = (8, 20),
) -> Timeline:
    """The timeline of one local day.

    `lanes` are (key, name) in the order to draw; an item shows in every lane of its
    `lanes` that is listed. `conflicting` are (lane key, event id) pairs to mark, a key
    of None marking the event in every lane; `short_gaps` are (from_event, to_event)
    pairs whose travel time is too short. Transfer items are neither marked nor part of
    a travel segment (their ids are movements', not events'). The window covers
    `default_hours` and stretches to whole hours around the day's events.
    """
    day_start = to_utc(day, time(0, 0), zone)
    day_end = to_utc(day + timedelta(days=1), time(0, 0), zone)
    todays = [i for i in items if day_start <= i.starts_at < day_end]

    first, last = default_hours
    for item in todays:
        start = to_local(item.starts_at, zone)
        end_minutes = _minutes_since(day_start, item.ends_at)
        first = min(first, start.hour)
        last = max(last, -(-end_minutes // 60))
    window_start = day_start + timedelta(hours=first)

    by_key = {key: Lane(key, name) for key, name in lanes}
    for item in sorted(todays, key=_drawing_order):
        label = item.label or (
            f"{to_local(item.starts_at, zone):%H:%M}–{to_local(item.ends_at, zone):%H:%M}"
        )
        for key in item.lanes:
            if key not in by_key:
                continue
            marked = not item.transfer and (
                (key, item.event_id) in conflicting or (None, item.event_id) in conflicting
            )
            by_key[key].blocks.append(
                Block(
                    event_id=item.event_id,
                    start=_minutes_since(window_start, item.starts_at),
                    end=_minutes_since(window_start, item.ends_at),
                    title=item.title,
                    kind=item.kind,
                    label=label,
                    cancelled=item.cancelled,
                    conflicting=marked,
                    transfer=item.transfer,
                )
            )

    venue_of = {i.event_id: i.venue_id for i in todays if not i.transfer}
    for lane in by_key.values():
        lane.gaps = _gaps(lane.blocks, venue_of, short_gaps)
    return Timeline(day, first, last, tuple(by_key.values()))


def _drawing_order(item: Item) -> tuple[datetime, datetime, bool, int]:
    return item.starts_at, item.ends_at, item.transfer, item.event_id


def _minutes_since(origin: datetime, moment: datetime) -> int:
    return int((moment - origin).total_seconds() // 60)


def _gaps(
    blocks: list[Block], venue_of: dict[int, int | None], short: frozenset[tuple[int, int]]
) -> list[Gap]:
    """Travel from the event that ends last so far to the next one that starts after it
    (an event nested inside a longer one is not where anyone sets off from). Transfers
    take no part: travel times are checked between events only."""
    gaps: list[Gap] = []
    before: Block | None = None
    for after in (b for b in blocks if not b.cancelled and not b.transfer):
        if before is not None and after.start >= before.end:
            here, there = venue_of.get(before.event_id), venue_of.get(after.event_id)
            if here is not None and there is not None and here != there:
                pair = (before.event_id, after.event_id)
                gaps.append(Gap(before.end, after.start, *pair, too_short=pair in short))
        if before is None or after.end > before.end:
            before = after
    return gaps
