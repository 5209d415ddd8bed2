"""Travel time between venues: staff-set times, else the estimate from coordinates."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visits.scheduling.travel import TravelTimes, estimate_minutes, haversine_km, staff_minutes


def test_one_degree_along_the_equator_is_about_111_km():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)


def test_a_tenth_of_a_degree_of_latitude_takes_29_minutes_through_the_city():
    # 11.12 km as the crow flies, 14.46 km by road (x 1.3), 28.9 minutes at 30 km/h.
    assert haversine_km(50.0, 82.6, 50.1, 82.6) == pytest.approx(11.1195, abs=0.0001)
    assert estimate_minutes(50.0, 82.6, 50.1, 82.6) == 29
    assert estimate_minutes(50.0, 82.6, 50.1, 82.6, city_speed_kmh=60) == 15


def test_the_same_place_needs_no_time_and_antipodes_are_half_the_world_away():
    assert estimate_minutes(49.95, 82.62, 49.95, 82.62) == 0
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.1)


def test_a_speed_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        estimate_minutes(50.0, 82.6, 50.1, 82.6, city_speed_kmh=0)
    with pytest.raises(ValueError, match="positive"):
        TravelTimes({}, city_speed_kmh=-5)


def test_staff_minutes_answer_both_orders_preferring_the_direction_of_travel():
    assert staff_minutes({(1, 2): 10}, 1, 2) == 10
    assert staff_minutes({(1, 2): 10}, 2, 1) == 10
    assert staff_minutes({(1, 2): 10, (2, 1): 25}, 2, 1) == 25
    assert staff_minutes({(1, 2): 10}, 1, 3) is None
    assert staff_minutes(None, 1, 2) is None


def test_travel_times_prefer_staff_then_coordinates_then_give_up():
    coordinates = {1: (50.0, 82.6), 2: (50.1, 82.6), 3: (None, None), 4: (50.0, None)}
    travel = TravelTimes(coordinates, {(3, 1): 7, (2, 1): 0})
    assert travel.minutes(1, 2) == 0  # staff know a shortcut
    assert travel.minutes(1, 3) == 7  # no coordinates, but staff know
    assert travel.minutes(2, 4) is None  # half a coordinate is none
    assert travel.minutes(2, 5) is None  # a venue nobody knows
    assert TravelTimes(coordinates).minutes(2, 1) == 29


latitude = st.floats(-80, 80)
longitude = st.floats(-180, 180)


@given(latitude, longitude, latitude, longitude, st.floats(5, 120))
def test_the_estimate_is_symmetric_and_travel_times_agree_with_it(lat1, lon1, lat2, lon2, speed):
    minutes = estimate_minutes(lat1, lon1, lat2, lon2, speed)
    assert minutes == estimate_minutes(lat2, lon2, lat1, lon1, speed) >= 0
    travel = TravelTimes({1: (lat1, lon1), 2: (lat2, lon2)}, city_speed_kmh=speed)
    assert travel.minutes(1, 2) == minutes
    assert travel.minutes(1, 2) == minutes  # the second answer comes from the memo
