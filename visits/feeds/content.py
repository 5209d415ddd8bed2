"""A token's events put into the feed's words: the plain values the renderer takes, in the
reader's language. Called inside `force_locale(token.language)`."""

import hashlib
from collections.abc import Iterable
from datetime import datetime

from flask_babel import gettext as _

from visits.exports.ical import FeedCalendar, FeedEvent
from visits.labels import label
from visits.models import Event, FeedScope, FeedToken
from visits.scheduling.participants import by_side


def describe(event: Event, lang: str) -> str:
    """Participants by side (hosts first, in protocol order), dress code, notes for guests."""
    lines = []
    for side, people in by_side(event.participants):
        names = ", ".join(p.display_name.get(lang) for p in people)
        lines.append(f"{label(side)}: {names}")
    if event.dress_code:
        lines.append(_("Dress code: %(code)s", code=event.dress_code.get(lang)))
    if event.notes:
        lines.append(event.notes.get(lang))
    if event.description:
        lines.append(event.description.get(lang))
    return "\n".join(lines)


def location(event: Event, lang: str) -> tuple[str | None, tuple[float, float] | None]:
    venue = event.venue
    if venue is None:
        return None, None
    parts = [venue.name.get(lang), venue.address.get(lang), venue.city.get(lang)]
    geo = None
    if venue.latitude is not None and venue.longitude is not None:
        geo = (float(venue.latitude), float(venue.longitude))
    return ", ".join(p for p in parts if p), geo


def feed_event(event: Event, zone: str, lang: str, url: str | None) -> FeedEvent:
    where, geo = location(event, lang)
    return FeedEvent(
        uid=event.uid,
        sequence=event.sequence,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        zone=zone,
        summary=event.title.get(lang),
        status=event.status.value,
        category=label(event.kind),
        location=where,
        geo=geo,
        description=describe(event, lang),
        url=url,
        created_at=event.created_at,
        updated_at=event.updated_at,
    )


def calendar_name(token: FeedToken) -> str:
    """The visit's title, and whose or which venue's calendar it is."""
    lang = token.language
    title = token.visit.title.get(lang)
    if token.scope is FeedScope.PERSON and token.person is not None:
        return f"{title} · {token.person.full_name.get(lang)}"
    if token.scope is FeedScope.VENUE and token.venue is not None:
        return f"{title} · {token.venue.name.get(lang)}"
    return title


def feed_calendar(
    name: str, lang: str, zone: str, reminder: int | None, config: dict
) -> FeedCalendar:
    """The calendar-level values of a feed; `config` is the application's configuration."""
    office = config["PROTOCOL_OFFICE_NAME"]
    return FeedCalendar(
        name=name,
        description=_("Programme of the visit, kept up to date by %(office)s.", office=office),
        language=lang,
        refresh_minutes=config["FEED_REFRESH_MINUTES"],
        organizer_name=office,
        organizer_email=config["PROTOCOL_OFFICE_EMAIL"],
        cancelled_prefix=_("CANCELLED: "),
        reminder_minutes=reminder,
        timezone_hint=zone,
    )


def etag(token: FeedToken, calendar_fields: Iterable, row: Iterable) -> str:
    """A strong ETag from the token's settings and the fingerprint row: no rendering."""
    material = repr(
        (
            token.id,
            token.scope.value,
            token.language,
            token.reminder_minutes,
            token.include_public,
            token.visit.version_id,
            *calendar_fields,
            *row,
        )
    )
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def last_modified(token: FeedToken, newest_event: datetime | None) -> datetime:
    moments = [token.visit.updated_at, token.created_at]
    if newest_event is not None:
        moments.append(newest_event)
    return max(moments)
