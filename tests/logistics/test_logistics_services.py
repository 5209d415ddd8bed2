"""The overlap rule of arrivals and departures: pure, no app."""

from datetime import UTC, datetime

from visits.logistics.services import overlap


def utc(day: int, hour: int) -> datetime:
    return datetime(2025, 4, day, hour, tzinfo=UTC)


def test_an_arrival_before_every_departure_is_fine():
    assert overlap("arrival", utc(21, 3), [("departure", utc(22, 15))]) is None


def test_an_arrival_at_or_after_a_departure_clashes_with_the_earliest_one():
    others = [("departure", utc(22, 15)), ("departure", utc(21, 20))]
    assert overlap("arrival", utc(23, 3), others) == utc(21, 20)
    assert overlap("arrival", utc(21, 20), others) == utc(21, 20)


def test_a_departure_at_or_before_an_arrival_clashes_with_the_latest_one():
    others = [("arrival", utc(21, 3)), ("arrival", utc(21, 9))]
    assert overlap("departure", utc(21, 2), others) == utc(21, 9)
    assert overlap("departure", utc(21, 9), others) == utc(21, 9)
    assert overlap("departure", utc(21, 10), others) is None


def test_movements_of_the_same_direction_never_clash():
    assert overlap("arrival", utc(21, 3), [("arrival", utc(21, 9))]) is None
    assert overlap("departure", utc(21, 3), [("departure", utc(21, 9))]) is None
