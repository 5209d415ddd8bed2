"""Translated names of the enumerated values and codes shown to people."""

from enum import StrEnum
from typing import Any

from flask_babel import LazyString, lazy_pgettext
from flask_babel import lazy_gettext as _l

from visits.languages import LANGUAGES
from visits.models import (
    Delivery,
    Direction,
    EventKind,
    EventStatus,
    MemberRole,
    MessageKind,
    OrganizationKind,
    OutboxStatus,
    ParticipantRole,
    Role,
    Side,
    TravelMode,
    Visibility,
    VisitStatus,
)

# Keyed by enum class first: equal values of different enums ("confirmed" visit and
# "confirmed" event) are equal strings, yet read differently in Russian and Kazakh.
# An inner key is a member of its outer key's enum, a pairing no annotation can state.
LABELS: dict[type[StrEnum], dict[Any, LazyString]] = {
    Role: {
        Role.ADMIN: _l("administrator"),
        Role.EDITOR: _l("editor"),
        Role.VIEWER: _l("viewer"),
    },
    VisitStatus: {
        VisitStatus.DRAFT: lazy_pgettext("visit status", "draft"),
        VisitStatus.CONFIRMED: lazy_pgettext("visit status", "confirmed"),
        VisitStatus.IN_PROGRESS: lazy_pgettext("visit status", "in progress"),
        VisitStatus.COMPLETED: lazy_pgettext("visit status", "completed"),
        VisitStatus.CANCELLED: lazy_pgettext("visit status", "cancelled"),
    },
    EventKind: {
        EventKind.MEETING: lazy_pgettext("event kind", "meeting"),
        EventKind.CEREMONY: lazy_pgettext("event kind", "ceremony"),
        EventKind.CONCERT: lazy_pgettext("event kind", "concert"),
        EventKind.EXCURSION: lazy_pgettext("event kind", "excursion"),
        EventKind.MEAL: lazy_pgettext("event kind", "meal or reception"),
        EventKind.TRANSFER: lazy_pgettext("event kind", "transfer"),
        EventKind.PRESS: lazy_pgettext("event kind", "press"),
        EventKind.OTHER: lazy_pgettext("event kind", "other"),
    },
    EventStatus: {
        EventStatus.TENTATIVE: lazy_pgettext("event status", "tentative"),
        EventStatus.CONFIRMED: lazy_pgettext("event status", "confirmed"),
        EventStatus.CANCELLED: lazy_pgettext("event status", "cancelled"),
    },
    Delivery: {
        Delivery.SUBSCRIPTION: _l("the calendar subscription alone"),
        Delivery.NOTICE: _l("a change notice by e-mail, besides the subscription"),
        Delivery.INVITATIONS: _l("calendar invitations by e-mail"),
    },
    Visibility: {
        Visibility.PUBLIC: lazy_pgettext("visibility", "public"),
        Visibility.DELEGATION: lazy_pgettext("visibility", "delegation only"),
        Visibility.INTERNAL: lazy_pgettext("visibility", "internal"),
    },
    MemberRole: {
        MemberRole.HEAD: lazy_pgettext("delegation role", "head of delegation"),
        MemberRole.DEPUTY_HEAD: lazy_pgettext("delegation role", "deputy head"),
        MemberRole.MEMBER: lazy_pgettext("delegation role", "member"),
        MemberRole.PERFORMER: lazy_pgettext("delegation role", "performer"),
        MemberRole.INTERPRETER: lazy_pgettext("delegation role", "interpreter"),
        MemberRole.STAFF: lazy_pgettext("delegation role", "staff"),
        MemberRole.PRESS: lazy_pgettext("delegation role", "press"),
        MemberRole.SECURITY: lazy_pgettext("delegation role", "security"),
    },
    ParticipantRole: {
        ParticipantRole.HOST: lazy_pgettext("event role", "host"),
        ParticipantRole.GUEST: lazy_pgettext("event role", "guest"),
        ParticipantRole.SPEAKER: lazy_pgettext("event role", "speaker"),
        ParticipantRole.PERFORMER: lazy_pgettext("event role", "performer"),
        ParticipantRole.MODERATOR: lazy_pgettext("event role", "moderator"),
        ParticipantRole.INTERPRETER: lazy_pgettext("event role", "interpreter"),
        ParticipantRole.ORGANIZER: lazy_pgettext("event role", "organizer"),
        ParticipantRole.PRESS: lazy_pgettext("event role", "press"),
        ParticipantRole.STAFF: lazy_pgettext("event role", "staff"),
    },
    Direction: {
        Direction.ARRIVAL: lazy_pgettext("movement direction", "arrival"),
        Direction.DEPARTURE: lazy_pgettext("movement direction", "departure"),
    },
    TravelMode: {
        TravelMode.FLIGHT: lazy_pgettext("travel mode", "flight"),
        TravelMode.TRAIN: lazy_pgettext("travel mode", "train"),
        TravelMode.CAR: lazy_pgettext("travel mode", "car"),
        TravelMode.BUS: lazy_pgettext("travel mode", "bus"),
        TravelMode.OTHER: lazy_pgettext("travel mode", "other"),
    },
    OrganizationKind: {
        OrganizationKind.GOVERNMENT: lazy_pgettext("organization kind", "government body"),
        OrganizationKind.ENSEMBLE: lazy_pgettext("organization kind", "ensemble"),
        OrganizationKind.COMPANY: lazy_pgettext("organization kind", "company"),
        OrganizationKind.CULTURE: lazy_pgettext("organization kind", "cultural institution"),
        OrganizationKind.MEDIA: lazy_pgettext("organization kind", "media"),
        OrganizationKind.PUBLIC: lazy_pgettext("organization kind", "public organization"),
        OrganizationKind.GROUP: lazy_pgettext("organization kind", "group"),
        OrganizationKind.OTHER: lazy_pgettext("organization kind", "other"),
    },
    Side: {
        Side.HOST: _l("host side"),
        Side.GUEST: _l("guest side"),
    },
    MessageKind: {
        MessageKind.NOTICE: lazy_pgettext("message kind", "notice"),
        MessageKind.REQUEST: lazy_pgettext("message kind", "invitation"),
        MessageKind.CANCEL: lazy_pgettext("message kind", "cancellation"),
    },
    OutboxStatus: {
        OutboxStatus.QUEUED: lazy_pgettext("outbox status", "queued"),
        OutboxStatus.SENDING: lazy_pgettext("outbox status", "sending"),
        OutboxStatus.SENT: lazy_pgettext("outbox status", "sent"),
        OutboxStatus.FAILED: lazy_pgettext("outbox status", "failed"),
    },
}

ERROR_TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Not found"),
    405: _l("Not available this way"),
    413: _l("Too large"),
    500: _l("Something went wrong"),
    503: _l("Temporarily unavailable"),
}

ERROR_HINTS = {
    400: _l("The request could not be understood. Check what you entered and try again."),
    403: _l("Your account may not do this. Ask an administrator if you need it."),
    404: _l("There is nothing at this address. It may have been deleted."),
    405: _l("This address is not meant to be opened directly. Go back and use the page's links."),
    413: _l("The upload is larger than allowed."),
    503: _l("The service is briefly unavailable. Try again in a few seconds."),
}


def label(value: StrEnum) -> str:
    """The translated label of an enum value."""
    return str(LABELS.get(type(value), {}).get(value, value))


def error_title(code: int) -> str:
    return str(ERROR_TITLES.get(code, _l("Error")))


def error_hint(code: int) -> str:
    return str(ERROR_HINTS.get(code, _l("Please try again.")))


FIELD_LABELS = {
    "title": _l("Title"),
    "name": _l("Name"),
    "full_name": _l("Full name"),
    "position": _l("Position"),
    "description": _l("Description"),
    "address": _l("Address"),
    "city": _l("City"),
    "occasion": _l("Occasion"),
    "purpose": _l("Purpose"),
    "topics": _l("Topics"),
    "approved_by_name": _l("Agreed by: name"),
    "approved_by_position": _l("Agreed by: position"),
    "dress_code": _l("Dress code"),
    "notes": _l("Notes"),
    "internal_notes": _l("Internal notes"),
    "place": _l("Place"),
    "origin_region": _l("Region of origin"),
    "origin_country": _l("Country of origin"),
    "country": _l("Country"),
    "kind": _l("Kind"),
    "status": _l("Status"),
    "visibility": _l("Visibility"),
    "starts_at": _l("Start"),
    "ends_at": _l("End"),
    "start_date": _l("First day"),
    "end_date": _l("Last day"),
    "timezone": _l("Time zone"),
    "home_timezone": _l("Home time zone"),
    "venue_id": _l("Venue"),
    "visit_id": _l("Visit"),
    "event_id": _l("Event"),
    "responsible_id": _l("Responsible"),
    "vehicles": _l("Vehicles"),
    "from_venue_id": _l("From"),
    "to_venue_id": _l("To"),
    "hotel_id": _l("Hotel"),
    "delegation_id": _l("Delegation"),
    "host_organization_id": _l("Host organization"),
    "organization_id": _l("Organization"),
    "liaison_officer_id": _l("Liaison officer"),
    "person_id": _l("Person"),
    "member_id": _l("Member"),
    "role": _l("Role"),
    "side": _l("Side"),
    "precedence": _l("Precedence"),
    "capacity": _l("Capacity"),
    "shared": _l("Shared space"),
    "latitude": _l("Latitude"),
    "longitude": _l("Longitude"),
    "contact": _l("Contact"),
    "phone": _l("Phone"),
    "email": _l("E-mail"),
    "languages": _l("Languages"),
    "direction": _l("Direction"),
    "mode": _l("Transport"),
    "number": _l("Flight or train number"),
    "at": _l("Time"),
    "show_as_transfer": _l("Show as a transfer row"),
    "check_in": _l("Check-in"),
    "check_out": _l("Check-out"),
    "minutes": _l("Minutes"),
    "city_speed_kmh": _l("Average speed in the city, km/h"),
    "hosts_first": _l("The host side first"),
    "sequence": _l("Sequence"),
    "uid": _l("Calendar UID"),
    "position_order": _l("Order"),
    "is_active": _l("Active"),
    "locale": _l("Language"),
}


def field_label(key: str) -> str:
    """The label of a logged field; `title_kk` reads as «Title (KK)»."""
    base, _, lang = key.rpartition("_")
    if lang in LANGUAGES and base in FIELD_LABELS:
        return f"{FIELD_LABELS[base]} ({lang.upper()})"
    return str(FIELD_LABELS.get(key, key))


ENTITY_LABELS = {
    "visits": _l("visit"),
    "events": _l("event"),
    "event_participants": _l("participant"),
    "delegations": _l("delegation"),
    "delegation_members": _l("delegation member"),
    "movements": _l("arrival or departure"),
    "stays": _l("accommodation"),
    "people": _l("person"),
    "organizations": _l("organization"),
    "venues": _l("venue"),
    "travel_times": _l("travel time"),
    "users": _l("account"),
}

AUDIT_ACTIONS = {
    "create": _l("created"),
    "update": _l("changed"),
    "delete": _l("deleted"),
}


def entity_label(table: str) -> str:
    return str(ENTITY_LABELS.get(table, table))


def audit_action_label(action: str) -> str:
    return str(AUDIT_ACTIONS.get(str(action), action))
