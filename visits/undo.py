"""Undoing a change set: every record it wrote goes back to what it was before, in one
transaction, all or nothing; the undo is itself a change set that names the one it undid.

Records it created are deleted, records it deleted come back with their old id and values
(an event with its participants), changed fields take their old values. Events go through
the event services, so their times are checked against the visit and their SEQUENCE only
grows; feed versions move with the flush as for any change. The undo is refused when a
record has changed since (a later entry in the log, or another version), when the change
set is undone already, or when going back would break a rule of the data.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, DateTime, Enum, Numeric, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from visits.audit import current_change_set, describe_change
from visits.events.services import EDITABLE_FIELDS, InvalidEvent, check_times, update_event
from visits.models import AuditAction, AuditEntry, ChangeSet, Event, EventParticipant, Visit
from visits.models.base import Model
from visits.orm import utcnow

# Records whose secrets the log never holds: a change of them cannot be undone from it.
NOT_UNDOABLE = frozenset({"users", "api_tokens"})


class CannotUndo(Exception):
    """The change set cannot be undone: `code` says why, `titles` name the records concerned
    (as the log keeps titles), `problems` carry an event rule's problem codes."""

    def __init__(self, code: str, titles: list[Any] | None = None, problems=()) -> None:
        super().__init__(code)
        self.code = code
        self.titles = titles or []
        self.problems = list(problems)


@dataclass
class RecordChange:
    """What one change set did to one record, net of its entries."""

    entity_type: str
    entity_id: int
    title: Any
    created: bool = False  # it did not exist before the change set
    deleted: bool = False  # it does not exist after it
    before: dict[str, Any] = field(default_factory=dict)  # field → value before (as logged)
    version: int | None = None  # the record's version the change set left
    last_entry_id: int = 0
    event_id: int | None = None  # a participant's event

    @property
    def key(self) -> tuple[str, int]:
        return self.entity_type, self.entity_id


def net_changes(entries: list[AuditEntry]) -> list[RecordChange]:
    """Per record, in the order the log met them: created, deleted, and each changed field's
    value before the first entry that changed it."""
    changes: dict[tuple[str, int], RecordChange] = {}
    for entry in sorted(entries, key=lambda e: e.id):
        key = (entry.entity_type, entry.entity_id)
        change = changes.get(key)
        if change is None:
            change = changes[key] = RecordChange(*key, entry.entity_title)
            change.created = entry.action is AuditAction.CREATE
        if entry.action is AuditAction.DELETE:
            change.deleted = True
        if entry.action is not AuditAction.CREATE:
            for name, (old, _new) in entry.changes.items():
                change.before.setdefault(name, old)
        change.version = entry.entity_version
        change.last_entry_id = entry.id
        change.event_id = entry.event_id or change.event_id
        change.title = entry.entity_title or change.title
    return list(changes.values())


def undo(session: Session, change_set: ChangeSet) -> ChangeSet:
    """Revert `change_set` in the session (the caller commits); returns it, marked undone."""
    if change_set.is_undone:
        raise CannotUndo("already_undone")
    changes = [c for c in net_changes(change_set.entries) if not (c.created and c.deleted)]
    refused = [c.title for c in changes if c.entity_type in NOT_UNDOABLE]
    if refused:
        raise CannotUndo("not_undoable", refused)
    _check_unchanged_since(session, change_set, changes)
    describe_change(session, undoes=change_set)
    models = _models()
    order = {table.name: index for index, table in enumerate(Model.metadata.sorted_tables)}
    by_parents_first = sorted(changes, key=lambda c: order[c.entity_type])
    try:
        for change in reversed(by_parents_first):
            if change.created:
                _remove(session, models[change.entity_type], change)
        for change in by_parents_first:
            if change.deleted:
                _recreate(session, models[change.entity_type], change)
            elif not change.created:
                _restore(session, models[change.entity_type], change)
        _touch_events_of_participants(session, changes)
        session.flush()
    except InvalidEvent as invalid:
        raise CannotUndo("invalid", problems=[p.code for p in invalid.problems]) from None
    except IntegrityError:
        raise CannotUndo("breaks_rule") from None
    _mark_undone(session, change_set)
    return change_set


def _models() -> dict[str, Any]:
    return {mapper.class_.__tablename__: mapper.class_ for mapper in Model.registry.mappers}


def _check_unchanged_since(session: Session, change_set: ChangeSet, changes) -> None:
    """Refuse when a record of the change set was logged again since, or is at another
    version than the one the change set left (or is gone)."""
    stale = []
    by_type: dict[str, list[int]] = {}
    for change in changes:
        by_type.setdefault(change.entity_type, []).append(change.entity_id)
    later = session.execute(
        select(AuditEntry.entity_type, AuditEntry.entity_id, AuditEntry.id).where(
            AuditEntry.change_set_id != change_set.id,
            or_(
                *(
                    (AuditEntry.entity_type == kind) & AuditEntry.entity_id.in_(ids)
                    for kind, ids in by_type.items()
                )
            ),
        )
    ).all()
    latest: dict[tuple[str, int], int] = {}
    for kind, ident, entry_id in later:
        latest[(kind, ident)] = max(latest.get((kind, ident), 0), entry_id)
    models = _models()
    for change in changes:
        if latest.get(change.key, 0) > change.last_entry_id:
            stale.append(change.title)
        elif not change.deleted:
            record = session.get(models[change.entity_type], change.entity_id)
            version = getattr(record, "version_id", None)
            if record is None or (change.version is not None and version != change.version):
                stale.append(change.title)
    if stale:
        raise CannotUndo("changed_since", stale)


def from_logged(column: Any, value: Any) -> Any:
    """A logged (JSON) value back as the column holds it."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Enum) and kind.enum_class is not None:
        return kind.enum_class(value)
    if isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Numeric) and isinstance(value, str):
        return Decimal(value)
    return value


def _values(model: Any, logged: dict[str, Any]) -> dict[str, Any]:
    columns = {attr.key: attr.columns[0] for attr in model.__mapper__.column_attrs}
    return {
        key: from_logged(columns[key], value) for key, value in logged.items() if key in columns
    }


def _remove(session: Session, model: Any, change: RecordChange) -> None:
    record = session.get(model, change.entity_id)
    if record is not None:
        session.delete(record)


def _recreate(session: Session, model: Any, change: RecordChange) -> None:
    values = _values(model, change.before)
    if model is Event:
        # Back in the delegates' calendars as a newer version of what they removed.
        values["sequence"] = values.get("sequence", 0) + 1
        visit = session.get(Visit, values.get("visit_id"))
        if visit is not None:
            check_times(visit, values.get("starts_at"), values.get("ends_at"))
    session.add(model(id=change.entity_id, **values))


def _restore(session: Session, model: Any, change: RecordChange) -> None:
    record: Any = session.get(model, change.entity_id)
    values = _values(model, change.before)
    if model is Event:
        update_event(session, record, _event_changes(record, values))
        return
    for key, value in values.items():
        setattr(record, key, value)


def _event_changes(event: Event, values: dict[str, Any]) -> dict[str, Any]:
    """Column values of an event as the event service takes them: a text's language
    variants joined into its composite (`title_kk` → `title`)."""
    changes = {key: value for key, value in values.items() if key in EDITABLE_FIELDS}
    for composite in Event.__mapper__.composites:
        keys = [column.key for column in composite.columns]
        if any(key in values for key in keys):
            current = composite.composite_class(
                *(getattr(event, column.key) for column in composite.columns)
            )
            parts = [
                values.get(column.key, part)
                for column, part in zip(
                    composite.columns, current.__composite_values__(), strict=True
                )
            ]
            changes[composite.key] = composite.composite_class(*parts)
    return changes


def _touch_events_of_participants(session: Session, changes: list[RecordChange]) -> None:
    """An event whose participants came back or went: its version grows (optimistic
    locking tells an editor holding an older form). Events removed or recreated apart."""
    events = Event.__tablename__
    whole = {c.entity_id for c in changes if c.entity_type == events and (c.created or c.deleted)}
    touched = {
        c.event_id
        for c in changes
        if c.entity_type == EventParticipant.__tablename__ and c.event_id not in whole
    }
    for event_id in touched - {None}:
        event = session.get(Event, event_id)
        if event is not None:
            event.updated_at = utcnow()


def _mark_undone(session: Session, change_set: ChangeSet) -> None:
    """Mark the change set undone by this transaction's; refused if another undo won."""
    undone_by = current_change_set(session)
    if undone_by is None:  # nothing was written: the change set changed nothing that lasts
        raise CannotUndo("nothing_to_undo")
    result = session.execute(
        update(ChangeSet)
        .where(ChangeSet.id == change_set.id, ChangeSet.undone_by_id.is_(None))
        .values(undone_by_id=undone_by)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise CannotUndo("already_undone")
    session.expire(change_set, ["undone_by_id"])
