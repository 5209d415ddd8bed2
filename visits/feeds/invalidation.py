"""Keeping `Visit.feed_version` true: every flush that changes something a feed or a
printed programme shows bumps the version of the visits concerned, in the same transaction.

Feeds answer a poll from the token and its visit alone (one query); this is what makes
that answer right. What a feed shows: a visit's title, its events, their participants,
the venues, people and groups they name; a person's feed and a programme add arrivals and
departures. A person's feed also shows hotel stays (visits.feeds.travel), which are not
counted here: a programme does not print them, and the version also says whether an
issued programme is still current; the poll reads the stays themselves (`STAYS_NOW`).
The same flush makes the events that show a changed venue or name look newer
(`touch_shown_events`). On PostgreSQL it also tells the workers which visits' polls
changed (a NOTIFY, delivered at commit; see `feeds.poll_memory`): those of a new feed
version, of a link set anew or revoked, of a changed hotel stay.
"""

from collections.abc import Iterable
from typing import cast

from flask import Flask
from sqlalchemy import Table, inspect, or_, select, text, union, update
from sqlalchemy.orm import Session

from visits.extensions import db, listen_once
from visits.feeds.poll_memory import CHANNEL
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventParticipant,
    FeedToken,
    Movement,
    Organization,
    Person,
    Stay,
    Venue,
    Visit,
)
from visits.orm import utcnow

# Written on every UPDATE: their change alone is no change of what anything shows.
_BOOKKEEPING = frozenset({"updated_at", "version_id"})


def _changed_columns(obj: object) -> set[str]:
    """The columns of `obj` this flush really changes (a value set to itself is none)."""
    state = inspect(obj)
    return {
        prop.columns[0].name
        for prop in state.mapper.column_attrs
        if prop.key not in _BOOKKEEPING and state.attrs[prop.key].history.has_changes()
    }


def _changed(session: Session) -> Iterable:
    yield from session.new
    yield from (obj for obj in session.dirty if _changed_columns(obj))
    yield from session.deleted


# A changed record of each kind and the id it names: (model, kind of id, attribute).
_NAMED: tuple[tuple[type, str, str], ...] = (
    (Event, "visits", "visit_id"),
    (Movement, "visits", "visit_id"),
    (Delegation, "delegations", "id"),
    (DelegationMember, "delegations", "delegation_id"),
    (EventParticipant, "events", "event_id"),
    (Venue, "venues", "id"),
    (Person, "people", "id"),
    (Organization, "groups", "id"),
)


def affected_visits(session: Session) -> set[int]:
    """Ids of the visits whose feeds this flush changes."""
    ids: dict[str, set[int]] = {kind: set() for _, kind, _ in _NAMED}
    visits = ids["visits"]
    for obj in _changed(session):
        if isinstance(obj, Visit):
            # Its own columns, not a collection that only gained a stay or a token.
            if obj not in session.new and session.is_modified(obj, include_collections=False):
                visits.add(obj.id)
            continue
        for model, kind, attribute in _NAMED:
            if isinstance(obj, model):
                ids[kind].add(getattr(obj, attribute))
                break
    events, venues, delegations = ids["events"], ids["venues"], ids["delegations"]
    people, groups = ids["people"], ids["groups"]
    queries = []
    if delegations:
        queries.append(select(Visit.id).where(Visit.delegation_id.in_(delegations)))
    if events:
        queries.append(select(Event.visit_id).where(Event.id.in_(events)))
    if venues:
        queries.append(select(Event.visit_id).where(Event.venue_id.in_(venues)))
        queries.append(select(FeedToken.visit_id).where(FeedToken.venue_id.in_(venues)))
        queries.append(select(Movement.visit_id).where(Movement.venue_id.in_(venues)))
    if people or groups:
        # Named in a programme: responsible staff, delegation members, liaison, the host.
        queries.append(select(Event.visit_id).where(Event.responsible_id.in_(people)))
        in_delegation = DelegationMember.person_id.in_(people) | (
            DelegationMember.organization_id.in_(groups)
        )
        delegations_naming = select(DelegationMember.delegation_id).where(in_delegation)
        queries.append(
            select(Visit.id).where(
                Visit.delegation_id.in_(delegations_naming)
                | Visit.host_organization_id.in_(groups)
                | Visit.liaison_officer_id.in_(people)
            )
        )
        named = EventParticipant.person_id.in_(people) | EventParticipant.organization_id.in_(
            groups
        )
        queries.append(
            select(Event.visit_id)
            .join(EventParticipant, EventParticipant.event_id == Event.id)
            .where(named)
        )
        members = select(Person.id).where(Person.organization_id.in_(groups))
        queries.append(
            select(FeedToken.visit_id).where(
                FeedToken.person_id.in_(people) | FeedToken.person_id.in_(members)
            )
        )
    if queries:
        visits.update(session.connection().execute(union(*queries)).scalars())
    visits.discard(None)
    return visits


def init_app(_app: Flask) -> None:
    """Keep feed versions true for every flush of the app's session."""
    listen_once(db.session, "after_flush", bump)


# What an event shows of its venue (LOCATION and GEO) and of its participants (names).
_PLACE = ("name_", "address_", "city_", "latitude", "longitude")


def _shows(columns: set[str], prefixes: Iterable[str]) -> bool:
    return any(column.startswith(tuple(prefixes)) for column in columns)


def touch_shown_events(session: Session) -> None:
    """Make the events that show a changed venue or name look newer to calendar clients.

    Their rows did not change, so their `updated_at` (LAST-MODIFIED and DTSTAMP) is set
    here. A new LOCATION or GEO also raises the SEQUENCE of the venue's events, past ones
    too (a corrected address is a correction of the record): clients that compare SEQUENCE
    take the new place. The version of the event rows is left alone: an editor holding an
    event's form is not told the event changed when its venue did.
    """
    venues, people, groups = set(), set(), set()
    for obj in session.dirty:
        if isinstance(obj, Venue) and _shows(_changed_columns(obj), _PLACE):
            venues.add(obj.id)
        elif isinstance(obj, Person) and _shows(_changed_columns(obj), ["full_name_"]):
            people.add(obj.id)
        elif isinstance(obj, Organization) and _shows(_changed_columns(obj), ["name_"]):
            groups.add(obj.id)
    if not (venues or people or groups):
        return
    now, events = utcnow(), cast(Table, Event.__table__)
    if venues:
        session.connection().execute(
            update(events)
            .where(events.c.venue_id.in_(venues))
            .values(updated_at=now, sequence=events.c.sequence + 1)
        )
        # A person's arrivals, departures and hotel show their venue too (feeds.travel).
        for model, venue in ((Movement, Movement.venue_id), (Stay, Stay.hotel_id)):
            session.connection().execute(
                update(cast(Table, model.__table__)).where(venue.in_(venues)).values(updated_at=now)
            )
    if people or groups:
        named = or_(
            EventParticipant.person_id.in_(people), EventParticipant.organization_id.in_(groups)
        )
        session.connection().execute(
            update(events)
            .where(events.c.id.in_(select(EventParticipant.event_id).where(named)))
            .values(updated_at=now)
        )


_NOTIFY = text(f"SELECT pg_notify('{CHANNEL}', v) FROM unnest(CAST(:visits AS text[])) AS v")


def polls_changed(session: Session, visits: set[int]) -> set[int]:
    """The visits whose poll rows this flush changes: a new feed version, or a link or
    a hotel stay (read by the poll itself) changed."""
    changed = set(visits)
    for obj in _changed(session):
        if isinstance(obj, FeedToken | Stay):
            changed.add(obj.visit_id)
    changed.discard(None)
    return changed


def notify(session: Session, visits: set[int]) -> None:
    """Tell the workers listening (PostgreSQL) that these visits' polls changed."""
    if visits and session.get_bind().dialect.name == "postgresql":
        session.connection().execute(_NOTIFY, {"visits": [str(v) for v in sorted(visits)]})


def bump(session: Session, _flush_context) -> None:
    touch_shown_events(session)
    visits = affected_visits(session)
    notify(session, polls_changed(session, visits))
    if visits:
        table = Visit.__table__
        assert isinstance(table, Table)  # a mapped table, not a join
        session.connection().execute(
            update(table)
            .where(table.c.id.in_(visits))
            .values(feed_version=table.c.feed_version + 1, feed_changed_at=utcnow())
        )
