"""Placing a block by hand: the five-minute step, moves and stretches, venue lanes."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visits.scheduling.placing import (
    STEP_MINUTES,
    Gesture,
    NotAVenueLane,
    lane_venue,
    placed,
    snap,
)

TEN = datetime(2025, 4, 21, 10, 0)
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2025, 12, 30))


def at(hours: int, minutes: int = 0, day: int = 21) -> datetime:
    return datetime(2025, 4, day, hours, minutes)


def test_snap_goes_to_the_nearest_step_and_a_half_step_rounds_up():
    assert snap(at(10, 2)) == at(10, 0)
    assert snap(at(10, 3)) == at(10, 5)
    assert snap(at(10, 7).replace(second=59)) == at(10, 5)  # seconds are dropped first
    assert snap(at(23, 58)) == at(0, 0, day=22)  # the step after 23:55 is midnight


@given(moments)
def test_snap_lands_on_the_step_within_half_a_step_of_the_whole_minute(moment):
    snapped = snap(moment)
    assert snapped.minute % STEP_MINUTES == 0 and snapped.second == snapped.microsecond == 0
    whole_minute = moment.replace(second=0, microsecond=0)
    assert abs(snapped - whole_minute) <= timedelta(minutes=STEP_MINUTES / 2)
    assert snap(snapped) == snapped


def test_a_move_keeps_the_duration_and_puts_the_start_on_the_step():
    assert placed(at(10, 7), at(11, 7), Gesture(move=13)) == (at(10, 20), at(11, 20))
    assert placed(TEN, at(11, 30), Gesture(move=-62)) == (at(9, 0), at(10, 30))


def test_a_stretch_moves_only_the_end():
    assert placed(at(10, 7), at(11, 0), Gesture(stretch=22)) == (at(10, 7), at(11, 20))


def test_a_move_then_a_stretch():
    assert placed(TEN, at(11), Gesture(move=30, stretch=-15)) == (at(10, 30), at(11, 15))


def test_an_end_pulled_before_the_start_is_left_for_the_event_check_to_refuse():
    starts, ends = placed(TEN, at(11), Gesture(stretch=-90))
    assert ends < starts


def test_a_move_past_midnight_lands_on_the_next_day():
    assert placed(at(23, 30), at(23, 55), Gesture(move=45)) == (
        at(0, 15, day=22),
        at(0, 40, day=22),
    )


@given(moments, st.integers(1, 600), st.integers(-2880, 2880))
def test_a_move_never_changes_how_long_the_event_lasts(start, minutes, move):
    end = start + timedelta(minutes=minutes)
    new_start, new_end = placed(start, end, Gesture(move=move))
    assert new_end - new_start == end - start
    assert abs(new_start - (start + timedelta(minutes=move))) <= timedelta(minutes=3)


def test_no_gesture_changes_nothing():
    assert placed(at(10, 7), at(11, 3), Gesture()) == (at(10, 7), at(11, 3))
    assert not Gesture(lane="v3").changes_time


def test_a_venue_lane_names_its_venue_and_other_lanes_are_refused():
    assert lane_venue("v12") == 12
    with pytest.raises(NotAVenueLane) as no_venue:
        lane_venue("v-")
    assert no_venue.value.code == "no_venue_lane"
    for key in ("p3", "g7", "v", "v1x", "v١", "", "v0", f"v{2**31}"):
        with pytest.raises(NotAVenueLane) as other:
            lane_venue(key)
        assert other.value.code == "not_a_venue_lane"
