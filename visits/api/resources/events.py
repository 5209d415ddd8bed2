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
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql import Select

from visits.api.common import (
    BodySchema,
    ListArgs,
    RecordSchema,
    VersionArgs,
    check_version,
    get_or_404,
    invalid,
    refuse,
    update_schema,
)
from visits.api.fields import (
    choice,
    choice_filter,
    localized,
    record_id,
    reference,
    text,
)
from visits.api.resource import Resource, equals
from visits.api.resources.inputs import LocalMoment, Moment, MomentOrDay
from visits.editing import commit
from visits.events.rows import SIDE_OF_ROLE
from visits.events.services import (
    EDITABLE_FIELDS,
    InvalidEvent,
    Participant,
    cancel_event,
    check_participants,
    create_event,
    restore_event,
    update_event,
)
from visits.extensions import db
from visits.models import (
    Event,
    EventKind,
    EventParticipant,
    Organization,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visit,
)
from visits.problems import english_problem_message
from visits.scheduling.timezones import to_utc

blp = Blueprint(
    "api-events",
    __name__,
    url_prefix="/api/v1/events",
    description="Events of visits, with their participants.",
)

MAX_PARTICIPANTS = 200  # as many rows as the event form takes


class ParticipantSchema(BodySchema):
    person_id = reference(EventParticipant.person_id)
    organization_id = reference(
        EventParticipant.organization_id,
        metadata={"description": "A group or organization taking part; or a person, not both"},
    )
    name = localized(attribute="display_name")
    role = choice(EventParticipant.role, load_default=ParticipantRole.GUEST)
    side = choice(
        EventParticipant.side,
        allow_none=True,
        load_default=None,
        metadata={
            "description": "Given by the role for a host (host side) or a guest (guest "
            "side); otherwise the guest side unless said"
        },
    )

    @ma.validates_schema
    def _side_of_role(self, data: dict[str, Any], **_kwargs) -> None:
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


class EventSchema(RecordSchema):
    uid = ma.fields.String(dump_only=True, metadata={"description": "iCalendar UID, stable"})
    sequence = ma.fields.Integer(
        dump_only=True, metadata={"description": "iCalendar SEQUENCE: grows on visible changes"}
    )
    visit_id = reference(Event.visit_id)
    kind = choice(Event.kind, load_default=EventKind.MEETING)
    title = localized(Event.title)
    description = localized(Event.description)
    starts_at = Moment(
        required=True, metadata={"description": "ISO 8601 with an offset; answered in UTC"}
    )
    ends_at = Moment(required=True)
    is_all_day = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "Whole days on the visit's clocks (00:00 to 24:00), published as dates"
        },
    )
    local_start = LocalMoment(attribute="starts_at", dump_only=True)
    local_end = LocalMoment(attribute="ends_at", dump_only=True)
    timezone = ma.fields.String(attribute="visit.timezone", dump_only=True)
    venue_id = reference(Event.venue_id)
    status = choice(Event.status)
    visibility = choice(Event.visibility)
    dress_code = localized(Event.dress_code)
    notes = localized(Event.notes, metadata={"description": "For the delegation"})
    internal_notes = text(Event.internal_notes, metadata={"description": "Staff only"})
    responsible_id = reference(Event.responsible_id)
    vehicles = text(Event.vehicles)
    participants = participant_list(load_default=list)


class EventListArgs(ListArgs):
    visit = record_id()
    from_ = MomentOrDay(
        data_key="from",
        metadata={
            "description": "Events ending after this moment or day (days on the "
            "visit's clocks with `visit`, else in UTC)"
        },
    )
    to = MomentOrDay(
        metadata={"description": "Events starting before this moment, or by the end of this day"}
    )
    person = record_id(metadata={"description": "Events this person takes part in"})
    venue = record_id()
    status = choice_filter(Event.status)
    kind = choice_filter(Event.kind)


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


def taken_part_in(person_id: int):
    """A condition true for the events a person takes part in."""
    taking_part = select(EventParticipant.event_id).where(EventParticipant.person_id == person_id)
    return Event.id.in_(taking_part)


def event_list(args: dict[str, Any]) -> Select:
    """Events of a visit, or between two moments (or days on the visit's clocks)."""
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
    return with_participants(query).order_by(Event.starts_at, Event.id)


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
    for field, taking_part, what in (
        ("person_id", Person, "person"),
        ("organization_id", Organization, "organization"),
    ):
        wanted = {getattr(p, field) for p in participants} - {None}
        known = set(db.session.scalars(select(taking_part.id).where(taking_part.id.in_(wanted))))
        for index, participant in enumerate(participants):
            if getattr(participant, field) in wanted - known:
                errors[f"participants/{index}/{field}"] = [f"No such {what}."]
    refuse(errors)


def refuse_problems(error: InvalidEvent) -> None:
    """422 with the services' problems on their fields (a participant's on its row), in
    the words the event form uses, in English."""
    db.session.rollback()
    errors: dict[str, list[str]] = {}
    for problem in error.problems:
        pointer = problem.field
        if problem.row is not None:
            pointer = f"{problem.field}/{problem.row}/{problem.row_field}"
        errors.setdefault(pointer, []).append(english_problem_message(problem.code))
    refuse(errors)


def check_event(data: dict[str, Any], event: Event | None) -> None:
    """Before saving: the visit stays, the participant rows follow the services' rule, and
    every record named exists."""
    if event is not None and data["visit_id"] not in (None, event.visit_id):
        invalid("visit_id", "An event cannot move to another visit.")
    if data.get("participants") is not None:
        try:
            check_participants(data["participants"])
        except InvalidEvent as error:
            refuse_problems(error)
    check_references(data)


def _create(data: dict[str, Any]) -> Event:
    visit = db.session.get(Visit, data["visit_id"])
    assert visit is not None  # check_event found it
    fields = {name: data[name] for name in EDITABLE_FIELDS}
    return create_event(db.session(), visit, data["participants"], **fields)


def _update(event: Event, data: dict[str, Any]) -> None:
    changes = {name: data[name] for name in EDITABLE_FIELDS}
    # Unchanged times are not checked again: an event that new visit dates left
    # outside can still be changed otherwise (cancelled, renamed).
    if changes["starts_at"] == event.starts_at and changes["ends_at"] == event.ends_at:
        del changes["starts_at"], changes["ends_at"]
    update_event(db.session(), event, changes, data["participants"])


Resource(
    blp,
    Event,
    "event",
    EventSchema,
    list_args=EventListArgs,
    list_query=event_list,
    filters={
        "person": taken_part_in,
        "venue": equals(Event.venue_id),
        "status": equals(Event.status),
        "kind": equals(Event.kind),
    },
    create=_create,
    update=_update,
    check=check_event,
    refusals={InvalidEvent: refuse_problems},
    load=load_event,
    update_input=update_schema(
        EventSchema,
        visit_id=record_id(load_default=None, metadata={"description": "Cannot change"}),
        participants=participant_list(
            load_default=None,
            metadata={"description": "All of them, in order; left as they are when omitted"},
        ),
    ),
    docs={"list": "List events"},
).register()


def _quick(event_id: int, version: int | None, action) -> Event:
    event = load_event(event_id)
    check_version(event, version)
    try:
        action(db.session(), event)
    except InvalidEvent as error:
        refuse_problems(error)
    commit(db.session(), event, event.version_id)
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
