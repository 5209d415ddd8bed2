"""What a feed holds: the events a token may see, loaded in a fixed number of queries, and
a fingerprint of them computed in the database without loading them."""

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from visits.models import (
    Event,
    EventParticipant,
    FeedScope,
    FeedToken,
    Organization,
    Person,
    Venue,
    Visibility,
)

FEED_VISIBLE = (Visibility.PUBLIC, Visibility.DELEGATION)


def token_by_secret(secret: str) -> Select[tuple[FeedToken]]:
    """The live token with this secret, with its visit, person and venue."""
    return (
        select(FeedToken)
        .where(FeedToken.token == secret, FeedToken.revoked_at.is_(None))
        .options(
            joinedload(FeedToken.visit),
            joinedload(FeedToken.person),
            joinedload(FeedToken.venue),
        )
    )


def visible(token: FeedToken) -> ColumnElement[bool]:
    """Which events of the token's visit its reader may see.

    Internal events never; delegation-only events in visit and person feeds; a venue feed
    shows only public events. A person feed shows the events the person (or the group
    they belong to) takes part in, plus the visit's public events if the token says so.
    """
    of_visit = Event.visit_id == token.visit_id
    if token.scope is FeedScope.VISIT:
        return and_(of_visit, Event.visibility.in_(FEED_VISIBLE))
    if token.scope is FeedScope.VENUE:
        return and_(
            of_visit, Event.venue_id == token.venue_id, Event.visibility == Visibility.PUBLIC
        )
    if token.scope is FeedScope.PERSON and token.person is not None:
        takes_part = or_(
            EventParticipant.person_id == token.person_id,
            EventParticipant.organization_id == token.person.organization_id
            if token.person.organization_id is not None
            else false(),
        )
        own = Event.id.in_(select(EventParticipant.event_id).where(takes_part))
        mine = and_(own, Event.visibility.in_(FEED_VISIBLE))
        if token.include_public:
            mine = or_(mine, Event.visibility == Visibility.PUBLIC)
        return and_(of_visit, mine)
    return false()


def feed_events(token: FeedToken) -> Select[tuple[Event]]:
    """The token's events with their venue and participants: two queries in all."""
    return (
        select(Event)
        .where(visible(token))
        .options(
            joinedload(Event.venue),
            selectinload(Event.participants).options(
                joinedload(EventParticipant.person), joinedload(EventParticipant.organization)
            ),
        )
        .order_by(Event.starts_at, Event.id)
    )


def fingerprint(token: FeedToken) -> Select:
    """One row that changes whenever anything the feed renders changes: the events (their
    count, ids and versions: a version grows on every edit, participants included), the
    venues and the people and groups they name. One query, no rendering."""
    ids = select(Event.id).where(visible(token))
    events = select(
        func.count(Event.id),
        func.coalesce(func.sum(Event.id), 0),
        func.coalesce(func.sum(Event.version_id), 0),
        func.max(Event.updated_at),
    ).where(visible(token))
    venues = select(func.coalesce(func.sum(Venue.version_id), 0)).where(
        Venue.id.in_(select(Event.venue_id).where(visible(token)))
    )
    people = (
        select(func.coalesce(func.sum(Person.version_id), 0))
        .join(EventParticipant, EventParticipant.person_id == Person.id)
        .where(EventParticipant.event_id.in_(ids))
    )
    groups = (
        select(func.coalesce(func.sum(Organization.version_id), 0))
        .join(EventParticipant, EventParticipant.organization_id == Organization.id)
        .where(EventParticipant.event_id.in_(ids))
    )
    counts = events.subquery()
    return select(
        counts,
        venues.scalar_subquery(),
        people.scalar_subquery(),
        groups.scalar_subquery(),
    )
