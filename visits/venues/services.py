"""Venue and travel-time operations. They check, then change the session; the caller
commits."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from visits.editing import InUse, RecordServices, add_new
from visits.models import Event, LocalizedText, Movement, Stay, TravelTime, Venue
from visits.participation import events_where
from visits.venues import queries

# Degrees are stored with six decimals (about 0.1 m).
COORDINATE_STEP = Decimal("0.000001")
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class VenueValues:
    name: LocalizedText
    address: LocalizedText
    city: LocalizedText
    latitude: Decimal | None
    longitude: Decimal | None
    capacity: int | None
    shared: bool  # a shared space (a square, a lobby), not a hall booked as a whole
    contact: str | None
    notes: str | None


class InvalidVenue(ValueError):
    """Values no venue can have; the form refuses them first, with a message each."""


@dataclass(frozen=True)
class VenueUsage:
    """What refers to a venue. Events, stays and arrivals or departures block a deletion;
    its travel times and venue calendar links go with it."""

    events: list[Event]
    stays: list[Stay]
    movements: list[Movement]
    travel_times: list[TravelTime]
    feeds: int

    @property
    def blocks_deletion(self) -> bool:
        return bool(self.events or self.stays or self.movements)


class VenueInUse(InUse):
    """The venue is still used by events or other records."""


class SameVenue(ValueError):
    """A travel time from a venue to itself."""


def create_venue(session: Session, values: VenueValues) -> Venue:
    return add_new(session, Venue(), update_venue, values)


def update_venue(venue: Venue, values: VenueValues) -> None:
    if (values.latitude is None) != (values.longitude is None):
        raise InvalidVenue("give both coordinates or neither")
    if values.capacity is not None and values.capacity < 1:
        raise InvalidVenue("the capacity must be positive")
    venue.name = values.name
    venue.address = values.address
    venue.city = values.city
    venue.latitude = _degrees(values.latitude)
    venue.longitude = _degrees(values.longitude)
    venue.capacity = values.capacity
    venue.shared = values.shared
    venue.contact = values.contact
    venue.notes = values.notes


def _degrees(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(COORDINATE_STEP)


def usage_of(session: Session, venue: Venue) -> VenueUsage:
    return VenueUsage(
        events=list(session.scalars(events_where(Event.venue_id == venue.id))),
        stays=list(session.scalars(queries.stays_at(venue.id))),
        movements=list(session.scalars(queries.movements_at(venue.id))),
        travel_times=list(session.scalars(queries.travel_times_of(venue.id))),
        feeds=session.scalar(queries.feed_count(venue.id)) or 0,
    )


def delete_venue(session: Session, venue: Venue) -> None:
    """Delete it, with its travel times, unless events, stays or movements use it."""
    usage = usage_of(session, venue)
    if usage.blocks_deletion:
        raise VenueInUse(usage)
    for travel in usage.travel_times:
        session.delete(travel)  # as the database would cascade, but logged
    session.delete(venue)
    session.flush()


def travel_times(session: Session, venue: Venue) -> list[tuple[TravelTime, Venue]]:
    """The venue's travel times, each with the venue at the other end."""
    pairs = [
        (travel, travel.to_venue if travel.from_venue_id == venue.id else travel.from_venue)
        for travel in session.scalars(queries.travel_times_of(venue.id))
    ]
    return sorted(pairs, key=lambda pair: (str(pair[1].name).casefold(), pair[1].id))


def save_travel_time(session: Session, venue_id: int, other_id: int, minutes: int) -> TravelTime:
    """Set the minutes between two venues, in both directions: the pair is stored once,
    the lower id first, and updated when it is already known."""
    if venue_id == other_id:
        raise SameVenue("a venue needs no travel time to itself")
    if not 0 < minutes <= MAX_MINUTES:
        raise ValueError(f"minutes out of range: {minutes}")
    first, second = sorted((venue_id, other_id))
    travel = session.scalar(queries.travel_time_between(first, second))
    if travel is None:
        travel = TravelTime(from_venue_id=first, to_venue_id=second, minutes=minutes)
        session.add(travel)
    else:
        travel.minutes = minutes
    session.flush()
    return travel


def remove_travel_time(session: Session, travel: TravelTime) -> None:
    session.delete(travel)
    session.flush()


SERVICES = RecordServices(create_venue, update_venue, delete_venue, VenueInUse, usage_of)
