"""Translated names of the enumerated values shown to people."""

from flask_babel import lazy_gettext as _l

from visits.models import (
    EventKind,
    EventStatus,
    MemberRole,
    ParticipantRole,
    Role,
    Side,
    Visibility,
    VisitStatus,
)

LABELS = {
    Role.ADMIN: _l("administrator"),
    Role.EDITOR: _l("editor"),
    Role.VIEWER: _l("viewer"),
    VisitStatus.DRAFT: _l("draft"),
    VisitStatus.CONFIRMED: _l("confirmed"),
    VisitStatus.IN_PROGRESS: _l("in progress"),
    VisitStatus.COMPLETED: _l("completed"),
    VisitStatus.CANCELLED: _l("cancelled"),
    EventKind.MEETING: _l("meeting"),
    EventKind.CEREMONY: _l("ceremony"),
    EventKind.CONCERT: _l("concert"),
    EventKind.EXCURSION: _l("excursion"),
    EventKind.MEAL: _l("meal or reception"),
    EventKind.TRANSFER: _l("transfer"),
    EventKind.PRESS: _l("press"),
    EventKind.OTHER: _l("other"),
    EventStatus.TENTATIVE: _l("tentative"),
    EventStatus.CONFIRMED: _l("confirmed"),
    EventStatus.CANCELLED: _l("cancelled"),
    Visibility.PUBLIC: _l("public"),
    Visibility.DELEGATION: _l("delegation only"),
    Visibility.INTERNAL: _l("internal"),
    MemberRole.HEAD: _l("head of delegation"),
    MemberRole.DEPUTY_HEAD: _l("deputy head"),
    MemberRole.MEMBER: _l("member"),
    MemberRole.PERFORMER: _l("performer"),
    MemberRole.INTERPRETER: _l("interpreter"),
    MemberRole.STAFF: _l("staff"),
    MemberRole.PRESS: _l("press"),
    MemberRole.SECURITY: _l("security"),
    ParticipantRole.HOST: _l("host"),
    ParticipantRole.GUEST: _l("guest"),
    ParticipantRole.SPEAKER: _l("speaker"),
    ParticipantRole.PERFORMER: _l("performer"),
    ParticipantRole.MODERATOR: _l("moderator"),
    ParticipantRole.INTERPRETER: _l("interpreter"),
    ParticipantRole.ORGANIZER: _l("organizer"),
    ParticipantRole.PRESS: _l("press"),
    ParticipantRole.STAFF: _l("staff"),
    Side.HOST: _l("host side"),
    Side.GUEST: _l("guest side"),
}

ERROR_TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Not found"),
    405: _l("Not allowed"),
    413: _l("Too large"),
    500: _l("Something went wrong"),
    503: _l("Temporarily unavailable"),
}

ERROR_HINTS = {
    400: _l("The request could not be understood. Check what you entered and try again."),
    403: _l("Your account may not do this. Ask an administrator if you need it."),
    404: _l("There is nothing at this address. It may have been deleted."),
    413: _l("The upload is larger than allowed."),
    503: _l("The service is briefly unavailable. Try again in a few seconds."),
}


def label(value: object) -> str:
    """The translated label of an enum value, or the value itself."""
    return str(LABELS.get(value, value))


def error_title(code: int) -> str:
    return str(ERROR_TITLES.get(code, _l("Error")))


def error_hint(code: int) -> str:
    return str(ERROR_HINTS.get(code, _l("Please try again.")))
