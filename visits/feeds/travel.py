"""A delegate's own arrivals, departures and hotel, as their feed and subscribe page show
them (a person link's `include_travel`).

The movements and stays that concern the person: their own, their group's, and those of
the whole delegation when they are a member of it. A movement is a moment (no DTEND); a
stay shows as two moments, check-in and check-out at the usual hotel hours of the visit's
zone. Ids of movements and stays are never reused, so their UIDs are stable; SEQUENCE is
the record's version, which every change of time or place raises.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, joinedload

from visits.exports.ical import FeedEvent
from visits.feeds.content import one_language
from visits.labels import label
from visits.models import (
    DelegationMember,
    FeedScope,
    FeedToken,
    LocalizedText,
    Movement,
    Stay,
    Venue,
)
from visits.models.localized import FALLBACK
from visits.scheduling.timezones import to_utc

HOTEL_CHECK_IN = time(14, 0)
HOTEL_CHECK_OUT = time(12, 0)


@dataclass(frozen=True)
class TravelItem:
    """One arrival, departure, check-in or check-out, in the reader's language."""

    uid: str
    sequence: int
    starts_at: datetime
    title: str
    place: str
    geo: tuple[float, float] | None
    created_at: datetime
    updated_at: datetime
    title_language: str
    place_language: str
    travel: bool = True  # tells the subscribe page's rows from events

    @property
    def ends_at(self) -> datetime:
        return self.starts_at


def _concerns(token: FeedToken, member: InstrumentedAttribute[int | None]) -> ColumnElement[bool]:
    """Movements or stays (by their `member_id`) that concern the token's person."""
    person = token.person
    if person is None or token.visit.delegation_id is None:
        return false()
    of_person = DelegationMember.person_id == person.id
    if person.organization_id is not None:
        of_person = or_(of_person, DelegationMember.organization_id == person.organization_id)
    members = select(DelegationMember.id).where(
        DelegationMember.delegation_id == token.visit.delegation_id, of_person
    )
    everyone = and_(member.is_(None), select(members.exists()).scalar_subquery())
    return or_(everyone, member.in_(members))


def movements_of(token: FeedToken) -> Select[Movement]:
    return (
        select(Movement)
        .where(Movement.visit_id == token.visit_id, _concerns(token, Movement.member_id))
        .options(joinedload(Movement.venue))
        .order_by(Movement.at, Movement.id)
    )


def stays_of(token: FeedToken) -> Select[Stay]:
    return (
        select(Stay)
        .where(Stay.visit_id == token.visit_id, _concerns(token, Stay.member_id))
        .options(joinedload(Stay.hotel))
        .order_by(Stay.check_in, Stay.id)
    )


def _language(text: LocalizedText, lang: str) -> str:
    """The language `text.get(lang)` is really in ("" when empty)."""
    return next((code for code in FALLBACK[lang] if text.has(code)), "")


def _venue_place(venue: Venue, lang: str) -> tuple[str, str]:
    texts = [text for text in (venue.name, venue.address, venue.city) if text]
    return (
        ", ".join(text.get(lang) for text in texts),
        one_language(*(_language(text, lang) for text in texts)),
    )


def _geo(venue: Venue | None) -> tuple[float, float] | None:
    if venue is None or venue.latitude is None or venue.longitude is None:
        return None
    return float(venue.latitude), float(venue.longitude)


def _movement_title(movement: Movement) -> str:
    mode, number = label(movement.mode), movement.number
    if movement.direction.value == "arrival":
        if number:
            return _("Arrival · %(mode)s %(number)s", mode=mode, number=number)
        return _("Arrival · %(mode)s", mode=mode)
    if number:
        return _("Departure · %(mode)s %(number)s", mode=mode, number=number)
    return _("Departure · %(mode)s", mode=mode)


def movement_item(movement: Movement, lang: str, made: datetime) -> TravelItem:
    """`made`: when a record without its own moments counts as made (the visit's)."""
    if movement.venue is not None:
        place, place_language = _venue_place(movement.venue, lang)
    else:
        place, place_language = movement.place.get(lang), _language(movement.place, lang)
    return TravelItem(
        uid=f"movement-{movement.id}@visits",
        sequence=movement.version_id,
        starts_at=movement.at,
        title=_movement_title(movement),
        place=place,
        geo=_geo(movement.venue),
        created_at=movement.created_at or made,
        updated_at=movement.updated_at or made,
        title_language=lang,
        place_language=place_language,
    )


def stay_items(stay: Stay, lang: str, zone: str, made: datetime) -> list[TravelItem]:
    """Check-in and check-out of a stay, at the usual hotel hours in `zone`."""
    place, place_language = _venue_place(stay.hotel, lang)
    hotel = stay.hotel.name.get(lang)

    def at(day: date, hour: time, what: str, title: str) -> TravelItem:
        return TravelItem(
            uid=f"stay-{stay.id}-{what}@visits",
            sequence=stay.version_id,
            starts_at=to_utc(day, hour, zone),
            title=title,
            place=place,
            geo=_geo(stay.hotel),
            created_at=stay.created_at or made,
            updated_at=stay.updated_at or made,
            title_language=one_language(lang, _language(stay.hotel.name, lang)),
            place_language=place_language,
        )

    return [
        at(stay.check_in, HOTEL_CHECK_IN, "in", _("Hotel check-in · %(hotel)s", hotel=hotel)),
        at(stay.check_out, HOTEL_CHECK_OUT, "out", _("Hotel check-out · %(hotel)s", hotel=hotel)),
    ]


def travel_items(session: Session, token: FeedToken, lang: str) -> list[TravelItem]:
    """The person's own movements and stays, when the link is a person's and asks for
    them; called inside `force_locale(lang)`."""
    if token.scope is not FeedScope.PERSON or not token.include_travel:
        return []
    zone, made = token.visit.timezone, token.visit.created_at
    items = [
        movement_item(movement, lang, made) for movement in session.scalars(movements_of(token))
    ]
    for stay in session.scalars(stays_of(token)):
        items += stay_items(stay, lang, zone, made)
    return items


def feed_events(items: list[TravelItem], zone: str) -> list[FeedEvent]:
    return [
        FeedEvent(
            uid=item.uid,
            sequence=item.sequence,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            zone=zone,
            summary=item.title,
            status="confirmed",
            category="",
            location=item.place or None,
            geo=item.geo,
            description="",
            url=None,
            created_at=item.created_at,
            updated_at=item.updated_at,
            summary_language=item.title_language,
            location_language=item.place_language,
        )
        for item in items
    ]
