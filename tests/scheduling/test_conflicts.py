"""Conflict detection, rule by rule: what must warn and what must not."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from visits.scheduling.conflicts import (
    BEFORE_ARRIVAL,
    GROUP_OVERLAP,
    NO_STAY,
    PERSON_OVERLAP,
    TRAVEL_TOO_SHORT,
    VENUE_OVER_CAPACITY,
    VENUE_OVERLAP,
    Conflict,
    Place,
    Presence,
    Slot,
    Stay,
    VisitFrame,
    detect,
)
from visits.scheduling.timezones import to_utc

ALMATY = "Asia/Almaty"  # UTC+5
DAY = date(2025, 4, 21)
FRAME = VisitFrame(DAY, DAY + timedelta(days=1), ALMATY)  # 21 and 22 April
# Venues 0.1° of latitude apart (11.12 km): 29 minutes by road at 30 km/h.
NORTH, SOUTH, NOWHERE = 1, 2, 3
PLACES = {
    NORTH: Place(NORTH, 50.1, 82.6, None),
    SOUTH: Place(SOUTH, 50.0, 82.6, None),
    NOWHERE: Place(NOWHERE, None, None, None),
}


def at(clock: str, day: date = DAY, zone: str = ALMATY) -> datetime:
    """The UTC moment of a wall-clock time such as "10:30" on a day in a zone."""
    return to_utc(day, time.fromisoformat(clock), zone)


def slot(
    event_id: int,
    starts: str | datetime,
    ends: str | datetime,
    venue: int | None = None,
    people: tuple[int, ...] = (),
    groups: tuple[int, ...] = (),
    *,
    day: date = DAY,
    cancelled: bool = False,
    attendance: int = 0,
) -> Slot:
    """An event from moments, or from the Almaty wall clock on `day` (an end earlier than
    the start is then on the next day)."""
    starts_at = at(starts, day) if isinstance(starts, str) else starts
    ends_at = at(ends, day) if isinstance(ends, str) else ends
    if ends_at <= starts_at and isinstance(ends, str):
        ends_at += timedelta(days=1)
    people_, groups_ = frozenset(people), frozenset(groups)
    return Slot(event_id, starts_at, ends_at, venue, people_, groups_, cancelled, attendance)


def codes(conflicts: list[Conflict]) -> list[str]:
    return [c.code for c in conflicts]


# person_overlap / group_overlap


def test_a_person_in_two_overlapping_events_warns_once_with_the_overlap():
    late = slot(2, "10:30", "12:00", people=(7,))
    early = slot(1, "10:00", "11:00", people=(7, 8))
    assert detect([late, early], {}) == [Conflict(PERSON_OVERLAP, (1, 2), person_id=7, minutes=30)]


def test_touching_events_do_not_overlap():
    events = [slot(1, "10:00", "11:00", people=(7,)), slot(2, "11:00", "12:00", people=(7,))]
    assert detect(events, {}) == []


def test_a_partial_minute_of_overlap_counts_as_a_whole_minute():
    first = slot(1, "10:00", "11:00", people=(7,))
    second = slot(2, first.ends_at - timedelta(seconds=20), "12:00", people=(7,))
    assert [c.minutes for c in detect([first, second], {})] == [1]


def test_each_overlapping_pair_and_each_person_warns():
    events = [
        slot(1, "10:00", "13:00", people=(7, 8)),
        slot(2, "10:30", "11:00", people=(7, 8)),
        slot(3, "12:00", "14:00", people=(7,)),
    ]
    found = detect(events, {})
    assert [(c.event_ids, c.person_id, c.minutes) for c in found] == [
        ((1, 2), 7, 30),
        ((1, 2), 8, 30),
        ((1, 3), 7, 60),
    ]


def test_a_group_in_two_overlapping_events_is_a_group_overlap():
    events = [slot(1, "19:00", "21:00", groups=(4,)), slot(2, "20:00", "20:30", groups=(4,))]
    assert detect(events, {}) == [Conflict(GROUP_OVERLAP, (1, 2), group_id=4, minutes=30)]


def test_different_people_at_the_same_time_do_not_conflict():
    events = [slot(1, "10:00", "11:00", people=(7,)), slot(2, "10:00", "11:00", people=(8,))]
    assert detect(events, {}) == []


def test_a_cancelled_event_overlaps_nothing():
    events = [
        slot(1, "10:00", "11:00", NORTH, people=(7,), groups=(4,), attendance=900),
        slot(2, "10:00", "11:00", NORTH, people=(7,), groups=(4,), cancelled=True),
    ]
    assert detect(events, PLACES, frame=FRAME) == []


def test_wall_clocks_of_different_zones_are_compared_as_moments():
    # 15:00-16:00 in Almaty is 10:00-11:00 UTC: it overlaps 10:30-11:30 UTC by 30 minutes.
    almaty = slot(1, "15:00", "16:00", people=(7,))
    utc = slot(2, at("10:30", zone="UTC"), at("11:30", zone="UTC"), people=(7,))
    assert [c.minutes for c in detect([utc, almaty], {})] == [30]
    # The same moments written with another offset give the same answer.
    local = ZoneInfo(ALMATY)
    shifted = slot(2, utc.starts_at.astimezone(local), utc.ends_at.astimezone(local), people=(7,))
    assert detect([shifted, almaty], {}) == detect([utc, almaty], {})


# venue_overlap / venue_over_capacity: venues booked as rooms


def test_two_events_at_a_venue_without_capacity_overlap():
    events = [slot(1, "10:00", "11:00", NORTH), slot(2, "10:15", "12:00", NORTH)]
    assert detect(events, PLACES) == [
        Conflict(VENUE_OVERLAP, (1, 2), venue_ids=(NORTH,), minutes=45)
    ]


def test_touching_or_separate_venues_do_not_overlap():
    events = [
        slot(1, "10:00", "11:00", NORTH),
        slot(2, "11:00", "12:00", NORTH),
        slot(3, "10:00", "12:00", SOUTH),
        slot(4, "10:00", "12:00", None),
        slot(5, "10:00", "12:00", None),
    ]
    assert detect(events, PLACES) == []


def test_a_venue_missing_from_places_or_with_capacity_zero_is_a_hall_too():
    events = [slot(1, "10:00", "11:00", 40), slot(2, "10:30", "11:00", 40)]
    assert codes(detect(events, {})) == [VENUE_OVERLAP]
    zero = {40: Place(40, None, None, 0)}
    assert codes(detect(events, zero)) == [VENUE_OVERLAP]


def test_a_hall_holds_one_event_at_a_time_whatever_its_capacity():
    """The concert fills 600 seats; a master class of two in the same hall still clashes."""
    hall = {9: Place(9, None, None, 600)}
    events = [
        slot(1, "19:00", "21:00", 9, attendance=3),
        slot(2, "20:00", "20:45", 9, attendance=2),
    ]
    assert detect(events, hall) == [Conflict(VENUE_OVERLAP, (1, 2), venue_ids=(9,), minutes=45)]


def test_one_event_alone_too_big_for_the_hall_warns():
    hall = {9: Place(9, None, None, 100)}
    assert detect([slot(1, "19:00", "21:00", 9, attendance=150)], hall) == [
        Conflict(VENUE_OVER_CAPACITY, (1,), venue_ids=(9,), minutes=120, count=150, limit=100)
    ]
    assert detect([slot(1, "19:00", "21:00", 9, attendance=100)], hall) == []


def test_in_a_hall_each_event_is_measured_alone_beside_the_double_booking():
    hall = {9: Place(9, None, None, 100)}
    events = [
        slot(1, "10:00", "11:00", 9, attendance=60),
        slot(2, "10:30", "11:30", 9, attendance=120),
    ]
    assert detect(events, hall) == [
        Conflict(VENUE_OVERLAP, (1, 2), venue_ids=(9,), minutes=30),
        Conflict(VENUE_OVER_CAPACITY, (2,), venue_ids=(9,), minutes=60, count=120, limit=100),
    ]


def test_a_shared_space_allows_overlaps_within_its_capacity():
    square = {9: Place(9, None, None, 100, shared=True)}
    within = [
        slot(1, "10:00", "11:00", 9, attendance=60),
        slot(2, "10:30", "11:30", 9, attendance=40),
    ]
    assert detect(within, square) == []
    over = [
        slot(1, "10:00", "11:00", 9, attendance=60),
        slot(2, "10:30", "11:30", 9, attendance=41),
    ]
    assert detect(over, square) == [
        Conflict(VENUE_OVER_CAPACITY, (1, 2), venue_ids=(9,), minutes=30, count=101, limit=100)
    ]


def test_a_shared_space_without_a_capacity_takes_any_crowd():
    lobby = {9: Place(9, None, None, None, shared=True)}
    events = [
        slot(1, "10:00", "11:00", 9, attendance=600),
        slot(2, "10:30", "11:30", 9, attendance=400),
    ]
    assert detect(events, lobby) == []


def test_over_capacity_in_a_shared_space_comes_in_episodes_naming_who_was_there():
    square = {9: Place(9, None, None, 100, shared=True)}
    events = [
        slot(1, "10:00", "12:00", 9, attendance=60),
        slot(2, "10:30", "11:00", 9, attendance=50),
        slot(3, "11:00", "11:15", 9, attendance=0),  # within capacity: 60 + 0
        slot(4, "11:30", "12:30", 9, attendance=50),
        slot(5, "11:45", "12:15", 9, attendance=20),
    ]
    found = detect(events, square)
    assert [(c.event_ids, c.minutes, c.count) for c in found] == [
        ((1, 2), 30, 110),
        ((1, 4, 5), 30, 130),  # from 11:30 (1 + 4) to 12:00, when 1 leaves 4 + 5 = 70
    ]


def test_touching_events_never_fill_a_shared_space_together():
    square = {9: Place(9, None, None, 100, shared=True)}
    events = [
        slot(1, "10:00", "11:00", 9, attendance=80),
        slot(2, "11:00", "12:00", 9, attendance=80),
    ]
    assert detect(events, square) == []


def test_one_event_alone_too_big_for_a_shared_space_warns():
    square = {9: Place(9, None, None, 100, shared=True)}
    assert detect([slot(1, "19:00", "21:00", 9, attendance=150)], square) == [
        Conflict(VENUE_OVER_CAPACITY, (1,), venue_ids=(9,), minutes=120, count=150, limit=100)
    ]


def test_cancelled_events_take_no_room():
    hall = {9: Place(9, None, None, 100)}
    events = [
        slot(1, "10:00", "11:00", 9, attendance=60),
        slot(2, "10:30", "11:30", 9, attendance=500, cancelled=True),
    ]
    assert detect(events, hall) == []


# travel_too_short


def test_too_little_time_to_cross_the_city_warns_with_gap_and_need():
    events = [slot(1, "10:00", "11:00", SOUTH, (7,)), slot(2, "11:15", "12:00", NORTH, (7,))]
    assert detect(events, PLACES) == [
        Conflict(
            TRAVEL_TOO_SHORT,
            (1, 2),
            person_id=7,
            venue_ids=(SOUTH, NORTH),
            minutes=15,
            required_minutes=29,
        )
    ]


@pytest.mark.parametrize("gap_ends", ["11:29", "11:30", "13:00"])
def test_enough_time_to_travel_does_not_warn(gap_ends):
    events = [slot(1, "10:00", "11:00", SOUTH, (7,)), slot(2, gap_ends, "14:00", NORTH, (7,))]
    assert detect(events, PLACES) == []


def test_a_gap_is_rounded_down_to_whole_minutes():
    first = slot(1, "10:00", "11:00", SOUTH, (7,))
    second = slot(2, first.ends_at + timedelta(minutes=28, seconds=59), "13:00", NORTH, (7,))
    assert [(c.minutes, c.required_minutes) for c in detect([first, second], PLACES)] == [(28, 29)]


def test_a_faster_city_needs_less_time():
    events = [slot(1, "10:00", "11:00", SOUTH, (7,)), slot(2, "11:15", "12:00", NORTH, (7,))]
    assert detect(events, PLACES, city_speed_kmh=60.0) == []


def test_staff_travel_time_overrides_the_estimate_in_both_directions():
    there = [slot(1, "10:00", "11:00", SOUTH, (7,)), slot(2, "11:15", "12:00", NORTH, (7,))]
    back = [slot(1, "10:00", "11:00", NORTH, (7,)), slot(2, "11:15", "12:00", SOUTH, (7,))]
    for events in (there, back):
        assert detect(events, PLACES, travel_minutes={(NORTH, SOUTH): 10}) == []
        found = detect(events, PLACES, travel_minutes={(SOUTH, NORTH): 20})
        assert [(c.minutes, c.required_minutes) for c in found] == [(15, 20)]


def test_without_coordinates_only_a_staff_time_can_tell():
    events = [slot(1, "10:00", "11:00", SOUTH, (7,)), slot(2, "11:00", "12:00", NOWHERE, (7,))]
    assert detect(events, PLACES) == []
    assert detect(events, {}) == []  # venues unknown altogether
    found = detect(events, PLACES, travel_minutes={(NOWHERE, SOUTH): 5})
    assert [(c.minutes, c.required_minutes) for c in found] == [(0, 5)]


def test_same_venue_no_venue_or_overlap_needs_no_travel():
    same = [slot(1, "10:00", "11:00", NORTH, (7,)), slot(2, "11:00", "12:00", NORTH, (7,))]
    assert detect(same, PLACES) == []
    unplaced = [slot(1, "10:00", "11:00", NORTH, (7,)), slot(2, "11:00", "12:00", None, (7,))]
    assert detect(unplaced, PLACES) == []
    overlapping = [slot(1, "10:00", "11:00", NORTH, (7,)), slot(2, "10:30", "12:00", SOUTH, (7,))]
    assert codes(detect(overlapping, PLACES)) == [PERSON_OVERLAP]


def test_travel_starts_from_the_event_that_ends_last():
    events = [
        slot(1, "09:00", "12:00", SOUTH, (7,)),
        slot(2, "09:30", "10:00", None, (7,)),  # inside the first: an overlap, not a trip
        slot(3, "12:05", "13:00", NORTH, (7,)),
    ]
    found = detect(events, PLACES)
    assert [(c.code, c.event_ids) for c in found] == [
        (PERSON_OVERLAP, (1, 2)),
        (TRAVEL_TOO_SHORT, (1, 3)),
    ]


def test_groups_travel_too_and_each_person_gets_a_warning():
    events = [
        slot(1, "10:00", "11:00", SOUTH, (7, 8), (4,)),
        slot(2, "11:00", "12:00", NORTH, (7, 8), (4,)),
    ]
    found = detect(events, PLACES)
    assert [(c.code, c.person_id, c.group_id) for c in found] == [
        (TRAVEL_TOO_SHORT, 7, None),
        (TRAVEL_TOO_SHORT, 8, None),
        (TRAVEL_TOO_SHORT, None, 4),
    ]


def test_a_cancelled_event_between_two_at_the_same_venue_is_no_trip():
    events = [
        slot(1, "10:00", "11:00", NORTH, (7,)),
        slot(2, "11:00", "11:30", SOUTH, (7,), cancelled=True),
        slot(3, "11:30", "12:00", NORTH, (7,)),
    ]
    assert detect(events, PLACES) == []


# the whole result


def test_warnings_without_events_come_first_then_by_time_and_code():
    presence = Presence(7, None, at("12:00"), at("20:00", FRAME.last_day))
    events = [
        slot(2, "13:00", "14:00", NORTH, (7,)),
        slot(1, "11:00", "13:30", NORTH, (7,)),
    ]
    found = detect(events, PLACES, [presence], [], FRAME)
    assert [(c.code, c.event_ids) for c in found] == [
        (NO_STAY, ()),
        (BEFORE_ARRIVAL, (1,)),
        (PERSON_OVERLAP, (1, 2)),
        (VENUE_OVERLAP, (1, 2)),
    ]


def test_a_live_event_given_twice_is_refused_but_a_cancelled_copy_is_not():
    event = slot(1, "10:00", "11:00", people=(7,))
    with pytest.raises(ValueError, match="twice"):
        detect([event, event], {})
    cancelled = slot(1, "10:00", "11:00", people=(7,), cancelled=True)
    assert detect([event, cancelled], {}) == []


def test_malformed_inputs_are_refused():
    with pytest.raises(ValueError, match="naive"):
        Slot(1, datetime(2025, 4, 21, 10), at("11:00"), None, frozenset(), frozenset())
    with pytest.raises(ValueError, match="end after"):
        Slot(1, at("11:00"), at("11:00"), None, frozenset(), frozenset())
    with pytest.raises(ValueError, match="exactly one"):
        Presence(7, 4, None, None)
    with pytest.raises(ValueError, match="exactly one"):
        Stay(None, None, DAY, DAY)
