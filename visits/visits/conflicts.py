"""The conflicts of a visit: its records turned into plain data for the detector, either
from a visit loaded with its events (`visit_conflicts`) or read as rows (`read_conflicts`,
what the per-visit cache computes from: no record object is built)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visits.models import (
    DelegationMember,
    Event,
    EventParticipant,
    EventStatus,
    Movement,
    Stay,
    TravelTime,
    Venue,
    Visit,
)
from visits.models import Direction as D
from visits.scheduling import conflicts as c


def _slot(
    event: Any, cancelled: bool, taking_part: Iterable[tuple[int | None, int | None]]
) -> c.Slot:
    who = list(taking_part)
    people = frozenset(person for person, _ in who if person)
    groups = frozenset(group for _, group in who if group)
    return c.Slot(
        event_id=event.id,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        venue_id=event.venue_id,
        people=people,
        groups=groups,
        cancelled=cancelled,
        attendance=len(people) + len(groups),
    )


def slot(event: Event) -> c.Slot:
    who = [(p.person_id, p.organization_id) for p in event.participants]
    return _slot(event, event.is_cancelled, who)


def presences(members: Sequence[Any], movements: Iterable[Any]) -> list[c.Presence]:
    """One presence per member: arrival and departure, the whole delegation's by default.
    `members` and `movements` are records or rows with their columns."""
    movements = list(movements)
    times: dict[tuple[int | None, int | None], dict[str, datetime]] = {}
    everyone = [m for m in movements if m.member_id is None]
    for member in members:
        key = (member.person_id, member.organization_id)
        own = [m for m in movements if m.member_id == member.id] or everyone
        for movement in own:
            times.setdefault(key, {})[D(movement.direction).value] = movement.at
    return [
        c.Presence(person, group, found.get(D.ARRIVAL.value), found.get(D.DEPARTURE.value))
        for (person, group), found in times.items()
    ]


def stays(members: Sequence[Any], records: Iterable[Any]) -> list[c.Stay]:
    records = list(records)
    everyone = [s for s in records if s.member_id is None]
    result = []
    for member in members:
        own = [s for s in records if s.member_id == member.id] or everyone
        result += [
            c.Stay(member.person_id, member.organization_id, s.check_in, s.check_out) for s in own
        ]
    return result


def travel_minutes(session: Session, venue_ids: set[int]) -> dict[tuple[int, int], int]:
    if len(venue_ids) < 2:
        return {}
    rows = session.execute(
        select(TravelTime.from_venue_id, TravelTime.to_venue_id, TravelTime.minutes).where(
            TravelTime.from_venue_id.in_(venue_ids), TravelTime.to_venue_id.in_(venue_ids)
        )
    )
    return {(a, b): minutes for a, b, minutes in rows}


def _place(venue: Any) -> c.Place:
    return c.Place(
        venue.id,
        float(venue.latitude) if venue.latitude is not None else None,
        float(venue.longitude) if venue.longitude is not None else None,
        venue.capacity,
        venue.shared,
    )


def _detect(
    session: Session,
    visit: Visit,
    slots: list[c.Slot],
    places: dict[int, c.Place],
    members: Sequence[Any],
    movements: Iterable[Any],
    records: Iterable[Any],
) -> list[c.Conflict]:
    return c.detect(
        slots,
        places,
        presences(members, movements),
        stays(members, records),
        c.VisitFrame(visit.start_date, visit.end_date, visit.timezone),
        travel_minutes(session, set(places)),
        float(visit.city_speed_kmh),
    )


def visit_conflicts(session: Session, visit: Visit) -> list[c.Conflict]:
    """Every warning of the visit. Expects its events (with participants and venues),
    movements, stays and delegation members loaded; queries only the travel times."""
    venues = {e.venue.id: e.venue for e in visit.events if e.venue is not None}
    members = visit.delegation.members if visit.delegation else []
    return _detect(
        session,
        visit,
        [slot(e) for e in visit.events],
        {vid: _place(v) for vid, v in venues.items()},
        members,
        visit.movements,
        visit.stays,
    )


def read_conflicts(session: Session, visit: Visit) -> tuple[list[c.Conflict], Sequence[Any]]:
    """Every warning of the visit, and its events as rows (id, starts_at, …), read in a
    fixed number of queries of plain columns."""
    of_visit = Event.visit_id == visit.id
    events = session.execute(
        select(Event.id, Event.starts_at, Event.ends_at, Event.venue_id, Event.status)
        .where(of_visit)
        .order_by(Event.starts_at, Event.id)
    ).all()
    taking_part: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for event_id, person, group in session.execute(
        select(
            EventParticipant.event_id, EventParticipant.person_id, EventParticipant.organization_id
        )
        .join(Event, Event.id == EventParticipant.event_id)
        .where(of_visit)
    ):
        taking_part[event_id].append((person, group))
    used = select(Event.venue_id).where(of_visit)
    venues = session.execute(
        select(Venue.id, Venue.latitude, Venue.longitude, Venue.capacity, Venue.shared).where(
            Venue.id.in_(used)
        )
    ).all()
    members = session.execute(
        select(DelegationMember.id, DelegationMember.person_id, DelegationMember.organization_id)
        .where(DelegationMember.delegation_id == visit.delegation_id)
        .order_by(DelegationMember.precedence, DelegationMember.id)
    ).all()
    movements = session.execute(
        select(Movement.member_id, Movement.direction, Movement.at)
        .where(Movement.visit_id == visit.id)
        .order_by(Movement.at, Movement.id)
    ).all()
    records = session.execute(
        select(Stay.member_id, Stay.check_in, Stay.check_out)
        .where(Stay.visit_id == visit.id)
        .order_by(Stay.check_in, Stay.id)
    ).all()
    slots = [_slot(e, e.status is EventStatus.CANCELLED, taking_part.get(e.id, ())) for e in events]
    places = {v.id: _place(v) for v in venues}
    return _detect(session, visit, slots, places, members, movements, records), events
