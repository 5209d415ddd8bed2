"""Query builders for visit pages; each returns a Select."""

from datetime import date
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
    """One visit with everything its page shows, loaded in a fixed number of queries."""
    return visit_with_people(visit_id).options(*logistics_options())
