"""Changes to several events at once: shift the rest of a day, and shift, move, cancel,
copy or delete a selection of events, or copy a whole day.

Each is all or nothing: every event is changed through the same services as its form
(`update_event`, `create_event`, so the same checks and the same SEQUENCE rule), and if
one of them would become invalid the whole change is refused with a `BulkRefused` whose
problems name each event concerned. Nothing is committed here: the caller commits once
(one user action, one transaction); `bulk_flow` previews and applies.

A change reads a set of events (the selection, the rest of the day, the source day) and
says which in `Outcome.versions`; applying a change previewed earlier passes them back as
`expected`, and a set that differs (an event edited, added or deleted meanwhile) is a
`StaleSelection`: nothing is changed, and the caller shows the preview again.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from visits.editing import StaleEdit, changes_since
from visits.events.queries import events_by_ids, events_on_day
from visits.events.services import (
    COPIED_FIELDS,
    InvalidEvent,
    cancel_event,
    create_event,
    participants_of,
    update_event,
)
from visits.models import Event, EventStatus, LocalizedText, Visit
from visits.scheduling.timezones import to_local, to_utc
from visits.scheduling.validation import Problem

SHIFT = "shift"
SHIFT_LATER = "shift_later"
MOVE = "move"
CANCEL = "cancel"
COPY = "copy"
DELETE = "delete"
COPY_DAY = "copy_day"
ACTIONS = (SHIFT, MOVE, COPY, CANCEL, DELETE)  # what a selection offers, in this order
MAX_SHIFT_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class BulkRequest:
    """What the user asked for: an action, the events it applies to, and its argument."""

    action: str
    event_ids: tuple[int, ...] = ()  # the selection; for SHIFT_LATER the first event
    minutes: int | None = None  # SHIFT, SHIFT_LATER
    day: date | None = None  # the target day: MOVE, COPY, COPY_DAY
    source_day: date | None = None  # COPY_DAY


@dataclass(frozen=True)
class Times:
    starts_at: datetime
    ends_at: datetime
    status: EventStatus


@dataclass(frozen=True)
class Change:
    """What happens to one event: moved, cancelled, copied (`before` is None: a new event,
    `event_id` its original) or deleted (`after` is None)."""

    action: str
    event_id: int
    title: LocalizedText
    before: Times | None
    after: Times | None


@dataclass(frozen=True)
class Outcome:
    changes: tuple[Change, ...]
    versions: dict[int, int] = field(default_factory=dict)  # every event read: id → version


@dataclass(frozen=True)
class EventProblem:
    """Why the change is refused: for one event (named) or for the request as a whole."""

    code: str
    event_id: int | None = None
    title: LocalizedText | None = None
    starts_at: datetime | None = None


class BulkRefused(ValueError):
    def __init__(self, problems: list[EventProblem]) -> None:
        super().__init__(", ".join(f"{p.event_id}: {p.code}" for p in problems))
        self.problems = problems


class StaleSelection(StaleEdit):
    """The events of a previewed change were edited, added or deleted since."""


def parse_versions(text: str) -> dict[int, int]:
    """`"12:3,14:1"` (as a preview carries them) → {12: 3, 14: 1}; anything else → {}."""
    try:
        pairs = [item.split(":") for item in text.split(",") if item]
        return {int(event_id): int(version) for event_id, version in pairs}
    except ValueError:
        return {}


def format_versions(versions: Mapping[int, int]) -> str:
    return ",".join(f"{event_id}:{version}" for event_id, version in sorted(versions.items()))


def run(
    session: Session, visit: Visit, request: BulkRequest, expected: Mapping[int, int] | None = None
) -> Outcome:
    """Make the change in the session (flushed, not committed) and say what it did."""
    events = _events_read(session, visit, request)
    versions = {event.id: event.version_id for event in events}
    if expected is not None and versions != dict(expected):
        raise _stale(session, visit, events, expected)
    _check_request(request, events)
    changes = _changes(session, visit, request, events)
    if not changes:
        raise BulkRefused([EventProblem("nothing_changes")])
    session.flush()
    return Outcome(tuple(changes), versions)


def _events_read(session: Session, visit: Visit, request: BulkRequest) -> list[Event]:
    if request.action == COPY_DAY:
        if request.source_day is None:
            return []
        return [e for e in session.scalars(events_on_day(visit, request.source_day))]
    chosen = list(session.scalars(events_by_ids(visit.id, request.event_ids)))
    if request.action != SHIFT_LATER or not chosen:
        return chosen
    first = chosen[0]
    day = to_local(first.starts_at, visit.timezone).date()
    return [first, *later_events(session, visit, day, first.starts_at, first.id)]


def later_events(
    session: Session, visit: Visit, day: date, since: datetime, but: int | None = None
) -> list[Event]:
    """The events of `day` (local) that start at `since` or later and are not cancelled, in
    order, less the event `but`: what «this and every later event» moves with it."""
    return [
        e
        for e in session.scalars(events_on_day(visit, day))
        if e.id != but and e.starts_at >= since and not e.is_cancelled
    ]


def _check_request(request: BulkRequest, events: Sequence[Event]) -> None:
    code = None
    if request.action not in (*ACTIONS, SHIFT_LATER, COPY_DAY):
        code = "unknown_action"
    elif request.action in (SHIFT, SHIFT_LATER) and not request.minutes:
        code = "no_minutes"
    elif request.action in (SHIFT, SHIFT_LATER) and abs(request.minutes or 0) > MAX_SHIFT_MINUTES:
        code = "too_many_minutes"
    elif request.action in (MOVE, COPY, COPY_DAY) and request.day is None:
        code = "no_day"
    elif request.action == COPY_DAY and request.day == request.source_day:
        code = "same_day"
    elif request.action == COPY_DAY and not any(not e.is_cancelled for e in events):
        code = "nothing_to_copy"
    elif not events:
        code = "nothing_selected"
    if code:
        raise BulkRefused([EventProblem(code)])


def _changes(
    session: Session, visit: Visit, request: BulkRequest, events: Sequence[Event]
) -> list[Change]:
    """Apply the action to each event; collect every event's problem before refusing."""
    changes, problems = [], []
    for event in events:
        try:
            change = _change_one(session, visit, request, event)
        except InvalidEvent as invalid:
            problems += [_named(event, problem.code) for problem in invalid.problems]
        else:
            if change is not None:
                changes.append(change)
    if problems:
        raise BulkRefused(problems)
    return changes


def _change_one(
    session: Session, visit: Visit, request: BulkRequest, event: Event
) -> Change | None:
    before = _times(event)
    action = request.action
    if action in (SHIFT, SHIFT_LATER):
        shift = timedelta(minutes=request.minutes or 0)
        changes = {"starts_at": event.starts_at + shift, "ends_at": event.ends_at + shift}
        update_event(session, event, changes)
        return Change("moved", event.id, event.title, before, _times(event))
    if action == CANCEL:
        if event.is_cancelled:
            return None
        cancel_event(session, event)
        return Change("cancelled", event.id, event.title, before, _times(event))
    if action == DELETE:
        session.delete(event)
        return Change("deleted", event.id, event.title, before, None)
    assert request.day is not None  # checked in _check_request
    if action == MOVE:
        if to_local(event.starts_at, visit.timezone).date() == request.day:
            return None  # already on that day
        update_event(session, event, _on_day(event, request.day, visit.timezone))
        return Change("moved", event.id, event.title, before, _times(event))
    if action == COPY_DAY and event.is_cancelled:
        return None  # a cancelled event is not copied with its day
    if to_local(event.starts_at, visit.timezone).date() == request.day:
        raise InvalidEvent([_problem("same_day")])
    copy = create_event(
        session,
        visit,
        participants_of(event),
        status=EventStatus.TENTATIVE,
        **_on_day(event, request.day, visit.timezone),
        **{name: getattr(event, name) for name in COPIED_FIELDS},
    )
    return Change("copied", event.id, event.title, None, _times(copy))


def _on_day(event: Event, day: date, zone_name: str) -> dict[str, datetime]:
    """The event's times on `day` at the same wall-clock times (its length may differ by
    an hour across a change of offset; an evening past midnight still ends the next day)."""
    start = to_local(event.starts_at, zone_name)
    shift = day - start.date()

    def moved(moment: datetime) -> datetime:
        local = to_local(moment, zone_name)
        return to_utc(local.date() + shift, local.time(), zone_name)

    return {"starts_at": moved(event.starts_at), "ends_at": moved(event.ends_at)}


def _times(event: Event) -> Times:
    return Times(event.starts_at, event.ends_at, event.status)


def _problem(code: str) -> Problem:
    return Problem("day", code)


def _named(event: Event, code: str) -> EventProblem:
    return EventProblem(code, event.id, event.title, event.starts_at)


def _stale(
    session: Session, visit: Visit, events: Sequence[Event], expected: Mapping[int, int]
) -> StaleSelection:
    changed = [e for e in events if expected.get(e.id) != e.version_id]
    if changed:
        record = changed[0]
        return StaleSelection(record, changes_since(session, record, expected.get(record.id)))
    return StaleSelection(visit, [])
