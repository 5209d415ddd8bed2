"""Calendar invitations by e-mail: one event as an iTIP REQUEST or CANCEL (RFC 5546), the
`text/calendar` part of an iMIP message (RFC 6047).

Pure, like `visits.exports.ical`: the VEVENT is the feed's own rendering of the event (the
same UID, SEQUENCE and texts), with the addressee as an ATTENDEE that is asked for no
reply (RSVP=FALSE) and, for a cancellation, STATUS:CANCELLED.
"""

from enum import StrEnum

from icalendar import Calendar, Event, vCalAddress

from visits.exports.ical import (
    PRODID,
    FeedCalendar,
    FeedEvent,
    event_view,
    render_event,
    timezones_of,
)

_END_EVENT = b"END:VEVENT\r\n"
_ALARM = b"BEGIN:VALARM\r\n"
_END = b"END:VCALENDAR\r\n"


class Method(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


def _header(method: Method) -> bytes:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method.value)
    serialized: bytes = calendar.to_ical()
    return serialized.removesuffix(_END)


def _attendee_line(name: str, email: str) -> bytes:
    """ATTENDEE;CN=…;RSVP=FALSE;…:mailto:…, folded as icalendar folds it."""
    address = vCalAddress("mailto:" + "".join(email.split()))
    address.params["CN"] = " ".join(name.split())
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    address.params["RSVP"] = "FALSE"
    holder = Event()
    holder.add("ATTENDEE", address)
    lines: bytes = holder.to_ical()
    return lines.removeprefix(b"BEGIN:VEVENT\r\n").removesuffix(_END_EVENT)


def render_invitation(
    calendar: FeedCalendar,
    event: FeedEvent,
    method: Method,
    attendee_name: str,
    attendee_email: str,
) -> bytes:
    """The VCALENDAR of one invitation: METHOD, the VTIMEZONE it needs, the VEVENT.

    A CANCEL needs the event cancelled (`status="cancelled"`): the caller passes it so,
    with the SEQUENCE the feed shows (or, for an event gone from the feed, one more than
    the last one sent)."""
    if (method is Method.CANCEL) != (event.status == "cancelled"):
        raise ValueError("a CANCEL carries a cancelled event, and a REQUEST a live one")
    vevent = render_event(event, event_view(calendar))
    # The ATTENDEE goes among the properties, before any VALARM (RFC 5545 3.6.1).
    at = vevent.find(_ALARM)
    if at < 0:
        at = vevent.rindex(_END_EVENT)
    vevent = vevent[:at] + _attendee_line(attendee_name, attendee_email) + vevent[at:]
    return b"".join([_header(method), *timezones_of([event]), vevent, _END])
