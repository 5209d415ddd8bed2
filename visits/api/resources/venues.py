"""Venues: halls, memorials, hotels, airports."""

from decimal import Decimal

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import or_, select

from visits.api.common import (
    BodySchema,
    ListArgs,
    VersionArgs,
    check_version,
    coordinate,
    get_or_404,
    invalid,
    localized,
    page_schema,
    paginate,
    record_id,
    text,
)
from visits.editing import commit
from visits.extensions import db
from visits.models import Event, Venue
from visits.venues.queries import venue_list
from visits.venues.services import (
    InvalidVenue,
    VenueInUse,
    VenueValues,
    create_venue,
    delete_venue,
    update_venue,
)

blp = Blueprint("api-venues", __name__, url_prefix="/api/v1/venues", description="Venues.")


class VenueSchema(BodySchema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(attribute="version_id", dump_only=True)
    name = localized(300, required=True)
    address = localized(500)
    city = localized(200)
    latitude = coordinate(90)
    longitude = coordinate(180)
    capacity = ma.fields.Integer(
        allow_none=True, load_default=None, validate=ma.validate.Range(1, 1_000_000)
    )
    contact = text(300, load_default=None)
    notes = text(20_000, load_default=None)


class VenueUpdateSchema(VenueSchema):
    version = ma.fields.Integer(
        required=True, validate=ma.validate.Range(min=0), metadata={"description": "as read"}
    )


class VenueListArgs(ListArgs):
    q = text(200, metadata={"description": "Words in the name, city or address"})
    visit = record_id(metadata={"description": "Venues of this visit's events"})


def _values(data: dict) -> VenueValues:
    values = {field: data[field] for field in VenueValues.__dataclass_fields__}
    for field in ("latitude", "longitude"):
        if values[field] is not None:
            values[field] = Decimal(str(values[field]))
    return VenueValues(**values)


@blp.route("/")
class Venues(MethodView):
    @blp.arguments(VenueListArgs, location="query")
    @blp.response(200, page_schema(VenueSchema))
    def get(self, args):
        """List venues"""
        query = venue_list(args.get("q"))
        if args.get("visit"):
            used = select(Event.venue_id).where(Event.visit_id == args["visit"])
            query = query.where(or_(Venue.id.in_(used)))
        return paginate(query, args)

    @blp.arguments(VenueSchema)
    @blp.response(201, VenueSchema)
    def post(self, data):
        """Create a venue"""
        try:
            venue = create_venue(db.session, _values(data))
        except InvalidVenue as error:
            invalid("latitude", str(error))
        commit(db.session)
        return venue


@blp.route("/<int:venue_id>")
class VenueItem(MethodView):
    @blp.response(200, VenueSchema)
    def get(self, venue_id):
        """Get a venue"""
        return get_or_404(Venue, venue_id, "venue")

    @blp.arguments(VenueUpdateSchema)
    @blp.response(200, VenueSchema)
    def put(self, data, venue_id):
        """Replace a venue's fields (with the version you read)"""
        venue = get_or_404(Venue, venue_id, "venue")
        check_version(venue, data["version"])
        try:
            update_venue(venue, _values(data))
        except InvalidVenue as error:
            invalid("latitude", str(error))
        commit(db.session, venue, data["version"])
        return venue

    @blp.arguments(VersionArgs, location="query")
    @blp.response(204)
    def delete(self, args, venue_id):
        """Delete a venue no event, stay or arrival uses"""
        venue = get_or_404(Venue, venue_id, "venue")
        check_version(venue, args.get("version"), required=False)
        try:
            delete_venue(db.session, venue)
        except VenueInUse:
            abort(409, message="The venue is used by events, stays or arrivals.")
        commit(db.session)
