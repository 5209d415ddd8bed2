"""Visit operations; the caller owns the transaction."""

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visits.models import Event, FeedToken, Movement, Stay, Visit
from visits.scheduling.timezones import to_local, to_utc
from visits.scheduling.validation import Problem


class InvalidVisit(ValueError):
    """The visit cannot be saved as given; `problems` say which field and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


def check_dates(first: date | None, last: date | None) -> None:
    """The last day of a visit is not before its first."""
    if first is not None and last is not None and last < first:
        raise InvalidVisit([Problem("end_date", "last_day_before_first")])


def create_visit(session: Session, **fields: Any) -> Visit:
    check_dates(fields.get("start_date"), fields.get("end_date"))
    visit = Visit(**fields)
    session.add(visit)
    session.flush()
    return visit


def update_visit(session: Session, visit: Visit, **fields: Any) -> None:
    """Apply the form's values. When the zone changes, the wall-clock times staff entered
    stay as they were (10:00 stays 10:00 in the new zone): the stored moments move."""
    check_dates(fields.get("start_date", visit.start_date), fields.get("end_date", visit.end_date))
    new_zone = fields.get("timezone", visit.timezone)
    if new_zone != visit.timezone:
        _keep_wall_clock(session, visit, visit.timezone, new_zone)
    for key, value in fields.items():
        setattr(visit, key, value)


def _keep_wall_clock(session: Session, visit: Visit, old: str, new: str) -> None:
    def moved(moment):
        local = to_local(moment, old)
        return to_utc(local.date(), local.time(), new)

    events = session.scalars(select(Event).where(Event.visit_id == visit.id))
    for event in events:
        event.starts_at, event.ends_at = moved(event.starts_at), moved(event.ends_at)
        event.sequence += 1
    for movement in session.scalars(select(Movement).where(Movement.visit_id == visit.id)):
        movement.at = moved(movement.at)


def deletion_consequences(session: Session, visit: Visit) -> dict[str, int]:
    """How many records go with the visit when it is deleted."""

    def count(model) -> int:
        found = session.scalar(
            select(func.count()).select_from(model).where(model.visit_id == visit.id)
        )
        return found or 0

    return {
        "events": count(Event),
        "movements": count(Movement),
        "stays": count(Stay),
        "feeds": count(FeedToken),
    }
