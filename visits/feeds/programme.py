"""The events a feed shows, as `FeedEvent`s: read for a feed, a download or a notice."""

from datetime import datetime

from flask_babel import force_locale
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from visits.exports.ical import FeedEvent
from visits.feeds import travel
from visits.feeds.content import feed_events
from visits.feeds.queries import event_rows, participant_rows, visible
from visits.models import FeedToken


def events_of(
    session: Session,
    which: ColumnElement[bool],
    lang: str,
    zone: str,
    settings_changed_at: datetime | None = None,
    token: FeedToken | None = None,
) -> list[FeedEvent]:
    """The events `which` selects in `lang`; with a person's `token`, their own arrival,
    departure and hotel too. Three queries (four with travel). Never an event URL: it
    would travel with the event when forwarded."""
    with force_locale(lang):
        events = feed_events(
            session.execute(event_rows(which, lang)),
            session.execute(participant_rows(which, lang)),
            zone,
            None,
            lang,
            settings_changed_at,
        )
        if token is not None:
            events += travel.feed_events(travel.travel_items(session, token, lang), zone)
    return events


def programme_of(session: Session, token: FeedToken, lang: str) -> list[FeedEvent]:
    """What the token's feed shows, in `lang`."""
    return events_of(
        session, visible(token), lang, token.visit.timezone, token.settings_changed_at, token
    )
