"""Query builders for the venue pages; each returns a Select."""

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from visits.models import FeedToken, Movement, Stay, TravelTime, Venue
from visits.search import localized_columns, text_matches

SEARCHED = ("name", "city", "address")


def name_order() -> list:
    """Order by the Russian name (the working language), then by id."""
    return [localized_columns(Venue, "name")[0], Venue.id]


def venue_list(term: str | None) -> Select:
    """Venues whose name, city or address (any language) matches."""
    return (
        select(Venue)
        .where(text_matches(localized_columns(Venue, *SEARCHED), term))
        .order_by(*name_order())
    )


def all_venues() -> Select:
    return select(Venue).order_by(*name_order())


def travel_times_of(venue_id: int) -> Select:
    """Travel times from or to the venue, with both venues loaded."""
    return (
        select(TravelTime)
        .where(or_(TravelTime.from_venue_id == venue_id, TravelTime.to_venue_id == venue_id))
        .options(selectinload(TravelTime.from_venue), selectinload(TravelTime.to_venue))
    )


def travel_time_between(first_id: int, second_id: int) -> Select:
    """The travel time of an ordered pair (first_id < second_id)."""
    return select(TravelTime).where(
        TravelTime.from_venue_id == first_id, TravelTime.to_venue_id == second_id
    )


def stays_at(venue_id: int) -> Select:
    return (
        select(Stay)
        .where(Stay.hotel_id == venue_id)
        .options(selectinload(Stay.visit))
        .order_by(Stay.check_in, Stay.id)
    )


def movements_at(venue_id: int) -> Select:
    return (
        select(Movement)
        .where(Movement.venue_id == venue_id)
        .options(selectinload(Movement.visit))
        .order_by(Movement.at, Movement.id)
    )


def feed_count(venue_id: int) -> Select:
    return select(func.count()).select_from(FeedToken).where(FeedToken.venue_id == venue_id)
