"""Who takes part in what: the conditions every area asks with, declared once.

A person takes part in a visit when they are a member of its delegation, take part in
one of its events, or are its liaison officer (who goes everywhere with the delegation).
The people of a visit are exactly those; a person's visits are the reverse.
"""

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import selectinload

from visits.models import DelegationMember, Event, EventParticipant, Person, Visit


def takes_part(person_id: int, *, as_liaison: bool = False) -> ColumnElement[bool]:
    """A condition on Visit: the person is in its delegation or in one of its events (or,
    with `as_liaison`, is its liaison officer)."""
    delegations = select(DelegationMember.delegation_id).where(
        DelegationMember.person_id == person_id
    )
    events = (
        select(Event.visit_id)
        .join(EventParticipant, EventParticipant.event_id == Event.id)
        .where(EventParticipant.person_id == person_id)
    )
    condition = or_(Visit.delegation_id.in_(delegations), Visit.id.in_(events))
    return or_(condition, Visit.liaison_officer_id == person_id) if as_liaison else condition


def people_of(visit_id: int) -> ColumnElement[bool]:
    """A condition on Person: a member of the visit's delegation, its liaison officer, or
    a participant of one of its events."""
    members = (
        select(DelegationMember.person_id)
        .join(Visit, Visit.delegation_id == DelegationMember.delegation_id)
        .where(Visit.id == visit_id, DelegationMember.person_id.is_not(None))
    )
    liaison = select(Visit.liaison_officer_id).where(
        Visit.id == visit_id, Visit.liaison_officer_id.is_not(None)
    )
    participants = (
        select(EventParticipant.person_id)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(Event.visit_id == visit_id, EventParticipant.person_id.is_not(None))
    )
    return or_(Person.id.in_(members), Person.id.in_(liaison), Person.id.in_(participants))


def events_where(condition: ColumnElement[bool]) -> Select[Event]:
    """The events meeting `condition`, with their visit, soonest first."""
    return (
        select(Event)
        .where(condition)
        .options(selectinload(Event.visit))
        .order_by(Event.starts_at, Event.id)
    )


def participations(*, person_id: int | None = None, group_id: int | None = None) -> Select[Event]:
    """The events a person (or an organization as a group) takes part in, soonest first."""
    column = (
        EventParticipant.person_id if person_id is not None else (EventParticipant.organization_id)
    )
    taking_part = select(EventParticipant.event_id).where(column == (person_id or group_id))
    return events_where(Event.id.in_(taking_part))


def memberships(
    *, person_id: int | None = None, group_id: int | None = None
) -> Select[DelegationMember]:
    """The delegation memberships of a person (or of an organization as a group)."""
    column = (
        DelegationMember.person_id if person_id is not None else (DelegationMember.organization_id)
    )
    return (
        select(DelegationMember)
        .where(column == (person_id or group_id))
        .options(selectinload(DelegationMember.delegation))
        .order_by(DelegationMember.delegation_id)
    )
