"""A schedule grouped by day in the visit's zone, with the delegation's home time beside."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from visits.scheduling.timezones import to_local

# The days a visit may fall on: far enough for any plan, and keeping the date arithmetic
# of its schedule (the day after the last, the zone's offsets) within the calendar.
FIRST_PLANNABLE_DAY, LAST_PLANNABLE_DAY = date(1900, 1, 1), date(2199, 12, 31)


@dataclass(frozen=True)
class Row:
    item: Any
    starts: datetime
    ends: datetime
    home_starts: datetime | None  # None when the home clock reads the same as the local one
    home_ends: datetime | None


@dataclass(frozen=True)
class Day:
    date: date
    rows: tuple[Row, ...]


class Timed(Protocol):
    """Anything with a start and an end: an event, or a movement shown as a row."""

    @property
    def starts_at(self) -> datetime: ...

    @property
    def ends_at(self) -> datetime: ...


def _starts(item: Timed) -> datetime:
    return item.starts_at


def _ends(item: Timed) -> datetime:
    return item.ends_at


def make_row(
    item: Any,
    zone_name: str,
    home_zone: str | None,
    starts: Callable[[Any], datetime] = _starts,
    ends: Callable[[Any], datetime] = _ends,
) -> Row:
    local_start = to_local(starts(item), zone_name)
    local_end = to_local(ends(item), zone_name)
    home_start = home_end = None
    if home_zone:
        candidate = to_local(starts(item), home_zone)
        if candidate.utcoffset() != local_start.utcoffset():
            home_start = candidate
            home_end = to_local(ends(item), home_zone)
    return Row(item, local_start, local_end, home_start, home_end)


def date_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def group_by_day(
    items: Iterable[Any],
    zone_name: str,
    home_zone: str | None = None,
    *,
    days: Iterable[date] = (),
    starts: Callable[[Any], datetime] = _starts,
    ends: Callable[[Any], datetime] = _ends,
) -> list[Day]:
    """Rows ordered by start, one Day per local date of a start.

    `days` are dates that appear even when nothing happens on them (the visit's
    dates); an item that runs past midnight stays on the day it starts.
    """
    by_day: dict[date, list[Row]] = {day: [] for day in days}
    for item in items:
        row = make_row(item, zone_name, home_zone, starts, ends)
        by_day.setdefault(row.starts.date(), []).append(row)
    return [
        Day(day, tuple(sorted(rows, key=lambda r: (r.starts, r.ends))))
        for day, rows in sorted(by_day.items())
    ]
