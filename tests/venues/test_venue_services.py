from decimal import Decimal

import pytest
from sqlalchemy import select

from visits.models import LocalizedText, TravelTime, Venue
from visits.venues.services import (
    InvalidVenue,
    SameVenue,
    VenueValues,
    save_travel_time,
    travel_times,
    update_venue,
)


@pytest.fixture
def venues(db) -> list[Venue]:
    venues = [Venue(name=LocalizedText(ru=name)) for name in ("Акимат", "Мемориал", "Концерт")]
    db.session.add_all(venues)
    db.session.commit()
    return venues


def values(**overrides) -> VenueValues:
    fields = {
        "name": LocalizedText(ru="Зал"),
        "address": LocalizedText(),
        "city": LocalizedText(),
        "latitude": Decimal("49.94812345"),
        "longitude": Decimal("82.6282"),
        "capacity": None,
        "shared": False,
        "contact": None,
        "notes": None,
    } | overrides
    return VenueValues(**fields)


def test_the_pair_is_stored_lower_id_first_whichever_end_it_is_saved_from(db, venues):
    first, _, third = venues
    travel = save_travel_time(db.session, third.id, first.id, 20)
    db.session.commit()
    assert (travel.from_venue_id, travel.to_venue_id) == (first.id, third.id)
    again = save_travel_time(db.session, first.id, third.id, 25)
    db.session.commit()
    assert again.id == travel.id
    assert db.session.scalars(select(TravelTime.minutes)).all() == [25]


def test_a_travel_time_to_itself_is_refused(db, venues):
    with pytest.raises(SameVenue):
        save_travel_time(db.session, venues[0].id, venues[0].id, 5)
    with pytest.raises(ValueError):
        save_travel_time(db.session, venues[0].id, venues[1].id, 0)
    assert db.session.scalars(select(TravelTime)).all() == []


def test_travel_times_name_the_venue_at_the_other_end(db, venues):
    first, second, third = venues
    save_travel_time(db.session, first.id, second.id, 10)
    save_travel_time(db.session, third.id, second.id, 30)
    db.session.commit()
    others = [(other.name.ru, travel.minutes) for travel, other in travel_times(db.session, second)]
    assert others == [("Акимат", 10), ("Концерт", 30)]


def test_coordinates_are_kept_to_six_decimals_and_come_in_pairs(db, venues):
    venue = venues[0]
    update_venue(venue, values())
    assert venue.latitude == Decimal("49.948123")
    with pytest.raises(InvalidVenue):
        update_venue(venue, values(longitude=None))
    with pytest.raises(InvalidVenue):
        update_venue(venue, values(capacity=0))
