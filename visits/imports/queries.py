"""Loading a whole visit for its document in a fixed number of queries."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from visits.exports.visit_document import export_visit
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventParticipant,
    Movement,
    Person,
    ProgrammeRevision,
    Stay,
    TravelTime,
    Visit,
)


def visit_for_export(visit_id: int) -> Select[Visit]:
    member = selectinload(Visit.delegation).selectinload(Delegation.members)
    participant = selectinload(Visit.events).selectinload(Event.participants)
    with_organization = selectinload(Person.organization)
    return (
        select(Visit)
        .where(Visit.id == visit_id)
        .options(
            selectinload(Visit.host_organization),
            selectinload(Visit.liaison_officer).options(with_organization),
            member.selectinload(DelegationMember.person).options(with_organization),
            member.selectinload(DelegationMember.organization),
            selectinload(Visit.events).selectinload(Event.venue),
            selectinload(Visit.events).selectinload(Event.responsible).options(with_organization),
            participant.selectinload(EventParticipant.person).options(with_organization),
            participant.selectinload(EventParticipant.organization),
            selectinload(Visit.movements).selectinload(Movement.venue),
            selectinload(Visit.movements).selectinload(Movement.member),
            selectinload(Visit.stays).selectinload(Stay.hotel),
            selectinload(Visit.stays).selectinload(Stay.member),
            selectinload(Visit.revisions).selectinload(ProgrammeRevision.issued_by),
        )
    )


def travel_times_among(venue_ids: set[int]) -> Select[TravelTime]:
    return select(TravelTime).where(
        TravelTime.from_venue_id.in_(venue_ids), TravelTime.to_venue_id.in_(venue_ids)
    )


def visit_document(session: Session, visit_id: int) -> dict[str, Any] | None:
    """The document of visit `visit_id`, or None when there is no such visit."""
    visit = session.scalar(visit_for_export(visit_id))
    if visit is None:
        return None
    places = [e.venue_id for e in visit.events] + [m.venue_id for m in visit.movements]
    venue_ids = {venue_id for venue_id in places if venue_id is not None}
    venue_ids |= {s.hotel_id for s in visit.stays}
    travel_times: Iterable[TravelTime] = (
        session.scalars(travel_times_among(venue_ids)) if venue_ids else []
    )
    return export_visit(visit, travel_times)
