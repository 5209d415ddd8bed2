"""Transfer rows of the schedule, from movements: pure, no app."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from visits.logistics.transfers import span, transfer_rows, transfers
from visits.scheduling.days import group_by_day


@dataclass
class FakeMovement:
    at: datetime
    direction: str = "arrival"
    mode: str = "flight"
    show_as_transfer: bool = True


@dataclass
class FakeEvent:
    starts_at: datetime
    ends_at: datetime


def utc(hour: int, minute: int = 0, day: int = 21) -> datetime:
    return datetime(2025, 4, day, hour, minute, tzinfo=UTC)


def test_an_arrival_row_starts_at_landing_and_lasts_for_the_meeting():
    assert span("arrival", "flight", utc(3, 40)) == (utc(3, 40), utc(4, 25))
    assert span("arrival", "train", utc(3, 40)) == (utc(3, 40), utc(4, 10))
    assert span("arrival", "car", utc(3, 40)) == (utc(3, 40), utc(3, 55))


def test_a_departure_row_ends_at_take_off_and_starts_with_the_drive():
    assert span("departure", "flight", utc(15)) == (utc(13), utc(15))
    assert span("departure", "train", utc(15)) == (utc(14), utc(15))
    assert span("departure", "bus", utc(15)) == (utc(14, 30), utc(15))


def test_only_movements_marked_as_transfers_make_rows():
    shown = FakeMovement(utc(3, 40))
    hidden = FakeMovement(utc(5), show_as_transfer=False)
    assert [t.movement for t in transfers([shown, hidden])] == [shown]


def test_rows_carry_local_and_home_times_in_order():
    late = FakeMovement(utc(15), direction="departure")
    early = FakeMovement(utc(3, 40))
    rows = transfer_rows([late, early], "Asia/Almaty", "Asia/Barnaul")
    assert [row.item.movement for row in rows] == [early, late]
    arrival = rows[0]
    assert (arrival.starts.hour, arrival.starts.minute) == (8, 40)  # Almaty, UTC+5
    assert (arrival.ends.hour, arrival.ends.minute) == (9, 25)
    assert (arrival.home_starts.hour, arrival.home_starts.minute) == (10, 40)  # Barnaul, UTC+7
    departure = rows[1]
    assert (departure.starts.hour, departure.ends.hour) == (18, 20)


def test_no_home_time_when_the_clocks_agree():
    (row,) = transfer_rows([FakeMovement(utc(3, 40))], "Asia/Almaty", "Asia/Almaty")
    assert row.home_starts is None and row.home_ends is None


def test_transfers_group_by_day_together_with_events():
    meeting = FakeEvent(utc(5), utc(6, 30))
    items = [meeting, *transfers([FakeMovement(utc(3, 40)), FakeMovement(utc(20), "departure")])]
    days = group_by_day(items, "Asia/Almaty", "Asia/Barnaul", days=[date(2025, 4, 21)])
    assert [d.date for d in days] == [date(2025, 4, 21)]
    kinds = [getattr(row.item, "is_transfer", False) for row in days[0].rows]
    # 08:40 arrival, 10:00 meeting, 23:00 drive to a 01:00 flight: on the day it starts.
    assert kinds == [True, False, True]
