"""Events of visits, with their participants in order.

Times are ISO 8601 date-times with their offset (one without an offset is refused: its
moment is unknown); they are stored in UTC and also shown on the visit's clocks
(`local_start`, `local_end`). The checks are those of the event form: the times within
the visit's days, each participant a person or a group (never both, never twice), and
every record named existing.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql import Select

from visits.api.common import (
    MAX_ID,
    BodySchema,
    ListArgs,
    VersionArgs,
    check_version,
    get_or_404,
    invalid,
    localized,
    page_schema,
    paginate,
    record_id,
    text,
)
from visits.api.resources.inputs import LocalMoment, Moment, MomentOrDay, enum
from visits.editing import commit
from visits.events.forms import SIDE_OF_ROLE
from visits.events.services import (
    EDITABLE_FIELDS,
    InvalidEvent,
    Participant,
    cancel_event,
    create_event,
    restore_event,
    update_event,
)
from visits.extensions import db
from visits.models import (
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    Organization,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
    Visit,
)
from visits.scheduling.timezones import to_utc

blp = Blueprint(
    "api-events",
    __name__,
    url_prefix="/api/v1/events",
    description="Events of visits, with their participants.",
)

LONG_TEXT = 20_000
MAX_PARTICIPANTS = 200  # as many rows as the event form takes
# What the services' problem codes mean, for the API's field errors.
PROBLEMS = {
    "missing_start": "Give when the event starts.",
    "missing_end": "Give when the event ends.",
    "ends_before_start": "The event must end after it starts.",
    "outside_visit": "The event falls outside the dates of the visit.",
    "person_or_group": "Name a person or an organization, not both.",
    "duplicate_participant": "Already listed among the participants.",
}


class ParticipantSchema(BodySchema):
    person_id = record_id(allow_none=True, load_default=None)
    organization_id = record_id(
        allow_none=True,
        load_default=None,
        metadata={"description": "A group or organization taking part; or a person, not both"},
    )
    name = localized(dump_only=True, attribute="display_name")
    role = enum(ParticipantRole, ParticipantRole.GUEST)
    side = enum(
        Side,
        allow_none=True,
        load_default=None,
        metadata={
            "description": "Given by the role for a host (host side) or a guest (guest "
            "side); otherwise the guest side unless said"
        },
    )

    @ma.validates_schema
    def _check(self, data: dict[str, Any], **_kwargs) -> None:
        if (data["person_id"] is None) == (data["organization_id"] is None):
            raise ma.ValidationError(PROBLEMS["person_or_group"], "person_id")
        side = SIDE_OF_ROLE.get(data["role"])
        if side is not None and data["side"] not in (None, side):
            raise ma.ValidationError(
                f"A participant in the role {data['role'].value} is on the {side.value} side.",
                "side",
            )

    @ma.post_load
    def _participant(self, data: dict[str, Any], **_kwargs) -> Participant:
        side = SIDE_OF_ROLE.get(data["role"]) or data["side"] or Side.GUEST
        return Participant(data["person_id"], data["organization_id"], data["role"], side)


def participant_list(**kwargs) -> ma.fields.List:
    return ma.fields.List(
        ma.fields.Nested(ParticipantSchema),
        validate=ma.validate.Length(max=MAX_PARTICIPANTS),
        **kwargs,
    )


class EventSchema(BodySchema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(attribute="version_id", dump_only=True)
    uid = ma.fields.String(dump_only=True, metadata={"description": "iCalendar UID, stable"})
    sequence = ma.fields.Integer(
        dump_only=True, metadata={"description": "iCalendar SEQUENCE: grows on visible changes"}
    )
    visit_id = record_id(required=True)
    kind = enum(EventKind, EventKind.MEETING)
    title = localized(300, required=True)
    description = localized(LONG_TEXT)
    starts_at = Moment(
        required=True, metadata={"description": "ISO 8601 with an offset; answered in UTC"}
    )
    ends_at = Moment(required=True)
    local_start = LocalMoment(attribute="starts_at", dump_only=True)
    local_end = LocalMoment(attribute="ends_at", dump_only=True)
    timezone = ma.fields.String(attribute="visit.timezone", dump_only=True)
    venue_id = record_id(allow_none=True, load_default=None)
    status = enum(EventStatus, EventStatus.TENTATIVE)
    visibility = enum(Visibility, Visibility.DELEGATION)
    dress_code = localized(200)
    notes = localized(LONG_TEXT, metadata={"description": "For the delegation"})
    internal_notes = text(LONG_TEXT, load_default=None, metadata={"description": "Staff only"})
    responsible_id = record_id(allow_none=True, load_default=None)
    vehicles = text(300, load_default=None)
    participants = participant_list(load_default=list)

    @ma.validates_schema
    def _no_one_twice(self, data: dict[str, Any], **_kwargs) -> None:
        errors: dict[int, dict[str, list[str]]] = {}
        seen: set[tuple[str, int | None]] = set()
        for index, participant in enumerate(data.get("participants") or ()):
            if participant.key in seen:
                field = "person_id" if participant.person_id else "organization_id"
                errors[index] = {field: [PROBLEMS["duplicate_participant"]]}
            seen.add(participant.key)
        if errors:
            raise ma.ValidationError({"participants": errors})


class EventUpdateSchema(EventSchema):
    version = ma.fields.Integer(
        required=True, validate=ma.validate.Range(0, MAX_ID), metadata={"description": "as read"}
    )
    visit_id = record_id(load_default=None, metadata={"description": "Cannot change"})
    participants = participant_list(
        load_default=None, metadata={"description": "All of them, in order; left as they are "
                                     "when omitted"},
    )


class EventListArgs(ListArgs):
    visit = record_id()
    from_ = MomentOrDay(
        data_key="from",
        metadata={"description": "Events ending after this moment or day (days on the "
                  "visit's clocks with `visit`, else in UTC)"},
    )
    to = MomentOrDay(
        metadata={"description": "Events starting before this moment, or by the end of this day"}
    )
    person = record_id(metadata={"description": "Events this person takes part in"})
    venue = record_id()
    status = enum(EventStatus)
    kind = enum(EventKind)


def with_participants(query: Select) -> Select:
    """Everything an event's answer shows, loaded in a fixed number of queries."""
    participants = selectinload(Event.participants)
    return query.options(
        selectinload(Event.visit),
        participants.selectinload(EventParticipant.person),
        participants.selectinload(EventParticipant.organization),
    )


def load_event(event_id: int) -> Event:
    get_or_404(Event, event_id, "event")
    return db.session.scalar(with_participants(select(Event).where(Event.id == event_id)))


def _bound(value: datetime | date | None, zone_name: str, end: bool) -> datetime | None:
    """A filter's moment: a day starts (or, as an end, ends) at midnight on the clock."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        return to_utc(value + timedelta(days=1) if end else value, time(0), zone_name)
    except OverflowError:  # beyond the calendar's ends: no bound
        return None


def event_list(args: dict[str, Any]) -> Select:
    query = select(Event)
    zone_name = "UTC"
    if args.get("visit"):
        query = query.where(Event.visit_id == args["visit"])
        visit = db.session.get(Visit, args["visit"])
        zone_name = visit.timezone if visit is not None else zone_name
    after = _bound(args.get("from_"), zone_name, end=False)
    before = _bound(args.get("to"), zone_name, end=True)
    if after is not None:
        query = query.where(Event.ends_at > after)
    if before is not None:
        query = query.where(Event.starts_at < before)
    if args.get("person"):
        taking_part = select(EventParticipant.event_id).where(
            EventParticipant.person_id == args["person"]
        )
        query = query.where(Event.id.in_(taking_part))
    for name, column in (("venue", Event.venue_id), ("status", Event.status),
                         ("kind", Event.kind)):  # fmt: skip
        if args.get(name) is not None:
            query = query.where(column == args[name])
    return with_participants(query).order_by(Event.starts_at, Event.id)


def refuse(errors: dict[str, list[str]]) -> None:
    """422 naming every field in `errors` (pointers such as participants/0/person_id)."""
    if errors:
        abort(422, message="The request has invalid fields: see errors.", errors={"json": errors})


def check_references(data: dict[str, Any]) -> None:
    """422 naming each field whose record does not exist."""
    errors: dict[str, list[str]] = {}
    for field, model, what in (
        ("visit_id", Visit, "visit"),
        ("venue_id", Venue, "venue"),
        ("responsible_id", Person, "person"),
    ):
        if data.get(field) is not None and db.session.get(model, data[field]) is None:
            errors[field] = [f"No such {what}."]
    participants = data.get("participants") or []
    for field, model, what in (
        ("person_id", Person, "person"),
        ("organization_id", Organization, "organization"),
    ):
        wanted = {getattr(p, field) for p in participants} - {None}
        known = set(db.session.scalars(select(model.id).where(model.id.in_(wanted))))
        for index, participant in enumerate(participants):
            if getattr(participant, field) in wanted - known:
                errors[f"participants/{index}/{field}"] = [f"No such {what}."]
    refuse(errors)


def refuse_problems(error: InvalidEvent) -> None:
    db.session.rollback()
    errors: dict[str, list[str]] = {}
    for problem in error.problems:
        errors.setdefault(problem.field, []).append(PROBLEMS.get(problem.code, problem.code))
    refuse(errors)


@blp.route("/")
class Events(MethodView):
    @blp.arguments(EventListArgs, location="query")
    @blp.response(200, page_schema(EventSchema))
    def get(self, args):
        """List events"""
        return paginate(event_list(args), args)

    @blp.arguments(EventSchema)
    @blp.response(201, EventSchema)
    def post(self, data):
        """Create an event"""
        check_references(data)
        visit = db.session.get(Visit, data["visit_id"])
        fields = {name: data[name] for name in EDITABLE_FIELDS}
        try:
            event = create_event(db.session, visit, data["participants"], **fields)
        except InvalidEvent as error:
            refuse_problems(error)
        commit(db.session)
        return load_event(event.id)


@blp.route("/<int:event_id>")
class EventItem(MethodView):
    @blp.response(200, EventSchema)
    def get(self, event_id):
        """Get an event"""
        return load_event(event_id)

    @blp.arguments(EventUpdateSchema)
    @blp.response(200, EventSchema)
    def put(self, data, event_id):
        """Replace an event's fields (with the version you read)"""
        event = load_event(event_id)
        check_version(event, data["version"])
        if data["visit_id"] not in (None, event.visit_id):
            invalid("visit_id", "An event cannot move to another visit.")
        check_references(data)
        changes = {name: data[name] for name in EDITABLE_FIELDS}
        # Unchanged times are not checked again: an event that new visit dates left
        # outside can still be changed otherwise (cancelled, renamed).
        if changes["starts_at"] == event.starts_at and changes["ends_at"] == event.ends_at:
            del changes["starts_at"], changes["ends_at"]
        try:
            update_event(db.session, event, changes, data["participants"])
        except InvalidEvent as error:
            refuse_problems(error)
        commit(db.session, event, data["version"])
        return load_event(event_id)

    @blp.arguments(VersionArgs, location="query")
    @blp.response(204)
    def delete(self, args, event_id):
        """Delete an event"""
        event = get_or_404(Event, event_id, "event")
        check_version(event, args.get("version"), required=False)
        db.session.delete(event)
        commit(db.session)


def _quick(event_id: int, version: int | None, action) -> Event:
    event = load_event(event_id)
    check_version(event, version, required=False)
    try:
        action(db.session, event)
    except InvalidEvent as error:
        refuse_problems(error)
    commit(db.session, event, event.version_id)
    return load_event(event_id)


@blp.route("/<int:event_id>/cancel", methods=["POST"])
@blp.arguments(VersionArgs, location="query")
@blp.response(200, EventSchema)
def cancel(args, event_id):
    """Cancel an event

    It stays in the programme and the feeds, struck through.
    """
    return _quick(event_id, args.get("version"), cancel_event)


@blp.route("/<int:event_id>/restore", methods=["POST"])
@blp.arguments(VersionArgs, location="query")
@blp.response(200, EventSchema)
def restore(args, event_id):
    """Restore a cancelled event"""
    return _quick(event_id, args.get("version"), restore_event)
