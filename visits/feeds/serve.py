"""Serving a feed: `GET /feeds/<token>.ics`, and one event as a download for staff.

A poll is answered from the token and its visit's feed version (one query, nothing
rendered, or none while the worker's memory of that row holds: see `poll_memory`): a
client that has the current version gets 304. A changed feed is assembled
from plain rows (two more queries) and the events' cached renderings.
"""

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import cast

from flask import Flask, Response, current_app, request
from flask_babel import force_locale
from sqlalchemy import Select, Table, update
from werkzeug.datastructures import ETags
from werkzeug.http import http_date, quote_etag

from visits.caching import BodyCache
from visits.exports.ical import render_cache, render_calendar
from visits.extensions import db
from visits.feeds import bp, poll_memory
from visits.feeds.content import calendar_name, etag, feed_calendar, stays_shown
from visits.feeds.programme import events_of
from visits.feeds.queries import POLL, token_by_secret, visible
from visits.i18n import current_language
from visits.languages import LANGUAGES
from visits.models import Event, FeedToken
from visits.orm import utcnow

CALENDAR = "text/calendar; charset=utf-8"
# Whole feeds by ETag: a client polling without If-None-Match costs one query too.
# Bounded in bytes by FEED_CACHE_BYTES (`init_app`).
feed_cache = BodyCache()
# Polls are recorded at most this often per token: a poll must not be a write.
LAST_USED_GRANULARITY = timedelta(hours=1)


def init_app(app: Flask) -> None:
    """Bound this process's feed caches as the configuration says (bytes)."""
    feed_cache.max_bytes = app.config["FEED_CACHE_BYTES"]
    render_cache.max_bytes = app.config["RENDER_CACHE_BYTES"]


def well_formed(secret: str) -> bool:
    """The shape of a secret: anything else is refused before it reaches the database."""
    return len(secret) <= 64 and secret.replace("-", "").replace("_", "").isalnum()


def not_found() -> Response:
    """The same bare answer for a malformed, unknown or revoked token."""
    return Response("Not Found\n", status=404, mimetype="text/plain")


def config_fields(config: Mapping | None = None) -> tuple:
    """The settings a feed's ETag depends on (of `config`, else the current app's)."""
    config = current_app.config if config is None else config
    return (
        config["PROTOCOL_OFFICE_NAME"],
        tuple(sorted(config.get("PROTOCOL_OFFICE_NAMES", {}).items())),
        config["PROTOCOL_OFFICE_EMAIL"],
        config["FEED_REFRESH_MINUTES"],
        config["PUBLIC_BASE_URL"],
    )


def poll(secret: str, statement: Select = POLL, key: str | None = None):
    """The token's `POLL` row (or that of `statement`, which adds to it, kept under `key`):
    remembered by this worker while it holds, else read."""
    memory = poll_memory.for_app(current_app, db.engine)
    if memory is None:
        return db.session.connection().execute(statement, {"secret": secret}).first()
    row = memory.get(key or secret)
    if row is None:
        epoch = memory.epoch()
        row = db.session.connection().execute(statement, {"secret": secret}).first()
        if row is not None:
            row = memory.remember(key or secret, row, epoch)
    return row


def needs_recording(poll, now: datetime) -> bool:
    """Whether this poll must write the token's use (at most hourly)."""
    return poll.last_used_at is None or now - poll.last_used_at > LAST_USED_GRANULARITY


def _record_use(secret: str, poll) -> None:
    now = utcnow()
    if needs_recording(poll, now):
        tokens = cast(Table, FeedToken.__table__)  # typed as any selectable; a table here
        db.session.execute(update(tokens).where(FeedToken.id == poll.id).values(last_used_at=now))
        db.session.commit()
        memory = poll_memory.for_app(current_app, db.engine)
        if memory is not None:
            memory.used(secret, now)


def _settled(modified: datetime) -> datetime:
    """The first whole second after `modified`: an HTTP date (whole seconds) at or after
    it names this version alone, as later changes fall after it (RFC 9110 8.8.2.2)."""
    return modified.replace(microsecond=0) + timedelta(seconds=1)


def feed_headers(tag: str, modified: datetime, config: Mapping) -> list[tuple[str, str]]:
    """A feed answer's own headers (a 304 or the calendar itself)."""
    return [
        ("ETag", quote_etag(tag)),
        # Never a date in the future: within the second of the change, that second itself,
        # which `not_modified` does not take for this version.
        ("Last-Modified", http_date(min(_settled(modified), utcnow()))),
        # The address is a secret: no shared cache. Written whole, not through the parsed
        # `cache_control` object, which costs a poll more than the rest of its headers.
        ("Cache-Control", f"private, max-age={config['FEED_CACHE_SECONDS']}"),
        ("X-Robots-Tag", "noindex"),
    ]


def _headers(response: Response, tag: str, modified: datetime) -> Response:
    for name, value in feed_headers(tag, modified, current_app.config):
        response.headers[name] = value
    return response


def not_modified(
    tag: str, modified: datetime, if_none_match: ETags, if_modified_since: datetime | None
) -> bool:
    """Whether the client's copy (its If-None-Match, else If-Modified-Since) is current."""
    if if_none_match:
        return if_none_match.contains_weak(tag)
    # The date alone, without an ETag: 304 only when it is past the second of the change,
    # where a second change in that same second cannot hide.
    return if_modified_since is not None and _settled(modified) <= if_modified_since


def revalidation(row, args: Mapping, config: Mapping) -> tuple[str, str, datetime]:
    """The language (the token's, unless the link asks for another one: `?lang=kk`), the
    ETag and the Last-Modified moment of the feed a `POLL` row names."""
    asked = args.get("lang", "")
    lang = asked if asked in LANGUAGES else row.language
    return lang, etag(row, lang, config_fields(config)), _last_modified(row)


def _last_modified(poll) -> datetime:
    """The latest of: the visit's feed changed, the visit, the link made or set anew, a
    stay the feed shows."""
    moments = (poll.feed_changed_at, poll.updated_at, poll.created_at, poll.settings_changed_at)
    moments += stays_shown(poll)[1:]  # a person's hotel stays, where the feed shows them
    return max(moment for moment in moments if moment)


def _render(
    which,
    lang: str,
    zone: str,
    name: str,
    reminder: int | None,
    days: tuple[date, date] | None = None,
    settings_changed_at: datetime | None = None,
    token: FeedToken | None = None,
):
    """`token`: a person's link, whose own arrival, departure and hotel are added.
    `settings_changed_at` stamps the events (no event looks older) without splitting
    their shared renderings (see visits.exports.ical)."""
    events = events_of(db.session(), which, lang, zone, None, token)
    with force_locale(lang):
        calendar = feed_calendar(
            name, lang, zone, reminder, current_app.config, settings_changed_at
        )
    return render_calendar(calendar, events, days)


@bp.get("/feeds/<secret>.ics")
def calendar(secret: str):
    if not well_formed(secret):
        return not_found()
    row = poll(secret)
    if row is None:
        return not_found()
    lang, tag, modified = revalidation(row, request.args, current_app.config)
    _record_use(secret, row)
    if not_modified(tag, modified, request.if_none_match, request.if_modified_since):
        return _headers(Response(status=304), tag, modified)
    body = feed_cache.get(tag)
    if body is not None:
        return _headers(Response(body, content_type=CALENDAR), tag, modified)
    token = db.session.scalar(token_by_secret(secret))
    if token is None:  # revoked since the row above was read
        return not_found()
    body = _render(
        visible(token),
        lang,
        token.visit.timezone,
        calendar_name(token, lang),
        token.reminder_minutes,
        (token.visit.start_date, token.visit.end_date),
        token.settings_changed_at,
        token,
    )
    feed_cache.put(tag, body)
    return _headers(Response(body, content_type=CALENDAR), tag, modified)


@bp.get("/events/<int:event_id>.ics")
def event_download(event_id: int):
    """One event as a file, for staff to send on (internal events included: staff only)."""
    event = db.get_or_404(Event, event_id)
    lang, visit = current_language(), event.visit
    body = _render(Event.id == event.id, lang, visit.timezone, visit.title.get(lang), None)
    response = Response(body, content_type=CALENDAR)
    response.headers["Content-Disposition"] = f'attachment; filename="event-{event.id}.ics"'
    response.last_modified = event.updated_at
    response.set_etag(f"{event.uid}-{event.sequence}-{event.version_id}")
    return response.make_conditional(request)
