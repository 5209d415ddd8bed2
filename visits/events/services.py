"""Event operations. They check, then change the session; the caller commits.

The SEQUENCE rule: a calendar client replaces its copy of an event only when the
SEQUENCE grows, so it grows by one on every saved change a delegate sees in the feed:
the start, the end, being all-day, the place, the status or the title. Other fields (description,
notes, dress code, visibility, participants, internal notes) keep it as it is.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from visits.models import (
    Event,
    EventParticipant,
    EventStatus,
    MemberRole,
    ParticipantRole,
    Side,
    Visit,
)
from visits.orm import utcnow
from visits.scheduling.validation import Problem, event_time_problems

# The fields whose change a delegate sees: changing any of them bumps the SEQUENCE.
VISIBLE_FIELDS = frozenset({"starts_at", "ends_at", "is_all_day", "venue_id", "status", "title"})
# A restored event takes back the status it had when it was cancelled (the event keeps
# it); an event that was cancelled from the start comes back as tentative.
RESTORED_STATUS = EventStatus.TENTATIVE
# Copied to a duplicate or a copied day; uid, sequence and times are the copy's own, and a
# copy is tentative until staff confirm it (it may well double-book until it is moved).
COPIED_FIELDS = (
    "kind",
    "is_all_day",
    "title",
    "description",
    "venue_id",
    "visibility",
    "dress_code",
    "notes",
    "internal_notes",
    "responsible_id",
    "vehicles",
)
EDITABLE_FIELDS = frozenset({*COPIED_FIELDS, "status", "starts_at", "ends_at"})


class InvalidEvent(ValueError):
    """The event cannot be saved as given; `problems` say which field and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Participant:
    """One participant as entered: a person or an organization/group, never both."""

    person_id: int | None
    organization_id: int | None
    role: ParticipantRole
    side: Side

    @property
    def key(self) -> tuple[str, int | None]:
        return ("person", self.person_id) if self.person_id else ("group", self.organization_id)


def check_times(visit: Visit, starts_at: datetime | None, ends_at: datetime | None) -> None:
    problems = event_time_problems(
        starts_at, ends_at, visit.start_date, visit.end_date, visit.timezone
    )
    if problems:
        raise InvalidEvent(problems)


def check_participants(participants: Sequence[Participant]) -> None:
    """Each row names exactly one person or group, and nobody comes twice.

    A problem names its row and the field in it: `person_id` when a row names both or
    neither, else the field that repeats an earlier row.
    """
    problems = []
    seen: set[tuple[str, int | None]] = set()
    for row, participant in enumerate(participants):
        if (participant.person_id is None) == (participant.organization_id is None):
            problems.append(Problem("participants", "person_or_group", row, "person_id"))
        elif participant.key in seen:
            field = "person_id" if participant.person_id is not None else "organization_id"
            problems.append(Problem("participants", "duplicate_participant", row, field))
        seen.add(participant.key)
    if problems:
        raise InvalidEvent(problems)


def create_event(
    session: Session,
    visit: Visit,
    participants: Sequence[Participant] = (),
    **fields: Any,
) -> Event:
    """A new event of the visit, after its times are checked against the visit."""
    check_times(visit, fields.get("starts_at"), fields.get("ends_at"))
    check_participants(participants)
    event = Event(visit=visit, **fields)
    session.add(event)
    _apply_participants(event, participants)
    session.flush()
    return event


def update_event(
    session: Session,
    event: Event,
    changes: Mapping[str, Any],
    participants: Sequence[Participant] | None = None,
) -> Event:
    """Apply `changes` (field → value) and, when given, the participants in order.

    Times are checked against the visit when they are among the changes (so an event
    that new visit dates left outside can still be cancelled). The SEQUENCE grows by
    one when a field a delegate sees changes (VISIBLE_FIELDS).
    """
    refused = set(changes) - EDITABLE_FIELDS
    if refused:  # the UID, SEQUENCE and visit are never edited
        raise ValueError(f"fields that cannot be changed here: {sorted(refused)}")
    if "starts_at" in changes or "ends_at" in changes:
        check_times(
            event.visit,
            changes.get("starts_at", event.starts_at),
            changes.get("ends_at", event.ends_at),
        )
    if participants is not None:
        check_participants(participants)
    visible = any(
        name in VISIBLE_FIELDS and getattr(event, name) != value for name, value in changes.items()
    )
    _remember_status(event, changes.get("status", event.status))
    for name, value in changes.items():
        setattr(event, name, value)
    if participants is not None and set_participants(session, event, participants):
        # Participants live in their own rows: touch the event so that its version
        # grows and an editor holding an older form is told (optimistic locking).
        event.updated_at = utcnow()
    if visible:
        event.sequence += 1
    # No flush here: the version check of the UPDATE happens at the caller's commit,
    # which turns a lost race into StaleEdit.
    return event


def set_participants(session: Session, event: Event, participants: Sequence[Participant]) -> bool:
    """Make the event's participants exactly `participants`, in that order.

    A person or group already taking part keeps their row (only role, side and order
    change); the others are removed or added. Returns whether anything changed.
    """
    check_participants(participants)
    before = [(_key(p), p.role, p.side, p.position) for p in event.participants]
    _apply_participants(event, participants)
    return before != [(_key(p), p.role, p.side, p.position) for p in event.participants]


def _apply_participants(event: Event, participants: Sequence[Participant]) -> None:
    existing = {_key(row): row for row in event.participants}
    rows = []
    for position, wanted in enumerate(participants):
        row = existing.pop(wanted.key, None) or EventParticipant(
            person_id=wanted.person_id, organization_id=wanted.organization_id
        )
        row.role, row.side, row.position = wanted.role, wanted.side, position
        rows.append(row)
    event.participants = rows


def _key(row: EventParticipant) -> tuple[str, int | None]:
    return ("person", row.person_id) if row.person_id else ("group", row.organization_id)


def participants_of(event: Event) -> list[Participant]:
    return [Participant(p.person_id, p.organization_id, p.role, p.side) for p in event.participants]


def move_event(session: Session, event: Event, new_start: datetime) -> Event:
    """Move the event to start at `new_start` (aware); it lasts as long as before."""
    duration = event.ends_at - event.starts_at
    return update_event(session, event, {"starts_at": new_start, "ends_at": new_start + duration})


def cancel_event(session: Session, event: Event) -> Event:
    """Mark the event cancelled; it stays in the schedule and the feeds, struck through."""
    return update_event(session, event, {"status": EventStatus.CANCELLED})


def restore_event(session: Session, event: Event) -> Event:
    """Undo a cancellation: the event takes back the status it had before it."""
    if not event.is_cancelled:
        return event
    return update_event(session, event, {"status": event.status_before_cancel or RESTORED_STATUS})


def _remember_status(event: Event, new_status: EventStatus) -> None:
    """Keep the status a cancelled event had; forget it once the event is live again."""
    if new_status is EventStatus.CANCELLED:
        if not event.is_cancelled:
            event.status_before_cancel = event.status
    else:
        event.status_before_cancel = None


# The part a delegation member plays in an event when the whole delegation is added.
ROLE_OF_MEMBER = {
    MemberRole.PERFORMER: ParticipantRole.PERFORMER,
    MemberRole.INTERPRETER: ParticipantRole.INTERPRETER,
    MemberRole.STAFF: ParticipantRole.STAFF,
    MemberRole.SECURITY: ParticipantRole.STAFF,
    MemberRole.PRESS: ParticipantRole.PRESS,
}


def delegation_participants(visit: Visit) -> list[Participant]:
    """The visit's delegation as participants, in its order of precedence, on the guest
    side: its head and members as guests, performers, interpreters and the press as what
    they are."""
    members = visit.delegation.members if visit.delegation is not None else []
    return [
        Participant(
            member.person_id,
            member.organization_id,
            ROLE_OF_MEMBER.get(member.role, ParticipantRole.GUEST),
            Side.GUEST,
        )
        for member in members
    ]


def host_participants(visit: Visit) -> list[Participant]:
    """The host side of the visit: its host organization, as host."""
    if visit.host_organization_id is None:
        return []
    return [Participant(None, visit.host_organization_id, ParticipantRole.HOST, Side.HOST)]


def added_participants(
    listed: Sequence[Participant], wanted: Sequence[Participant]
) -> list[Participant]:
    """`wanted` less those already `listed` (a person or group never comes twice)."""
    keys = {participant.key for participant in listed}
    return [participant for participant in wanted if participant.key not in keys]
