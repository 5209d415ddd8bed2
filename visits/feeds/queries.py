"""What a feed holds: the events a token may see, loaded in a fixed number of queries."""

from functools import cache

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from visits.languages import LANGUAGES
from visits.models import (
    Event,
    EventParticipant,
    FeedScope,
    FeedToken,
    Organization,
    Person,
    Stay,
    Venue,
    Visibility,
    Visit,
)
from visits.models.localized import FALLBACK

FEED_VISIBLE = (Visibility.PUBLIC, Visibility.DELEGATION)


# What answering a poll needs, as one plain row: the live token's settings and its
# visit's feed version. Built once, run with the secret bound: a poll is the hottest path
# of the application, so no ORM objects and no statement building per request.
# A person feed shows their hotel stays (feeds.travel), a printed programme does not: stays
# are not in the visit's feed version (which also says whether a programme is a draft), so
# the poll of a person's link with travel reads them itself, in the same query: the ids
# (never reused: a deletion or an addition changes their sum) and the latest change. Other
# links skip the subqueries.
_READS_STAYS = and_(FeedToken.scope == FeedScope.PERSON, FeedToken.include_travel)
_STAYS = Stay.visit_id == Visit.id


def _of_stays(value, name: str):
    return case((_READS_STAYS, select(value).where(_STAYS).scalar_subquery())).label(name)


STAYS_NOW = (
    _of_stays(func.coalesce(func.sum(Stay.id), 0), "stay_ids"),
    _of_stays(func.max(Stay.updated_at), "stays_changed_at"),
)

POLL = (
    select(
        FeedToken.id,
        FeedToken.scope,
        FeedToken.language,
        FeedToken.reminder_minutes,
        FeedToken.include_public,
        FeedToken.include_travel,
        FeedToken.created_at,
        FeedToken.settings_changed_at,
        FeedToken.last_used_at,
        Visit.id.label("visit_id"),
        Visit.feed_version,
        Visit.feed_changed_at,
        Visit.updated_at,
        *STAYS_NOW,
    )
    .join(Visit, Visit.id == FeedToken.visit_id)
    .where(FeedToken.token == bindparam("secret"), FeedToken.revoked_at.is_(None))
)


def token_by_secret(secret: str) -> Select[FeedToken]:
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


def feed_events(token: FeedToken) -> Select[Event]:
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


def in_language(columns: list, lang: str):
    """The SQL expression of a ru/kk/en text in `lang` with the fallback order."""
    by_lang = {column.key.rsplit("_", 1)[1]: column for column in columns}
    return func.coalesce(*(func.nullif(by_lang[code], "") for code in FALLBACK[lang]), "")


def language_in(columns: list, lang: str):
    """The SQL expression of the language `in_language` finds the text in ("" for none)."""
    by_lang = {column.key.rsplit("_", 1)[1]: column for column in columns}
    present = [(func.coalesce(by_lang[code], "") != "", code) for code in FALLBACK[lang]]
    return case(*present, else_="")


@cache
def _language(model, name: str, lang: str):
    """Which language `_text` reads the column in, built once per column and language."""
    table = model.__table__
    return language_in([table.c[f"{name}_{code}"] for code in LANGUAGES], lang)


@cache
def _text(model, name: str, lang: str):
    """Built once per column and language: expressions are immutable, and building them
    anew on every feed request costs more than running the query."""
    table = model.__table__
    return in_language([table.c[f"{name}_{code}"] for code in LANGUAGES], lang)


_TEXTS = (
    (Event, "title", "title"),
    (Event, "description", "description"),
    (Event, "dress_code", "dress_code"),
    (Event, "notes", "notes"),
    (Venue, "name", "venue"),
    (Venue, "address", "address"),
    (Venue, "city", "city"),
)


def event_rows(which: ColumnElement[bool], lang: str) -> Select:
    """The events `which` selects as plain rows, texts already in `lang`: one query."""
    return (
        select(
            Event.id,
            Event.uid,
            Event.sequence,
            Event.starts_at,
            Event.ends_at,
            Event.is_all_day,
            Event.status,
            Event.kind,
            _text(Event, "title", lang).label("title"),
            _text(Event, "description", lang).label("description"),
            _text(Event, "dress_code", lang).label("dress_code"),
            _text(Event, "notes", lang).label("notes"),
            Event.created_at,
            Event.updated_at,
            _text(Venue, "name", lang).label("venue"),
            _text(Venue, "address", lang).label("address"),
            _text(Venue, "city", lang).label("city"),
            Venue.latitude,
            Venue.longitude,
            # The language each text is really in (a missing one falls back to another).
            *(_language(model, name, lang).label(f"{label}_lang") for model, name, label in _TEXTS),
        )
        .outerjoin(Venue, Venue.id == Event.venue_id)
        .where(which)
        .order_by(Event.starts_at, Event.id)
    )


def participant_rows(which: ColumnElement[bool], lang: str) -> Select:
    """Who takes part in the events `which` selects, names in `lang`, in order: one query."""
    name = func.coalesce(
        func.nullif(_text(Person, "full_name", lang), ""), _text(Organization, "name", lang)
    )
    language = func.coalesce(
        func.nullif(_language(Person, "full_name", lang), ""), _language(Organization, "name", lang)
    )
    return (
        select(
            EventParticipant.event_id,
            EventParticipant.side,
            name.label("name"),
            language.label("name_lang"),
        )
        .outerjoin(Person, Person.id == EventParticipant.person_id)
        .outerjoin(Organization, Organization.id == EventParticipant.organization_id)
        .where(EventParticipant.event_id.in_(select(Event.id).where(which)))
        .order_by(EventParticipant.event_id, EventParticipant.position, EventParticipant.id)
    )
