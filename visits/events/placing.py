"""Placing an event from the day timeline: a gesture (a drag or the keys that do the
same) turned into the changes `update_event` applies, exactly as if the form had
been saved with the new times and venue. The caller commits."""

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from visits.events.services import InvalidEvent
from visits.models import Event, Venue
from visits.scheduling.placing import Gesture, NotAVenueLane, lane_venue, placed
from visits.scheduling.timezones import to_local, to_utc
from visits.scheduling.validation import Problem


def placement(session: Session, event: Event, gesture: Gesture) -> dict[str, Any]:
    """The field changes `gesture` makes to `event` (its times on the visit's wall clock,
    its venue when dropped in another venue's lane).

    A lane that names no venue, or a venue that no longer exists, is refused here; the
    times are checked by `update_event` like those of the form (the end after the start,
    the start on a day of the visit)."""
    zone = event.visit.timezone
    changes: dict[str, Any] = {}
    if gesture.changes_time:
        starts, ends = placed(_wall(event.starts_at, zone), _wall(event.ends_at, zone), gesture)
        changes["starts_at"] = to_utc(starts.date(), starts.time(), zone)
        changes["ends_at"] = to_utc(ends.date(), ends.time(), zone)
    if gesture.lane is not None:
        try:
            venue_id = lane_venue(gesture.lane)
        except NotAVenueLane as refused:
            raise InvalidEvent([Problem("venue_id", refused.code)]) from None
        if session.get(Venue, venue_id) is None:
            raise InvalidEvent([Problem("venue_id", "unknown_venue")])
        changes["venue_id"] = venue_id
    return changes


def _wall(moment: datetime, zone: str) -> datetime:
    return to_local(moment, zone).replace(tzinfo=None)
