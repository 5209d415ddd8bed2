"""Event operations. They check, then add to the session; the caller commits."""

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from visits.models import Event, Visit
from visits.scheduling.validation import Problem, event_time_problems


class InvalidEvent(ValueError):
    """The event cannot be saved as given; `problems` say which field and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


def check_times(visit: Visit, starts_at: datetime | None, ends_at: datetime | None) -> None:
    problems = event_time_problems(
        starts_at, ends_at, visit.start_date, visit.end_date, visit.timezone
    )
    if problems:
        raise InvalidEvent(problems)


def create_event(session: Session, visit: Visit, **fields: Any) -> Event:
    """A new event of the visit, after its times are checked against the visit."""
    check_times(visit, fields.get("starts_at"), fields.get("ends_at"))
    event = Event(visit=visit, **fields)
    session.add(event)
    session.flush()
    return event
