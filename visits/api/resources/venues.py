"""Venues: halls, memorials, hotels, airports."""

from decimal import Decimal

import marshmallow as ma
from flask_smorest import Blueprint
from sqlalchemy import select

from visits.api.common import ListArgs, RecordSchema
from visits.api.fields import coordinate, localized, record_id, search, text
from visits.api.resource import Resource, conflict, field_error, value_services, values_from
from visits.models import Event, Venue
from visits.venues.queries import venue_list
from visits.venues.services import (
    SERVICES,
    InvalidVenue,
    VenueInUse,
    VenueValues,
)

blp = Blueprint("api-venues", __name__, url_prefix="/api/v1/venues", description="Venues.")


class VenueSchema(RecordSchema):
    name = localized(Venue.name)
    address = localized(Venue.address)
    city = localized(Venue.city)
    latitude = coordinate(90)
    longitude = coordinate(180)
    capacity = ma.fields.Integer(
        allow_none=True, load_default=None, validate=ma.validate.Range(1, 1_000_000)
    )
    shared = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "A shared space (a square, a lobby): events may overlap there up "
            "to its capacity. Otherwise a hall, booked for one event at a time."
        },
    )
    contact = text(Venue.contact)
    notes = text(Venue.notes)


class VenueListArgs(ListArgs):
    q = search("Words in the name, city or address")
    visit = record_id(metadata={"description": "Venues of this visit's events"})


def _values(data: dict) -> VenueValues:
    coordinates = {
        field: Decimal(str(data[field])) if data[field] is not None else None
        for field in ("latitude", "longitude")
    }
    return values_from(VenueValues)({**data, **coordinates})


def of_visit(visit_id: int):
    """A condition true for the venues of a visit's events."""
    return Venue.id.in_(select(Event.venue_id).where(Event.visit_id == visit_id))


Resource(
    blp,
    Venue,
    "venue",
    VenueSchema,
    list_args=VenueListArgs,
    list_query=lambda args: venue_list(args.get("q")),
    filters={"visit": of_visit},
    **value_services(_values, SERVICES),
    refusals={
        InvalidVenue: field_error("latitude", str),
        VenueInUse: conflict("The venue is used by events, stays or arrivals."),
    },
    docs={"list": "List venues", "delete": "Delete a venue no event, stay or arrival uses"},
).register()
