"""The shape of a visit document, every field checked with marshmallow.

The fields' sizes are the columns' own: what passes here fits in the database. Errors
become one message each naming where the problem is ("events[3].starts_at: …", indexes
counted from 0), so that a person can find it in the file.
"""

from enum import StrEnum
from typing import Any

from flask_babel import gettext as _
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields

from visits.importing.flow import ImportRefused
from visits.languages import LANGUAGES
from visits.models import (
    Delegation,
    Direction,
    Event,
    EventKind,
    EventStatus,
    MemberRole,
    Movement,
    Organization,
    OrganizationKind,
    ParticipantRole,
    Person,
    ProgrammeRevision,
    Side,
    Stay,
    TravelMode,
    User,
    Venue,
    Visibility,
    Visit,
    VisitStatus,
)
from visits.models.columns import max_length
from visits.scheduling.timezones import InvalidTimeZone, validate_zone

Data = dict[str, Any]
KEY_LENGTH = 100


class DocumentError(ImportRefused):
    """The document cannot be imported; `messages` says why, one problem each."""


# --- checks run inside the schema (their words are said at validation time) -------------


def _max_length(limit: int | None):
    def check(value: str | None) -> None:
        if limit is not None and value is not None and len(value) > limit:
            raise ValidationError(_("longer than %(max)d characters", max=limit))

    return check


def _one_of(enum: type[StrEnum]):
    def check(value: str) -> None:
        if value not in {member.value for member in enum}:
            values = ", ".join(member.value for member in enum)
            raise ValidationError(_("must be one of: %(values)s", values=values))

    return check


def _at_least(low: int | float):
    def check(value: float | None) -> None:
        if value is not None and value < low:
            raise ValidationError(_("must be at least %(low)s", low=low))

    return check


def _between(low: float, high: float):
    def check(value: float | None) -> None:
        if value is not None and not low <= value <= high:
            raise ValidationError(_("must be between %(low)s and %(high)s", low=low, high=high))

    return check


def _zone(value: str) -> None:
    try:
        validate_zone(value)
    except InvalidTimeZone:
        raise ValidationError(
            _("unknown time zone «%(name)s»: use an IANA name such as Asia/Almaty", name=value)
        ) from None


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError(_("must not be empty"))


# --- field makers --------------------------------------------------------------------------


def _string(limit: int | None, *, required: bool) -> fields.String:
    checks = [_max_length(limit)]
    if required:
        return fields.String(required=True, validate=[_not_blank, *checks])
    return fields.String(load_default=None, allow_none=True, validate=checks)


def text(model: type, name: str, *, required: bool = False) -> fields.String:
    """A plain text column: optional (null) unless `required`; as long as the column takes."""
    return _string(max_length((model, name)), required=required)


def texts(model: type, name: str, *, required: bool = False) -> fields.Nested:
    """A LocalizedText: {"ru", "kk", "en"}; with `required`, the Russian text must be given."""
    limit = max_length((model, name))
    shape: dict[str, fields.Field[Any]] = {
        lang: _string(limit, required=required and lang == "ru") for lang in LANGUAGES
    }
    schema = Schema.from_dict(shape, name=f"{model.__name__}_{name}")
    if required:
        return fields.Nested(schema, required=True)
    return fields.Nested(schema, load_default=dict, allow_none=False)


def choice(enum: type[StrEnum]) -> fields.String:
    return fields.String(required=True, validate=_one_of(enum))


def integer(*, required: bool = True, low: int | None = None) -> fields.Integer:
    checks = [_at_least(low)] if low is not None else []
    if required:
        return fields.Integer(required=True, strict=True, validate=checks)
    return fields.Integer(load_default=None, allow_none=True, strict=True, validate=checks)


def moment(*, required: bool = True) -> fields.AwareDateTime:
    if required:
        return fields.AwareDateTime(format="iso", required=True)
    return fields.AwareDateTime(format="iso", load_default=None, allow_none=True)


def record_key() -> fields.String:
    """The key by which other records of the document name this one."""
    return fields.String(required=True, validate=[_not_blank, _max_length(KEY_LENGTH)])


def reference() -> fields.String:
    """The key of another record of the document, or null (checked against them later)."""
    return fields.String(load_default=None, allow_none=True, validate=_max_length(KEY_LENGTH))


def many(schema: type[Schema]) -> fields.List:
    return fields.List(fields.Nested(schema), load_default=list)


def flag() -> fields.Boolean:
    return fields.Boolean(required=True, truthy={True}, falsy={False})


# --- the document --------------------------------------------------------------------------


class Strict(Schema):
    class Meta:
        unknown = RAISE


class OrganizationSchema(Strict):
    key = record_key()
    name = texts(Organization, "name", required=True)
    kind = choice(OrganizationKind)
    country = text(Organization, "country")
    notes = text(Organization, "notes")


class PersonSchema(Strict):
    key = record_key()
    full_name = texts(Person, "full_name", required=True)
    position = texts(Person, "position")
    organization = reference()
    languages = text(Person, "languages")
    phone = text(Person, "phone")
    email = text(Person, "email")
    notes = text(Person, "notes")


class VenueSchema(Strict):
    key = record_key()
    name = texts(Venue, "name", required=True)
    address = texts(Venue, "address")
    city = texts(Venue, "city")
    latitude = fields.Float(load_default=None, allow_none=True, validate=_between(-90, 90))
    longitude = fields.Float(load_default=None, allow_none=True, validate=_between(-180, 180))
    capacity = integer(required=False, low=1)
    # Optional: documents written before venues could be shared spaces hold only halls.
    shared = fields.Boolean(load_default=False, truthy={True}, falsy={False})
    contact = text(Venue, "contact")
    notes = text(Venue, "notes")


class TravelTimeSchema(Strict):
    venues = fields.List(record_key(), required=True)
    minutes = integer(low=1)


class MemberSchema(Strict):
    key = record_key()
    person = reference()
    organization = reference()
    role = choice(MemberRole)
    precedence = integer(low=1)
    # Documents written before the head's party was recorded have no such field.
    is_with_head = fields.Boolean(load_default=False)


class DelegationSchema(Strict):
    name = texts(Delegation, "name", required=True)
    origin_country = text(Delegation, "origin_country")
    origin_region = texts(Delegation, "origin_region")
    home_timezone = fields.String(required=True, validate=_zone)
    members = many(MemberSchema)


class VisitSchema(Strict):
    title = texts(Visit, "title", required=True)
    city = texts(Visit, "city")
    timezone = fields.String(required=True, validate=_zone)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    status = choice(VisitStatus)
    occasion = texts(Visit, "occasion")
    purpose = texts(Visit, "purpose")
    topics = texts(Visit, "topics")
    approved_by_name = texts(Visit, "approved_by_name")
    approved_by_position = texts(Visit, "approved_by_position")
    city_speed_kmh = integer(low=1)
    hosts_first = fields.Boolean(load_default=False, truthy={True}, falsy={False})
    host_organization = reference()
    liaison_officer = reference()
    changed_since_revision = fields.Boolean(load_default=False, truthy={True}, falsy={False})
    created_at = moment(required=False)
    updated_at = moment(required=False)


class ParticipantSchema(Strict):
    person = reference()
    organization = reference()
    role = choice(ParticipantRole)
    side = choice(Side)
    position = integer(low=0)


class EventSchema(Strict):
    uid = fields.String(required=True, validate=[_not_blank, _max_length(max_length(Event.uid))])
    sequence = integer(low=0)
    kind = choice(EventKind)
    title = texts(Event, "title", required=True)
    description = texts(Event, "description")
    starts_at = moment()
    ends_at = moment()
    # Whole local days (absent in older documents: a timed event).
    is_all_day = fields.Boolean(load_default=False, truthy={True}, falsy={False})
    venue = reference()
    status = choice(EventStatus)
    # The status a cancelled event had (restoring gives it back); absent in older documents.
    status_before_cancel = fields.String(
        load_default=None, allow_none=True, validate=_one_of(EventStatus)
    )
    visibility = choice(Visibility)
    dress_code = texts(Event, "dress_code")
    notes = texts(Event, "notes")
    internal_notes = text(Event, "internal_notes")
    responsible = reference()
    vehicles = text(Event, "vehicles")
    created_at = moment(required=False)
    updated_at = moment(required=False)
    participants = many(ParticipantSchema)


class MovementSchema(Strict):
    key = record_key()
    member = reference()
    direction = choice(Direction)
    mode = choice(TravelMode)
    number = text(Movement, "number")
    place = texts(Movement, "place")
    venue = reference()
    at = moment()
    show_as_transfer = flag()
    vehicles = text(Movement, "vehicles")
    met_by = text(Movement, "met_by")
    notes = text(Movement, "notes")


class StaySchema(Strict):
    member = reference()
    hotel = record_key()
    check_in = fields.Date(required=True)
    check_out = fields.Date(required=True)
    notes = text(Stay, "notes")


class SnapshotRowSchema(Schema):
    """What the programme pages read of a snapshot row before anything else."""

    class Meta:
        unknown = EXCLUDE

    key = fields.String(required=True, validate=_not_blank)
    starts_at = moment()
    ends_at = moment()


class SnapshotSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    feed_version = fields.Integer(load_default=None, allow_none=True, strict=True)
    rows = fields.List(fields.Nested(SnapshotRowSchema), required=True)


class RevisionSchema(Strict):
    number = integer(low=1)
    issued_at = moment()
    issued_by = fields.String(
        load_default=None, allow_none=True, validate=_max_length(max_length(User.email))
    )
    comment = text(ProgrammeRevision, "comment")
    snapshot = fields.Dict(required=True)


class DocumentSchema(Strict):
    format = fields.String(required=True)
    version = fields.Integer(required=True, strict=True)
    visit = fields.Nested(VisitSchema, required=True)
    delegation = fields.Nested(DelegationSchema, load_default=None, allow_none=True)
    organizations = many(OrganizationSchema)
    people = many(PersonSchema)
    venues = many(VenueSchema)
    travel_times = many(TravelTimeSchema)
    events = many(EventSchema)
    movements = many(MovementSchema)
    stays = many(StaySchema)
    revisions = many(RevisionSchema)


# --- messages ------------------------------------------------------------------------------


def flatten(messages: Any, path: str = "") -> list[str]:
    """marshmallow's nested error dict as "path: message" lines, in the document's order."""
    if isinstance(messages, dict):
        out = []
        for name, inner in messages.items():
            if name == "_schema":
                out += flatten(inner, path)
            elif isinstance(name, int):
                out += flatten(inner, f"{path}[{name}]")
            else:
                out += flatten(inner, f"{path}.{name}" if path else str(name))
        return out
    if isinstance(messages, list):
        return [line for item in messages for line in flatten(item, path)]
    return [f"{path}: {_said(str(messages))}" if path else _said(str(messages))]


def _said(message: str) -> str:
    """marshmallow's own English messages in the reader's language."""
    words = {
        "Missing data for required field.": _("a value is required"),
        "Field may not be null.": _("must not be null"),
        "Unknown field.": _("unknown field"),
        "Invalid input type.": _("must be an object"),
        "Not a valid string.": _("must be a string"),
        "Not a valid integer.": _("must be a whole number"),
        "Not a valid number.": _("must be a number"),
        "Not a valid boolean.": _("must be true or false"),
        "Not a valid list.": _("must be a list"),
        "Not a valid mapping type.": _("must be an object"),
        "Not a valid date.": _("must be a date such as 2025-04-21"),
        "Not a valid datetime.": _("must be a moment such as 2025-04-21T05:00:00+00:00"),
        "Not a valid aware datetime.": _(
            "must be a moment with its offset, such as 2025-04-21T05:00:00+00:00"
        ),
        "Special numeric values (nan or infinity) are not permitted.": _("must be a number"),
    }
    return words.get(message, message)
