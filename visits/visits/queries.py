"""Query builders for visit pages; each returns a Select."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, case, select
from sqlalchemy.orm import selectinload

from visits.logistics.queries import logistics_options
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventParticipant,
    Person,
    Visit,
)
from visits.scheduling.timezones import to_utc


def visit_list(today: date) -> Select[Visit]:
    """Visits not yet over first, soonest first; then past visits, latest first."""
    is_past = case((Visit.end_date < today, 1), else_=0)
    upcoming_start = case((Visit.end_date >= today, Visit.start_date))
    return (
        select(Visit)
        .options(selectinload(Visit.delegation))
        .order_by(is_past, upcoming_start, Visit.start_date.desc(), Visit.id)
    )


def visit_with_people(visit_id: int, *, employers: bool = False) -> Select[Visit]:
    """One visit with its host, its delegation's members and its events' venues and
    participants (the people's organizations too when `employers`), in a fixed number of
    queries: what the visit page and the translation checklist both read."""

    def people(attribute: Any) -> Any:
        load = selectinload(attribute)
        return load.selectinload(Person.organization) if employers else load

    return (
        select(Visit)
        .where(Visit.id == visit_id)
        .options(
            selectinload(Visit.host_organization),
            selectinload(Visit.delegation)
            .selectinload(Delegation.members)
            .options(
                people(DelegationMember.person),
                selectinload(DelegationMember.organization),
            ),
            selectinload(Visit.events).options(
                selectinload(Event.venue),
                selectinload(Event.participants).options(
                    people(EventParticipant.person),
                    selectinload(EventParticipant.organization),
                ),
            ),
        )
    )


def visits_where(condition: Any) -> Select[Visit]:
    """The visits meeting `condition` in date order: how a record's page lists the visits
    it takes part in."""
    return select(Visit).where(condition).order_by(Visit.start_date, Visit.id)


def visit_page(visit_id: int) -> Select[Visit]:
    """One visit with all its events and everything else its pages show, loaded in a fixed
    number of queries (the programme revisions and the bulk changes read it whole)."""
    return visit_with_people(visit_id).options(*logistics_options())


def visit_frame(visit_id: int) -> Select[Visit]:
    """One visit with its host, its delegation's members, arrivals, departures and stays:
    what the visit page and the timeline show besides the events (see `day_events`)."""
    return (
        select(Visit)
        .where(Visit.id == visit_id)
        .options(
            selectinload(Visit.host_organization),
            selectinload(Visit.delegation)
            .selectinload(Delegation.members)
            .options(
                selectinload(DelegationMember.person),
                selectinload(DelegationMember.organization),
            ),
            *logistics_options(),
        )
    )


def day_bounds(visit: Visit, day: date) -> tuple[datetime, datetime]:
    """The UTC moments a local day of the visit starts and ends."""
    start = to_utc(day, time(0, 0), visit.timezone)
    if day == date.max:  # the calendar's last day: it ends where time does
        return start, datetime.max.replace(tzinfo=UTC)
    return start, to_utc(day + timedelta(days=1), time(0, 0), visit.timezone)


def day_events(visit: Visit, day: date) -> Select[Event]:
    """The events of the visit starting on a local day, with their venues and participants."""
    start, end = day_bounds(visit, day)
    return (
        select(Event)
        .where(Event.visit_id == visit.id, Event.starts_at >= start, Event.starts_at < end)
        .options(
            selectinload(Event.venue),
            selectinload(Event.participants).options(
                selectinload(EventParticipant.person),
                selectinload(EventParticipant.organization),
            ),
        )
        .order_by(Event.starts_at, Event.ends_at, Event.id)
    )
