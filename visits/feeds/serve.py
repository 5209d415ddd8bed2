"""Serving a feed: `GET /feeds/<token>.ics`, and one event as a download for staff.

A poll is answered from a fingerprint of the data (two queries, nothing rendered): a
client that has the current version gets 304. Only a changed feed is assembled, from the
events' cached renderings.
"""

from datetime import datetime, timedelta

from flask import Response, current_app, request, url_for
from flask_babel import force_locale

from visits.exports.ical import render_calendar
from visits.extensions import db
from visits.feeds import bp
from visits.feeds.content import calendar_name, etag, feed_calendar, feed_event, last_modified
from visits.feeds.queries import feed_events, fingerprint, token_by_secret
from visits.i18n import current_language
from visits.models import Event, FeedToken
from visits.orm import utcnow

CALENDAR = "text/calendar; charset=utf-8"
# Polls are recorded at most this often per token: a poll must not be a write.
LAST_USED_GRANULARITY = timedelta(hours=1)


def _not_found() -> Response:
    """The same bare answer for a malformed, unknown or revoked token."""
    return Response("Not Found\n", status=404, mimetype="text/plain")


def _calendar_fields(token: FeedToken) -> tuple:
    config = current_app.config
    return (
        config["PROTOCOL_OFFICE_NAME"],
        config["PROTOCOL_OFFICE_EMAIL"],
        config["FEED_REFRESH_MINUTES"],
        config["PUBLIC_BASE_URL"],
    )


def _record_use(token: FeedToken) -> None:
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        db.session.execute(
            FeedToken.__table__.update().where(FeedToken.id == token.id).values(last_used_at=now)
        )
        db.session.commit()


def _headers(response: Response, tag: str, modified: datetime) -> Response:
    response.set_etag(tag)
    response.last_modified = modified
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["FEED_CACHE_SECONDS"]
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _not_modified(tag: str, modified: datetime) -> bool:
    if request.if_none_match:
        return request.if_none_match.contains_weak(tag)
    since = request.if_modified_since
    return since is not None and modified.replace(microsecond=0) <= since


def subscribe_url(token: FeedToken) -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + url_for(
        "feeds.subscribe", secret=token.token
    )


@bp.get("/feeds/<secret>.ics")
def calendar(secret: str):
    if not secret.replace("-", "").replace("_", "").isalnum() or len(secret) > 64:
        return _not_found()
    token = db.session.scalar(token_by_secret(secret))
    if token is None:
        return _not_found()
    row = db.session.execute(fingerprint(token)).one()
    tag = etag(token, _calendar_fields(token), row)
    modified = last_modified(token, row[3])
    _record_use(token)
    if _not_modified(tag, modified):
        return _headers(Response(status=304), tag, modified)
    events = db.session.scalars(feed_events(token)).unique().all()
    lang, zone = token.language, token.visit.timezone
    with force_locale(lang):
        cal = feed_calendar(
            calendar_name(token), lang, zone, token.reminder_minutes, current_app.config
        )
        url = subscribe_url(token)
        body = render_calendar(cal, [feed_event(e, zone, lang, url) for e in events])
    return _headers(Response(body, mimetype=CALENDAR, content_type=CALENDAR), tag, modified)


@bp.get("/events/<int:event_id>.ics")
def event_download(event_id: int):
    """One event as a file, for staff to send on (internal events included: staff only)."""
    event = db.get_or_404(Event, event_id)
    lang, zone = current_language(), event.visit.timezone
    cal = feed_calendar(event.visit.title.get(lang), lang, zone, None, current_app.config)
    body = render_calendar(cal, [feed_event(event, zone, lang, None)])
    response = Response(body, mimetype=CALENDAR, content_type=CALENDAR)
    response.headers["Content-Disposition"] = f'attachment; filename="event-{event.id}.ics"'
    response.last_modified = event.updated_at
    response.set_etag(f"{event.uid}-{event.sequence}-{event.version_id}")
    return response.make_conditional(request)
