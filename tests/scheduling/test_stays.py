"""Accommodation against arrival and departure dates."""

from datetime import date

from visits.scheduling.stays import ARRIVAL, DEPARTURE, closest_booking, mismatches

APRIL_20, APRIL_21, APRIL_22, APRIL_23 = (date(2025, 4, day) for day in (20, 21, 22, 23))


def test_no_booking_at_all_gives_none():
    assert closest_booking([], APRIL_21, APRIL_22) is None


def test_the_closest_booking_wins_and_the_earliest_among_equals():
    far = (date(2025, 3, 1), date(2025, 3, 3))
    near = (APRIL_21, APRIL_23)
    assert closest_booking([far, near], APRIL_21, APRIL_22) == near
    early, late = (APRIL_20, APRIL_22), (APRIL_22, APRIL_22)
    assert closest_booking([late, early], APRIL_21, APRIL_22) == early
    assert closest_booking([late, early], None, None) == early


def test_mismatches_count_nights_without_a_bed_as_positive():
    assert mismatches(APRIL_21, APRIL_22, (APRIL_21, APRIL_22)) == []
    assert mismatches(APRIL_21, APRIL_23, (APRIL_22, APRIL_22)) == [(ARRIVAL, 1), (DEPARTURE, 1)]
    assert mismatches(APRIL_21, APRIL_22, (APRIL_20, APRIL_23)) == [(ARRIVAL, -1), (DEPARTURE, -1)]
    assert mismatches(None, APRIL_22, (APRIL_20, APRIL_22)) == []
    assert mismatches(APRIL_21, None, (APRIL_20, APRIL_22)) == [(ARRIVAL, -1)]
