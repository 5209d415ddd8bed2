"""The days of a visit as its page lists them: how many events and warnings each has,
read from the per-visit conflict cache (no event loaded)."""

from dataclasses import dataclass
from datetime import date

from visits.models import Visit
from visits.scheduling.days import date_range
from visits.visits.conflict_cache import VisitConflicts
from visits.visits.warnings import same_problem


@dataclass(frozen=True)
class DaySummary:
    date: date
    events: int
    warnings: int


def day_summaries(visit: Visit, found: VisitConflicts) -> list[DaySummary]:
    """Every date of the visit (and any other date an event starts on), in order, with
    the number of its events and of the distinct warnings involving them."""
    events = found.event_counts()
    problems: dict[date, set[tuple]] = {}
    for conflict in found.conflicts:
        for day in found.days_of(conflict):
            problems.setdefault(day, set()).add(same_problem(conflict))
    dates = sorted({*date_range(visit.start_date, visit.end_date), *events})
    return [DaySummary(d, events.get(d, 0), len(problems.get(d, ()))) for d in dates]


def warned_days(days: list[DaySummary], shown: date) -> list[DaySummary]:
    """The other days that have warnings."""
    return [d for d in days if d.warnings and d.date != shown]
