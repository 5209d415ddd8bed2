"""Placing an event by hand on the day timeline: a block dragged along its lane, its end
edge dragged, or the block dropped in another venue's lane.

The page sends the gesture (how many minutes the block or its end edge travelled, and
the lane it was dropped in); the new times are worked out here, on the visit's wall
clock, so that a drag and the same keys pressed land on the same five-minute step.
Whether the result is an acceptable event (it ends after it starts, it is inside the
visit) is the event service's check, as for the form.

Pure: wall-clock datetimes (naive, in the visit's zone) in, wall-clock datetimes out.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

STEP_MINUTES = 5
NO_VENUE_LANE = "v-"
LARGEST_ID = 2**31 - 1  # ids are 32-bit integer columns: a larger number names nothing


class NotAVenueLane(ValueError):
    """The lane a block was dropped in is not a venue an event can be placed at."""

    def __init__(self, key: str, code: str) -> None:
        super().__init__(f"{key!r}: {code}")
        self.code = code


@dataclass(frozen=True)
class Gesture:
    """What the user did to a block: `move` minutes along the day (the whole block),
    `stretch` minutes of its end edge, and the key of the lane it was dropped in (None
    when it stayed in its lane)."""

    move: int = 0
    stretch: int = 0
    lane: str | None = None

    @property
    def changes_time(self) -> bool:
        return bool(self.move or self.stretch)


def snap(moment: datetime, step: int = STEP_MINUTES) -> datetime:
    """The wall-clock moment on the nearest `step` of minutes (a half step rounds up)."""
    moment = moment.replace(second=0, microsecond=0)
    since_midnight = moment.hour * 60 + moment.minute
    nearest = (since_midnight + step // 2) // step * step
    return moment + timedelta(minutes=nearest - since_midnight)


def placed(starts: datetime, ends: datetime, gesture: Gesture) -> tuple[datetime, datetime]:
    """The wall-clock start and end after `gesture`.

    A move keeps the duration and puts the start on the step; a stretch puts the end on
    the step and leaves the start alone; both together move, then stretch. An end pulled
    to or before the start is returned as it is: refusing it is the caller's check.
    """
    if gesture.move:
        duration = ends - starts
        starts = snap(starts + timedelta(minutes=gesture.move))
        ends = starts + duration
    if gesture.stretch:
        ends = snap(ends + timedelta(minutes=gesture.stretch))
    return starts, ends


def lane_venue(key: str) -> int:
    """The venue id of a venue lane's key ("v12" → 12).

    The lane of events without a venue ("v-") and anything that is not a venue lane
    raise NotAVenueLane: dropping a block there would take its venue away, which the
    event form does deliberately, not a stray drag.
    """
    if key == NO_VENUE_LANE:
        raise NotAVenueLane(key, "no_venue_lane")
    digits = key[1:] if key.startswith("v") else ""
    if not digits.isdigit() or not digits.isascii() or not 0 < int(digits) <= LARGEST_ID:
        raise NotAVenueLane(key, "not_a_venue_lane")
    return int(digits)
