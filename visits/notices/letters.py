"""The messages a holder receives: a change notice (text), or one calendar invitation per
changed event (iMIP: text and a `text/calendar` part). Plain values in, messages out;
called inside `force_locale(recipient.language)`."""

from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage

from flask_babel import format_date
from flask_babel import gettext as _

from visits.exports.ical import FeedCalendar, FeedEvent
from visits.exports.itip import Method, render_invitation
from visits.models import Delivery
from visits.notices.changes import Change, ChangeKind, Told
from visits.notices.wording import Clocks, lines, short_when
from visits.scheduling.timezones import to_local


@dataclass(frozen=True)
class Recipient:
    """Who receives, in which language, and how (the link's delivery)."""

    name: str
    email: str | None
    language: str
    delivery: Delivery
    subscribe_url: str
    clocks: Clocks


@dataclass(frozen=True)
class Letter:
    """One message to send: `kind` is "notice", "request" or "cancel"."""

    kind: str
    subject: str
    text: str
    calendar: bytes | None = None


@dataclass(frozen=True)
class About:
    """What every message of one sending says besides the changes."""

    visit: str  # the visit's title in the holder's language
    office: str  # the protocol office, in the holder's language
    since: datetime | None  # when the last message was sent (None: this is the first)
    now: datetime


def _intro(about: About, zone: str) -> str:
    if about.since is None:
        return _("Your programme for the visit «%(visit)s»:", visit=about.visit)
    return _(
        "Changes to your programme for the visit «%(visit)s» since our message of %(date)s:",
        visit=about.visit,
        date=format_date(to_local(about.since, zone).date(), "d MMMM"),
    )


def _footer(recipient: Recipient, about: About) -> list[str]:
    link = _(
        "Your calendar with the whole programme, always up to date: %(url)s",
        url=recipient.subscribe_url,
    )
    return [
        link,
        "",
        "-- ",
        about.office,
    ]


def notice(recipient: Recipient, about: About, changes: list[Change]) -> Letter:
    """One message listing every change, in order of time."""
    body = [_intro(about, recipient.clocks.host), ""]
    for change in changes:
        body += ["– " + line for line in lines(change, recipient.clocks)]
    body += ["", *_footer(recipient, about)]
    if about.since is None:
        subject = _("Your programme: %(visit)s", visit=about.visit)
    else:
        subject = _("Changes to your programme: %(visit)s", visit=about.visit)
    return Letter("notice", subject, "\n".join(body) + "\n")


def _gone(told: Told, zone: str, now: datetime) -> FeedEvent:
    """An event no longer in the feed, as its cancellation shows it: what was last sent,
    cancelled, one SEQUENCE later."""
    return FeedEvent(
        uid=told.uid,
        sequence=told.sequence + 1,
        starts_at=told.starts_at,
        ends_at=told.ends_at,
        zone=zone,
        summary=told.summary,
        status="cancelled",
        category="",
        location=told.location or None,
        geo=None,
        description="",
        url=None,
        created_at=now,
        updated_at=now,
        all_day=told.all_day,
    )


def _subject(change: Change, event: FeedEvent, zone: str) -> str:
    moment = short_when(event.starts_at, event.all_day, zone)
    if change.kind in (ChangeKind.CANCELLED, ChangeKind.REMOVED):
        return _("Cancelled: %(title)s, %(when)s", title=event.summary, when=moment)
    if change.kind is ChangeKind.ADDED:
        return _("Invitation: %(title)s, %(when)s", title=event.summary, when=moment)
    return _("Updated: %(title)s, %(when)s", title=event.summary, when=moment)


def invitations(
    recipient: Recipient, about: About, changes: list[Change], calendar: FeedCalendar
) -> list[Letter]:
    """One REQUEST per new or changed event, one CANCEL per cancelled or removed one."""
    zone = recipient.clocks.host
    letters = []
    for change in changes:
        if change.after is not None:
            event = change.after
        else:
            assert change.before is not None
            event = _gone(change.before, zone, about.now)
        cancel = event.status == "cancelled"
        method = Method.CANCEL if cancel else Method.REQUEST
        shown = replace(calendar, reminder_minutes=None) if cancel else calendar
        body = [*lines(change, recipient.clocks), "", *_footer(recipient, about)]
        letters.append(
            Letter(
                "cancel" if cancel else "request",
                _subject(change, event, zone),
                "\n".join(body) + "\n",
                render_invitation(shown, event, method, recipient.name, recipient.email or ""),
            )
        )
    return letters


def letters_for(
    recipient: Recipient, about: About, changes: list[Change], calendar: FeedCalendar
) -> list[Letter]:
    """What the holder's delivery setting sends for these changes (nothing for none)."""
    if not changes or recipient.delivery is Delivery.SUBSCRIPTION:
        return []
    if recipient.delivery is Delivery.INVITATIONS:
        return invitations(recipient, about, changes, calendar)
    return [notice(recipient, about, changes)]


def email_of(letter: Letter, language: str) -> EmailMessage:
    """The message without From, To, Date and Message-ID (the outbox adds them)."""
    message = EmailMessage()
    message["Subject"] = letter.subject
    message.set_content(letter.text)
    if letter.calendar is not None:
        method = "CANCEL" if letter.kind == "cancel" else "REQUEST"
        # RFC 6047 2.4: the calendar is an alternative to the text, with its method.
        message.add_alternative(
            letter.calendar.decode("utf-8"),
            subtype="calendar",
            params={"method": method},
        )
    # After the parts: making them moves the Content-* headers into the first.
    message["Content-Language"] = language
    return message
