"""Visits: one delegation's stay in the host city."""

from datetime import UTC, datetime

import marshmallow as ma
from flask_smorest import Blueprint
from sqlalchemy import select

from visits.api.common import ListArgs, RecordSchema
from visits.api.fields import Zone, choice, choice_filter, localized, record_id, reference, text
from visits.api.resource import Resource, field_error
from visits.extensions import db
from visits.models import (
    Delegation,
    Event,
    Organization,
    Person,
    Visit,
)
from visits.participation import takes_part
from visits.problems import english_problem_message
from visits.scheduling.days import FIRST_PLANNABLE_DAY, LAST_PLANNABLE_DAY
from visits.visits.queries import visit_list
from visits.visits.services import InvalidVisit, create_visit, update_visit

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
    "approved_by_name",
    "approved_by_position",
    "city_speed_kmh",
    "hosts_first",
    "liaison_officer_id",
)


def day(**kwargs) -> ma.fields.Date:
    return ma.fields.Date(
        validate=ma.validate.Range(
            FIRST_DAY, LAST_DAY, error="Give a date between {min} and {max}."
        ),
        **kwargs,
    )


class VisitSchema(RecordSchema):
    title = localized(Visit.title)
    delegation_id = reference(Visit.delegation_id)
    host_organization_id = reference(Visit.host_organization_id)
    liaison_officer_id = reference(Visit.liaison_officer_id)
    city = localized(Visit.city)
    timezone = text(
        Visit.timezone,
        Zone,
        metadata={"description": "IANA name of the host city's zone, e.g. Asia/Almaty"},
    )
    start_date = day(required=True, metadata={"description": "First day"})
    end_date = day(required=True, metadata={"description": "Last day"})
    status = choice(Visit.status)
    occasion = localized(Visit.occasion)
    purpose = localized(Visit.purpose)
    topics = localized(Visit.topics)
    approved_by_name = localized(Visit.approved_by_name)
    approved_by_position = localized(Visit.approved_by_position)
    city_speed_kmh = ma.fields.Integer(
        strict=True,
        load_default=30,
        validate=ma.validate.Range(5, 150),
        metadata={"description": "Average speed in the city, for travel times not set"},
    )
    hosts_first = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "The host side before the guests in the order of precedence"},
    )
    feed_version = ma.fields.Integer(
        dump_only=True,
        metadata={"description": "Grows whenever anything the visit's calendar feeds show changes"},
    )
    feed_changed_at = ma.fields.AwareDateTime(dump_only=True)
    created_at = ma.fields.AwareDateTime(dump_only=True)
    updated_at = ma.fields.AwareDateTime(dump_only=True)


class VisitListArgs(ListArgs):
    start = day(data_key="from", metadata={"description": "Visits not over before this day"})
    end = day(data_key="to", metadata={"description": "Visits begun by this day"})
    status = choice_filter(Visit.status)
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


def _problem_field(error: InvalidVisit) -> str:
    return error.problems[0].field


def _problem_message(error: InvalidVisit) -> str:
    return english_problem_message(error.problems[0].code)


def _values(data: dict) -> dict:
    return {field: data[field] for field in FIELDS}


Resource(
    blp,
    Visit,
    "visit",
    VisitSchema,
    list_args=VisitListArgs,
    list_query=lambda _args: visit_list(datetime.now(UTC).date()),
    filters={
        "start": lambda day: Visit.end_date >= day,
        "end": lambda day: Visit.start_date <= day,
        "status": lambda status: Visit.status == status,
        "person": lambda person_id: takes_part(person_id, as_liaison=True),
        "venue": lambda venue_id: Visit.id.in_(
            select(Event.visit_id).where(Event.venue_id == venue_id)
        ),
    },
    create=lambda data: create_visit(db.session(), **_values(data)),
    update=lambda visit, data: update_visit(db.session(), visit, **_values(data)),
    references=REFERENCES,
    refusals={InvalidVisit: field_error(_problem_field, _problem_message)},
    docs={
        "list": "List visits\n\nVisits not yet over come first, soonest first; then past "
        "ones, latest first.",
        "update": "Replace a visit's fields (with the version you read)\n\nWhen the zone "
        "changes, the wall-clock times of its events stay as they were.",
        "delete": "Delete a visit\n\nIts events, arrivals, departures, stays and calendar "
        "links go with it.",
    },
).register()
