"""Arrivals, departures and stays: checks first, then changes to the session; the caller
commits. Times come in as a local date and wall-clock time in the visit's zone."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from visits.models import Direction, Movement, Stay, Visit
from visits.scheduling.timezones import to_utc

# A date further than this from the visit's first or last day is taken for a typo.
WINDOW_DAYS = 3

Record = TypeVar("Record", Movement, Stay)


@dataclass(frozen=True)
class Problem:
    field: str  # the form field the message belongs beside
    code: str  # a stable key; the form turns it into words
    moment: datetime | None = None  # the other movement, for an overlap


class InvalidLogistics(ValueError):
    """The arrival, departure or stay cannot be saved as given."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


def far_from_visit(visit: Visit, day: date) -> bool:
    window = timedelta(days=WINDOW_DAYS)
    return not visit.start_date - window <= day <= visit.end_date + window


def overlap(
    direction: str, at: datetime, others: Iterable[tuple[str, datetime]]
) -> datetime | None:
    """The moment of another movement of the same traveller that this one contradicts:
    an arrival must come before every departure, a departure after every arrival."""
    if direction == Direction.ARRIVAL:
        clashes = [
            moment for kind, moment in others if kind == Direction.DEPARTURE and moment <= at
        ]
        return min(clashes, default=None)
    clashes = [moment for kind, moment in others if kind == Direction.ARRIVAL and moment >= at]
    return max(clashes, default=None)


def movement_problems(
    visit: Visit,
    movement: Movement | None,
    member_id: int | None,
    direction: Direction,
    day: date,
    wall: time,
) -> list[Problem]:
    if far_from_visit(visit, day):
        return [Problem("day", "far_from_visit")]
    at = to_utc(day, wall, visit.timezone)
    others = [
        (m.direction, m.at)
        for m in visit.movements
        if m is not movement and m.member_id == member_id
    ]
    clash = overlap(direction, at, others)
    if clash is None:
        return []
    code = "arrival_after_departure" if direction == Direction.ARRIVAL else "departure_first"
    return [Problem("time", code, clash)]


def _checked(problems: list[Problem]) -> None:
    """Refuse a change that breaks a rule: InvalidLogistics with every problem found."""
    if problems:
        raise InvalidLogistics(problems)


def _added(session: Session, record: Record) -> Record:
    """Add a new movement or stay and flush it, so that it has its id."""
    session.add(record)
    session.flush()
    return record


def _assign(record: Movement | Stay, fields: dict[str, Any]) -> None:
    """Set only the fields that differ, so that an unchanged record is not made dirty."""
    for name, value in fields.items():
        if getattr(record, name) != value:
            setattr(record, name, value)


def _movement_at(
    visit: Visit, movement: Movement | None, day: date, wall: time, fields: dict[str, Any]
) -> datetime:
    """The movement's moment in UTC, once its rules are checked (see `movement_problems`)."""
    member_id = fields.get("member_id")
    _checked(movement_problems(visit, movement, member_id, fields["direction"], day, wall))
    return to_utc(day, wall, visit.timezone)


def create_movement(
    session: Session, visit: Visit, *, day: date, wall: time, **fields: Any
) -> Movement:
    at = _movement_at(visit, None, day, wall, fields)
    return _added(session, Movement(visit=visit, at=at, **fields))


def update_movement(
    visit: Visit, movement: Movement, *, day: date, wall: time, **fields: Any
) -> None:
    fields["at"] = _movement_at(visit, movement, day, wall, fields)
    _assign(movement, fields)


def stay_problems(visit: Visit, check_in: date, check_out: date) -> list[Problem]:
    problems = [
        Problem(name, "far_from_visit")
        for name, day in (("check_in", check_in), ("check_out", check_out))
        if far_from_visit(visit, day)
    ]
    if check_out <= check_in:
        problems.append(Problem("check_out", "check_out_not_after_check_in"))
    return problems


def create_stay(session: Session, visit: Visit, **fields: Any) -> Stay:
    _checked(stay_problems(visit, fields["check_in"], fields["check_out"]))
    return _added(session, Stay(visit=visit, **fields))


def update_stay(visit: Visit, stay: Stay, **fields: Any) -> None:
    _checked(stay_problems(visit, fields["check_in"], fields["check_out"]))
    _assign(stay, fields)
