"""The conflicts of a visit: its records turned into plain data for the detector."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visits.models import Direction as D
from visits.models import Event, Movement, Stay, TravelTime, Visit
from visits.scheduling import conflicts as c


def slot(event: Event) -> c.Slot:
    people = frozenset(p.person_id for p in event.participants if p.person_id)
    groups = frozenset(p.organization_id for p in event.participants if p.organization_id)
    return c.Slot(
        event_id=event.id,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        venue_id=event.venue_id,
        people=people,
        groups=groups,
        cancelled=event.is_cancelled,
        attendance=len(people) + len(groups),
    )


def presences(visit: Visit, movements: Iterable[Movement]) -> list[c.Presence]:
    """One presence per member: arrival and departure, the whole delegation's by default."""
    members = visit.delegation.members if visit.delegation else []
    times: dict[tuple[int | None, int | None], dict[str, datetime]] = {}
    everyone = [m for m in movements if m.member_id is None]
    for member in members:
        key = (member.person_id, member.organization_id)
        own = [m for m in movements if m.member_id == member.id] or everyone
        for movement in own:
            times.setdefault(key, {})[movement.direction.value] = movement.at
    return [
        c.Presence(person, group, found.get(D.ARRIVAL.value), found.get(D.DEPARTURE.value))
        for (person, group), found in times.items()
    ]


def stays(visit: Visit, records: Iterable[Stay]) -> list[c.Stay]:
    members = visit.delegation.members if visit.delegation else []
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
    rows = session.scalars(
        select(TravelTime).where(
            TravelTime.from_venue_id.in_(venue_ids), TravelTime.to_venue_id.in_(venue_ids)
        )
    )
    return {(t.from_venue_id, t.to_venue_id): t.minutes for t in rows}


def visit_conflicts(session: Session, visit: Visit) -> list[c.Conflict]:
    """Every warning of the visit. Expects its events (with participants and venues),
    movements, stays and delegation members loaded; queries only the travel times."""
    venues = {e.venue.id: e.venue for e in visit.events if e.venue is not None}
    places = {
        vid: c.Place(
            vid,
            float(v.latitude) if v.latitude is not None else None,
            float(v.longitude) if v.longitude is not None else None,
            v.capacity,
            v.shared,
        )
        for vid, v in venues.items()
    }
    return c.detect(
        [slot(e) for e in visit.events],
        places,
        presences(visit, visit.movements),
        stays(visit, visit.stays),
        c.VisitFrame(visit.start_date, visit.end_date, visit.timezone),
        travel_minutes(session, set(places)),
        float(visit.city_speed_kmh),
    )
