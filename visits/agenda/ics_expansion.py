"""How far a recurrence rule would expand, counted lazily before anything is expanded.

A rule of a few bytes can stand for millions of instances (every second of every hour),
so a series is counted one instance at a time and the count stops at the first bound
reached: more instances within the visit's days than one import takes, or more steps
than a rule needs to reach the visit from its start. Only a series within both bounds is
expanded into events.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum

from dateutil.rrule import rrulestr  # type: ignore[import-untyped]

# The most instances a series may step through before the visit's days (a daily meeting
# since 1990 stays well under).
MAX_STEPS = 50_000


class Excess(Enum):
    TOO_MANY = "too_many"  # more instances within the visit than one import takes
    TOO_FAR = "too_far"  # the series starts too long before the visit for its pace


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def count_excess(
    instants: Iterable[datetime], first: datetime, last: datetime, most: int
) -> Excess | None:
    """Whether `instants` (in order) hold more than `most` within [first, last].

    Stops at the first bound reached: at most `most + 1` instances are drawn within the
    window and at most MAX_STEPS before it.
    """
    within = before = 0
    for instant in instants:
        moment = _naive_utc(instant)
        if moment > last:
            return None
        if moment < first:
            before += 1
            if before > MAX_STEPS:
                return Excess.TOO_FAR
            continue
        within += 1
        if within > most:
            return Excess.TOO_MANY
    return None


def rule_excess(
    rule: bytes, start: date | datetime, first: date, last: date, most: int
) -> Excess | None:
    """Whether the rule (RRULE's value) started at `start` expands beyond the bounds.

    The window is taken generously (a day either side) as times here are compared in UTC
    and floating times as they are. ValueError when dateutil cannot read the rule.
    """
    if not isinstance(start, datetime):
        start = datetime.combine(start, time(0))
    text = rule.decode("ascii", errors="replace")
    try:
        instants = rrulestr(text, dtstart=start)
    except ValueError:
        # UNTIL in UTC with a floating start: count without UNTIL, an upper bound.
        parts = [p for p in text.split(";") if not p.upper().startswith("UNTIL=")]
        instants = rrulestr(";".join(parts), dtstart=start)
    return count_excess(
        iter(instants),
        datetime.combine(first - timedelta(days=1), time(0)),
        datetime.combine(last + timedelta(days=2), time(0)),
        most,
    )
