"""Where a new event starts when staff add one to a day of the programme: right after the
day's last event (on a five-minute step), for as long as its kind usually lasts, at the
venue last used — so that entering a day is typing what differs, not every field.

Pure: the caller gives the day's events as they read on the visit's clocks.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# How long each kind of event usually lasts, in minutes (configurable per office).
DEFAULT_DURATIONS: Mapping[str, int] = {
    "meeting": 60,
    "ceremony": 30,
    "concert": 120,
    "excursion": 120,
    "meal": 90,
    "transfer": 30,
    "press": 30,
    "other": 60,
}
FALLBACK_DURATION = 60
DAY_STARTS = time(9, 0)  # a day with nothing yet starts here
STEP_MINUTES = 5


@dataclass(frozen=True)
class PlannedEvent:
    """An event of the day as the visit's clocks read it."""

    starts: datetime
    ends: datetime
    venue_id: int | None
    is_cancelled: bool = False


@dataclass(frozen=True)
class Slot:
    """The suggested times and venue of a new event."""

    start: time
    end: time
    ends_next_day: bool
    venue_id: int | None


def duration_of(kind: str, durations: Mapping[str, int] | None = None) -> timedelta:
    """How long an event of `kind` usually lasts."""
    minutes = (durations or DEFAULT_DURATIONS).get(kind, FALLBACK_DURATION)
    return timedelta(minutes=minutes)


def next_slot(
    day: date,
    events: Sequence[PlannedEvent],
    length: timedelta,
    last_venue_id: int | None = None,
) -> Slot:
    """After the last event that ends on `day` (cancelled ones leave their time free), or
    at DAY_STARTS; at that event's venue, else at `last_venue_id` (the visit's last used).
    """
    live = [event for event in events if not event.is_cancelled and event.ends.date() == day]
    last = max(live, key=lambda event: (event.ends, event.starts), default=None)
    start = _rounded_up(last.ends) if last else datetime.combine(day, DAY_STARTS)
    if start.date() != day:  # the day is full up to midnight
        start = datetime.combine(day, DAY_STARTS)
    end = start + length
    venue_id = next(
        (event.venue_id for event in sorted(live, key=lambda e: e.ends, reverse=True)
         if event.venue_id is not None),
        last_venue_id,
    )  # fmt: skip
    return Slot(start.time(), end.time(), end.date() > day, venue_id)


def _rounded_up(moment: datetime) -> datetime:
    """The moment, or the next one on the five-minute step."""
    moment = moment.replace(second=0, microsecond=0) + (
        timedelta(minutes=1) if moment.second or moment.microsecond else timedelta()
    )
    extra = -moment.minute % STEP_MINUTES
    return moment + timedelta(minutes=extra)
