"""Saved group operations. They check, then change the session; the caller commits."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from visits.editing import InUse, RecordServices, add_new
from visits.events.services import Participant, check_participants
from visits.models import LocalizedText, ParticipantList, ParticipantListEntry
from visits.orm import utcnow


@dataclass(frozen=True)
class SavedGroupValues:
    name: LocalizedText
    participants: Sequence[Participant]


@dataclass(frozen=True)
class SavedGroupUsage:
    """Nothing needs a saved group: events keep the participants it once added."""

    blocks_deletion: bool = False


class SavedGroupInUse(InUse):
    """Never raised: a saved group can always be deleted."""


def create_saved_group(session: Session, values: SavedGroupValues) -> ParticipantList:
    return add_new(session, ParticipantList(), update_saved_group, values)


def _key(entry: ParticipantListEntry) -> tuple[str, int | None]:
    return ("person", entry.person_id) if entry.person_id else ("group", entry.organization_id)


def update_saved_group(saved: ParticipantList, values: SavedGroupValues) -> None:
    """The name, and exactly `values.participants` in that order (each person or group
    once, one of the two per row: InvalidEvent names the row otherwise)."""
    check_participants(values.participants)
    saved.name = values.name
    before = [(_key(e), e.role, e.side, e.position) for e in saved.entries]
    existing = {_key(entry): entry for entry in saved.entries}
    entries = []
    for position, wanted in enumerate(values.participants):
        entry = existing.pop(wanted.key, None) or ParticipantListEntry(
            person_id=wanted.person_id, organization_id=wanted.organization_id
        )
        entry.role, entry.side, entry.position = wanted.role, wanted.side, position
        entries.append(entry)
    saved.entries = entries
    if saved.id is not None and before != [(_key(e), e.role, e.side, e.position) for e in entries]:
        # The entries live in their own rows: touch the group so that its version grows.
        saved.updated_at = utcnow()


def usage_of(_session: Session, _saved: ParticipantList) -> SavedGroupUsage:
    return SavedGroupUsage()


def delete_saved_group(session: Session, saved: ParticipantList) -> None:
    session.delete(saved)
    session.flush()


SERVICES = RecordServices(
    create_saved_group, update_saved_group, delete_saved_group, SavedGroupInUse, usage_of
)
