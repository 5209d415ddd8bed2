"""A day drawn to scale: one lane per person (or per venue), events as blocks, the gaps
between a lane's consecutive events as travel segments. Pure: values in, geometry out.

Positions are minutes from the start of the drawn window, in the visit's zone, so the
template only multiplies by a scale; nothing here knows about pixels or HTML.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from visits.scheduling.timezones import to_local, to_utc


@dataclass(frozen=True)
class Item:
    """An event as the timeline sees it; `lanes` are the keys of the lanes it appears in."""

    event_id: int
    starts_at: datetime  # aware UTC
    ends_at: datetime
    title: str
    kind: str
    lanes: tuple[str, ...]
    venue_id: int | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class Block:
    event_id: int
    start: int  # minutes from the window's start
    end: int
    title: str
    kind: str
    label: str  # "10:00–11:30"
    cancelled: bool
    conflicting: bool


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
    pairs whose travel time is too short. The window covers
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
    for item in sorted(todays, key=lambda i: (i.starts_at, i.ends_at, i.event_id)):
        label = f"{to_local(item.starts_at, zone):%H:%M}–{to_local(item.ends_at, zone):%H:%M}"
        for key in item.lanes:
            if key not in by_key:
                continue
            marked = (key, item.event_id) in conflicting or (None, item.event_id) in conflicting
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
                )
            )

    venue_of = {i.event_id: i.venue_id for i in todays}
    for lane in by_key.values():
        lane.gaps = _gaps(lane.blocks, venue_of, short_gaps)
    return Timeline(day, first, last, tuple(by_key.values()))


def _minutes_since(origin: datetime, moment: datetime) -> int:
    return int((moment - origin).total_seconds() // 60)


def _gaps(
    blocks: list[Block], venue_of: dict[int, int | None], short: frozenset[tuple[int, int]]
) -> list[Gap]:
    """Travel from the event that ends last so far to the next one that starts after it
    (an event nested inside a longer one is not where anyone sets off from)."""
    gaps: list[Gap] = []
    before: Block | None = None
    for after in (b for b in blocks if not b.cancelled):
        if before is not None and after.start >= before.end:
            here, there = venue_of.get(before.event_id), venue_of.get(after.event_id)
            if here is not None and there is not None and here != there:
                pair = (before.event_id, after.event_id)
                gaps.append(Gap(before.end, after.start, *pair, too_short=pair in short))
        if before is None or after.end > before.end:
            before = after
    return gaps
