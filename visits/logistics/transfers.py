"""Arrivals and departures shown as transfer rows in a visit's schedule.

Pure: movements in (any objects with `at`, `direction`, `mode`, `show_as_transfer`),
rows out; no database, no Flask.

A movement is a moment; a row in the schedule is a span. The span is chosen as what the
protocol staff are busy with:

- an arrival row STARTS at the arrival time (landing, the train pulling in) and lasts
  while the guests are met, collect their luggage and leave: 45 minutes for a flight,
  30 for a train, 15 by car, bus or otherwise;
- a departure row ENDS at the departure time and starts earlier by the time to drive to
  the airport or the station and check in: 2 hours before a flight, 1 hour before a
  train, 30 minutes before a car or bus leaves (the send-off).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from visits.scheduling.days import Row, make_row

ARRIVAL = "arrival"
DEPARTURE = "departure"

ARRIVAL_MINUTES = {"flight": 45, "train": 30}
ARRIVAL_MINUTES_OTHERWISE = 15
DEPARTURE_LEAD_MINUTES = {"flight": 120, "train": 60}
DEPARTURE_LEAD_MINUTES_OTHERWISE = 30


@dataclass(frozen=True)
class Transfer:
    """A movement as a span of the schedule; `starts_at`/`ends_at` as events have them."""

    movement: Any
    starts_at: datetime
    ends_at: datetime
    is_transfer = True

    @property
    def is_arrival(self) -> bool:
        return self.movement.direction == ARRIVAL


def span(direction: str, mode: str, at: datetime) -> tuple[datetime, datetime]:
    """(start, end) of the row of a movement at `at`, by the rule in the module docstring."""
    if direction == ARRIVAL:
        minutes = ARRIVAL_MINUTES.get(mode, ARRIVAL_MINUTES_OTHERWISE)
        return at, at + timedelta(minutes=minutes)
    minutes = DEPARTURE_LEAD_MINUTES.get(mode, DEPARTURE_LEAD_MINUTES_OTHERWISE)
    return at - timedelta(minutes=minutes), at


def transfers(movements: Iterable[Any]) -> list[Transfer]:
    """The movements marked to show as transfers, as items for `group_by_day`."""
    return [Transfer(m, *span(m.direction, m.mode, m.at)) for m in movements if m.show_as_transfer]


def transfer_rows(movements: Iterable[Any], zone: str, home_zone: str | None) -> list[Row]:
    """Schedule rows (visits.scheduling.days.Row, `item` a Transfer) ordered by start.

    To merge them into the day grouping, pass `transfers(movements)` along with the
    events to `group_by_day`: a Transfer reads like an event (`starts_at`, `ends_at`).
    """
    rows = [make_row(t, zone, home_zone) for t in transfers(movements)]
    return sorted(rows, key=lambda row: (row.starts, row.ends))
