"""Query builders for the venue pages; each returns a Select."""

from typing import Any

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


def _at_venue(model: type[Stay] | type[Movement], at_venue: Any, moment: Any) -> Select:
    """Stays or movements matching `at_venue` with their visits, in order of `moment`."""
    return (
        select(model).where(at_venue).options(selectinload(model.visit)).order_by(moment, model.id)
    )


def stays_at(venue_id: int) -> Select:
    return _at_venue(Stay, Stay.hotel_id == venue_id, Stay.check_in)


def movements_at(venue_id: int) -> Select:
    return _at_venue(Movement, Movement.venue_id == venue_id, Movement.at)


def feed_count(venue_id: int) -> Select:
    return select(func.count()).select_from(FeedToken).where(FeedToken.venue_id == venue_id)
