"""Checks that refuse an event outright (conflicts between events only warn: elsewhere)."""

from dataclasses import dataclass
from datetime import date, datetime

from visits.scheduling.timezones import to_local


@dataclass(frozen=True)
class Problem:
    field: str  # the form field the message belongs beside
    code: str  # a stable key; the interface turns it into words (visits/problems.py)
    # For a field of rows (an event's participants): which row, and the field in it.
    row: int | None = None
    row_field: str | None = None


def event_time_problems(
    starts_at: datetime | None,
    ends_at: datetime | None,
    first_day: date,
    last_day: date,
    zone_name: str,
) -> list[Problem]:
    """Problems with an event's times: missing, ending before it starts, outside the visit.

    Days are compared in the visit's zone, so an event at 01:00 local time on the
    first day is inside the visit even though it is the previous day in UTC.
    """
    problems = []
    if starts_at is None:
        problems.append(Problem("starts_at", "missing_start"))
    if ends_at is None:
        problems.append(Problem("ends_at", "missing_end"))
    if starts_at is None or ends_at is None:
        return problems
    if ends_at <= starts_at:
        problems.append(Problem("ends_at", "ends_before_start"))
    start_day = to_local(starts_at, zone_name).date()
    end_day = to_local(ends_at, zone_name).date()
    if not first_day <= start_day <= last_day:
        problems.append(Problem("starts_at", "outside_visit"))
    # An evening event may run past midnight of the last day; that is still the visit.
    if ends_at > starts_at and (end_day - last_day).days > 1:
        problems.append(Problem("ends_at", "outside_visit"))
    return problems
