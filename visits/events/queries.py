"""Query builders for the event pages; each returns a Select."""

from collections.abc import Iterable
from datetime import date, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from visits.models import Event, ParticipantList, Venue, Visit
from visits.scheduling.timezones import to_utc


def event_for_editing(event_id: int) -> Select[Event]:
    """One event with its visit and participants (the form needs no more of them)."""
    return (
        select(Event)
        .where(Event.id == event_id)
        .options(joinedload(Event.visit), selectinload(Event.participants))
    )


def events_on_day(visit: Visit, day: date) -> Select[Event]:
    """The visit's events starting on `day` as the visit's clocks read it."""
    first = to_utc(day, time(0, 0), visit.timezone)
    after = to_utc(day + timedelta(days=1), time(0, 0), visit.timezone)
    return (
        select(Event)
        .where(Event.visit_id == visit.id, Event.starts_at >= first, Event.starts_at < after)
        .options(selectinload(Event.participants))
        .order_by(Event.starts_at, Event.id)
    )


def events_by_ids(visit_id: int, event_ids: Iterable[int]) -> Select[Event]:
    """The events of the visit among `event_ids`, in time order (others are left out)."""
    return (
        select(Event)
        .where(Event.visit_id == visit_id, Event.id.in_(list(event_ids)))
        .options(selectinload(Event.participants))
        .order_by(Event.starts_at, Event.id)
    )


def venues() -> Select[Venue]:
    return select(Venue).order_by(Venue.id)


def saved_groups() -> Select[ParticipantList]:
    return select(ParticipantList).order_by(ParticipantList.id)


def last_venue_used(visit_id: int) -> Select[int | None]:
    """The venue of the visit's most recently added event that has one."""
    return (
        select(Event.venue_id)
        .where(Event.visit_id == visit_id, Event.venue_id.is_not(None))
        .order_by(Event.created_at.desc(), Event.id.desc())
        .limit(1)
    )
