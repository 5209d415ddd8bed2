"""Visits: one delegation's stay in the host city."""

from datetime import UTC, datetime

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from visits.api.common import (
    BodySchema,
    ListArgs,
    VersionArgs,
    Zone,
    check_version,
    get_or_404,
    localized,
    page_schema,
    paginate,
    record_id,
)
from visits.api.resources.checks import check_references
from visits.editing import commit
from visits.extensions import db
from visits.models import (
    Delegation,
    Event,
    Organization,
    Person,
    Visit,
    VisitStatus,
)
from visits.participation import takes_part
from visits.scheduling.days import FIRST_PLANNABLE_DAY, LAST_PLANNABLE_DAY
from visits.visits.queries import visit_list
from visits.visits.services import create_visit, update_visit

blp = Blueprint("api-visits", __name__, url_prefix="/api/v1/visits", description="Visits.")

FIRST_DAY, LAST_DAY = FIRST_PLANNABLE_DAY, LAST_PLANNABLE_DAY
REFERENCES = {
    "delegation_id": (Delegation, "delegation"),
    "host_organization_id": (Organization, "organization"),
    "liaison_officer_id": (Person, "person"),
}
FIELDS = (
    "title",
    "delegation_id",
    "host_organization_id",
    "city",
    "timezone",
    "start_date",
    "end_date",
    "status",
    "occasion",
    "purpose",
    "topics",
    "city_speed_kmh",
    "liaison_officer_id",
)


def day(**kwargs) -> ma.fields.Date:
    return ma.fields.Date(
        validate=ma.validate.Range(
            FIRST_DAY, LAST_DAY, error="Give a date between {min} and {max}."
        ),
        **kwargs,
    )


class VisitSchema(BodySchema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(attribute="version_id", dump_only=True)
    title = localized(300, required=True)
    delegation_id = record_id(allow_none=True, load_default=None)
    host_organization_id = record_id(allow_none=True, load_default=None)
    liaison_officer_id = record_id(allow_none=True, load_default=None)
    city = localized(200)
    timezone = Zone(
        required=True,
        validate=ma.validate.Length(max=64),
        metadata={"description": "IANA name of the host city's zone, e.g. Asia/Almaty"},
    )
    start_date = day(required=True, metadata={"description": "First day"})
    end_date = day(required=True, metadata={"description": "Last day"})
    status = ma.fields.Enum(VisitStatus, by_value=True, load_default=VisitStatus.DRAFT)
    occasion = localized(500)
    purpose = localized(20_000)
    topics = localized(500)
    city_speed_kmh = ma.fields.Integer(
        strict=True,
        load_default=30,
        validate=ma.validate.Range(5, 150),
        metadata={"description": "Average speed in the city, for travel times not set"},
    )
    feed_version = ma.fields.Integer(
        dump_only=True,
        metadata={"description": "Grows whenever anything the visit's calendar feeds show changes"},
    )
    feed_changed_at = ma.fields.AwareDateTime(dump_only=True)
    created_at = ma.fields.AwareDateTime(dump_only=True)
    updated_at = ma.fields.AwareDateTime(dump_only=True)

    @ma.validates_schema
    def _days_in_order(self, data, **_kwargs):
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise ma.ValidationError("The last day cannot be before the first day.", "end_date")


class VisitUpdateSchema(VisitSchema):
    version = ma.fields.Integer(
        required=True, validate=ma.validate.Range(min=0), metadata={"description": "as read"}
    )


class VisitListArgs(ListArgs):
    start = day(data_key="from", metadata={"description": "Visits not over before this day"})
    end = day(data_key="to", metadata={"description": "Visits begun by this day"})
    status = ma.fields.Enum(VisitStatus, by_value=True)
    person = record_id(
        metadata={
            "description": "Visits where this person is a delegation member, the liaison "
            "officer or an event participant"
        }
    )
    venue = record_id(metadata={"description": "Visits with an event at this venue"})

    @ma.validates_schema
    def _range_in_order(self, data, **_kwargs):
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ma.ValidationError("Must not be before `from`.", "to")


def _values(data: dict) -> dict:
    return {field: data[field] for field in FIELDS}


@blp.route("/")
class Visits(MethodView):
    @blp.arguments(VisitListArgs, location="query")
    @blp.response(200, page_schema(VisitSchema))
    def get(self, args):
        """List visits

        Visits not yet over come first, soonest first; then past ones, latest first.
        """
        query = visit_list(datetime.now(UTC).date())
        if args.get("start"):
            query = query.where(Visit.end_date >= args["start"])
        if args.get("end"):
            query = query.where(Visit.start_date <= args["end"])
        if args.get("status"):
            query = query.where(Visit.status == args["status"])
        if args.get("person"):
            query = query.where(takes_part(args["person"], as_liaison=True))
        if args.get("venue"):
            query = query.where(
                Visit.id.in_(select(Event.visit_id).where(Event.venue_id == args["venue"]))
            )
        return paginate(query, args)

    @blp.arguments(VisitSchema)
    @blp.response(201, VisitSchema)
    def post(self, data):
        """Create a visit"""
        check_references(data, REFERENCES)
        visit = create_visit(db.session, **_values(data))
        commit(db.session)
        return visit


@blp.route("/<int:visit_id>")
class VisitItem(MethodView):
    @blp.response(200, VisitSchema)
    def get(self, visit_id):
        """Get a visit"""
        return get_or_404(Visit, visit_id, "visit")

    @blp.arguments(VisitUpdateSchema)
    @blp.response(200, VisitSchema)
    def put(self, data, visit_id):
        """Replace a visit's fields (with the version you read)

        When the zone changes, the wall-clock times of its events stay as they were.
        """
        visit = get_or_404(Visit, visit_id, "visit")
        check_version(visit, data["version"])
        check_references(data, REFERENCES)
        update_visit(db.session, visit, **_values(data))
        commit(db.session, visit, data["version"])
        return visit

    @blp.arguments(VersionArgs, location="query")
    @blp.response(204)
    def delete(self, args, visit_id):
        """Delete a visit

        Its events, arrivals, departures, stays and calendar links go with it.
        """
        visit = get_or_404(Visit, visit_id, "visit")
        check_version(visit, args.get("version"), required=False)
        db.session.delete(visit)
        commit(db.session)
