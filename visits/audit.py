"""The audit log, written by the session itself: every create, change and delete of an
audited record is recorded with who did it, the record's title, and the old and new value
of each field.

Every transaction that writes audited rows is one change set (one user action: an event
saved with its participants, a drag, a bulk shift): made on its first audited flush and
forgotten when the transaction ends. Views only say who is acting (`act_as`); no service
has to remember to log, and a caller may add a summary line (`describe_change`).
"""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from flask import Flask
from flask_login import current_user
from sqlalchemy import insert, inspect, update
from sqlalchemy.orm import Mapper, Session, SessionTransaction, UOWTransaction

from visits.extensions import db, listen_once
from visits.models import (
    AuditAction,
    AuditEntry,
    ChangeSet,
    Event,
    EventParticipant,
    LocalizedText,
    Organization,
    Person,
    Venue,
)
from visits.models.base import Model
from visits.orm import utcnow

# Keys of `Session.info`: who acts, the transaction's change set and what it is.
USER = "audit_user_id"
CHANGE_SET = "audit_change_set"
CHANGE_SET_TRANSACTION = "audit_change_set_transaction"
DESCRIPTION = "audit_change_description"

# Columns that change on every save or must never be copied into a log.
SKIPPED = {
    "id",
    "version_id",
    "created_at",
    "updated_at",
    "password_hash",
    "token",
    "token_hash",
    "last_used_at",
    "feed_version",
    "feed_changed_at",
    "session_version",
    "status_before_cancel",  # kept for restoring; the status itself is logged
}


def init_app(app: Flask) -> None:
    """Log every flush of the app's session, and say who acts in each request."""
    listen_once(db.session, "after_flush", _record)
    listen_once(db.session, "after_commit", _forget_change_set)
    listen_once(db.session, "after_soft_rollback", _forget_rolled_back)
    for mapper in Model.registry.mappers:
        _keep_old_values(mapper.class_)
    app.before_request(_act_as_current_user)


def _act_as_current_user() -> None:
    if current_user and current_user.is_authenticated:
        act_as(db.session(), current_user.id)


def act_as(session: Session, user_id: int | None) -> None:
    session.info[USER] = user_id


def describe_change(
    session: Session, summary: str | None = None, *, undoes: ChangeSet | None = None
) -> None:
    """Say what the transaction's change set is: a summary line for the history, and the
    change set it reverts. Call it before or after the changes, before the commit."""
    description = session.info.setdefault(DESCRIPTION, {})
    if summary is not None:
        description["summary"] = summary[:300]
    if undoes is not None:
        description["undoes_id"] = undoes.id
    change_set_id = session.info.get(CHANGE_SET)
    if change_set_id is not None:
        session.connection().execute(
            update(ChangeSet).where(ChangeSet.id == change_set_id).values(**description)
        )


def current_change_set(session: Session) -> int | None:
    """The id of the change set the transaction writes, once it has written audited rows."""
    return session.info.get(CHANGE_SET)


def _forget_change_set(session: Session) -> None:
    for key in (CHANGE_SET, CHANGE_SET_TRANSACTION, DESCRIPTION):
        session.info.pop(key, None)


def _forget_rolled_back(session: Session, previous: SessionTransaction) -> None:
    """The end of the transaction forgets its change set; a rolled back savepoint forgets
    it only when the change set's row was inserted inside it."""
    if previous.parent is None:
        _forget_change_set(session)
        return
    made_in = session.info.get(CHANGE_SET_TRANSACTION)
    while made_in is not None and made_in is not previous:
        made_in = made_in.parent
    if made_in is previous:
        session.info.pop(CHANGE_SET, None)
        session.info.pop(CHANGE_SET_TRANSACTION, None)


def plain(value: Any) -> Any:
    """A value as JSON can hold it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def entity_type(obj: Any) -> str:
    return obj.__tablename__


def _columns(obj: Any):
    return [attr for attr in inspect(obj).mapper.column_attrs if attr.key not in SKIPPED]


def _snapshot(obj: Any) -> dict[str, list[Any]]:
    return {
        attr.key: [None, plain(getattr(obj, attr.key))]
        for attr in _columns(obj)
        if getattr(obj, attr.key) is not None
    }


def _changes(obj: Any) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes = {}
    for attr in _columns(obj):
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if plain(old) != plain(new):
            changes[attr.key] = [plain(old), plain(new)]
    return changes


def _deleted(obj: Any) -> dict[str, list[Any]]:
    return {key: [new, None] for key, (_, new) in _snapshot(obj).items()}


def _touched(obj: Any) -> bool:
    """Whether an UPDATE was written for `obj` though no logged field changed (a record
    touched so that its version grows: an event whose participants changed)."""
    state = inspect(obj)
    if state.mapper.version_id_col is None:
        return False
    return any(state.attrs[attr.key].history.has_changes() for attr in state.mapper.column_attrs)


# Where a record's title is read: its own text, else the person, group or hotel it names.
_TITLES = ("title", "name", "full_name")
_NAMED_BY = (("person_id", Person), ("organization_id", Organization), ("hotel_id", Venue))


def title_of(session: Session, obj: Any) -> Any:
    """The record's title as the log keeps it: {"ru": …, "kk": …, "en": …}, text, or None."""
    for name in _TITLES:
        value = getattr(obj, name, None)
        if isinstance(value, LocalizedText) and value:
            return {lang: text for lang, text in vars(value).items() if text}
        if isinstance(value, str) and value:
            return value
    for key, model in _NAMED_BY:
        related_id = getattr(obj, key, None)
        if related_id is not None:
            related = session.get(model, related_id)
            return title_of(session, related) if related is not None else None
    return getattr(obj, "email", None) or getattr(obj, "number", None)


def _is_audited(obj: Any) -> bool:
    """Whether changes of `obj` (a record or a model class) are logged."""
    return hasattr(obj, "audit_scope") or getattr(obj, "__audited__", False)


def _keep_old_values(class_: type) -> None:
    """Load a field's old value before it is replaced, even when it was expired (after a
    commit), so that the log always has both sides of a change."""
    if not _is_audited(class_):
        return
    mapper: Mapper[Any] = inspect(class_)
    for attr in mapper.column_attrs:
        if attr.key not in SKIPPED:
            listen_once(getattr(class_, attr.key), "set", _unchanged, active_history=True)


def _unchanged(_target, value, _old, _initiator):
    return value


def _gone(deleted: list[Any]) -> set[tuple[str, Any]]:
    """Visits and delegations deleted in this flush: log rows cannot point at them."""
    return {
        (entity_type(obj), obj.id)
        for obj in deleted
        if entity_type(obj) in ("visits", "delegations")
    }


def _record(session: Session, flush_context: UOWTransaction) -> None:
    rows = _rows(session, _deleted_in(session, flush_context))
    if rows:
        change_set_id = _change_set(session, rows)
        session.connection().execute(
            insert(AuditEntry), [row | {"change_set_id": change_set_id} for row in rows]
        )


def _change_set(session: Session, rows: list[dict[str, Any]]) -> int:
    """The transaction's change set: made on its first audited flush."""
    visit_id = next((row["visit_id"] for row in rows if row["visit_id"] is not None), None)
    change_set_id = session.info.get(CHANGE_SET)
    if change_set_id is None:
        values = {"at": utcnow(), "user_id": session.info.get(USER), "visit_id": visit_id}
        result = session.connection().execute(
            insert(ChangeSet).values(**values, **session.info.get(DESCRIPTION, {}))
        )
        key = result.inserted_primary_key
        assert key is not None  # an INSERT of one row
        change_set_id = session.info[CHANGE_SET] = key[0]
        session.info[CHANGE_SET_TRANSACTION] = (
            session.get_nested_transaction() or session.get_transaction()
        )
    elif visit_id is not None:
        session.connection().execute(
            update(ChangeSet)
            .where(ChangeSet.id == change_set_id, ChangeSet.visit_id.is_(None))
            .values(visit_id=visit_id)
        )
    return change_set_id


def _deleted_in(session: Session, flush_context: UOWTransaction) -> list[Any]:
    """The records the flush deleted: those the session was asked to delete, and the
    orphans the flush removed from their parent (a participant taken off an event)."""
    deleted = dict.fromkeys(session.deleted)
    for state, (is_delete, list_only) in flush_context.states.items():
        if is_delete and not list_only and state.obj() is not None:
            deleted[state.obj()] = None
    return list(deleted)


def _scope(session: Session, obj: Any) -> dict[str, Any]:
    """The visit or delegation an entry belongs to; a participant taken off its event (it
    no longer names the event in memory) still belongs to the event's visit."""
    scope = obj.audit_scope() if hasattr(obj, "audit_scope") else {}
    if isinstance(obj, EventParticipant) and scope.get("visit_id") is None and obj.event_id:
        event = session.get(Event, obj.event_id)
        scope["visit_id"] = event.visit_id if event is not None else None
    return scope


def _rows(session: Session, deleted: list[Any]) -> list[dict[str, Any]]:
    rows = []
    gone = _gone(deleted)
    for action, objects, describe in (
        (AuditAction.CREATE, session.new, _snapshot),
        (AuditAction.UPDATE, session.dirty, _changes),
        (AuditAction.DELETE, deleted, _deleted),
    ):
        for obj in objects:
            if not _is_audited(obj):
                continue
            changes = describe(obj)
            if action is AuditAction.UPDATE and not changes and not _touched(obj):
                continue
            scope = _scope(session, obj)
            if ("visits", scope.get("visit_id")) in gone:
                scope["visit_id"] = None
            if ("delegations", scope.get("delegation_id")) in gone:
                scope["delegation_id"] = None
            rows.append(
                {
                    "at": utcnow(),
                    "user_id": session.info.get(USER),
                    "visit_id": scope.get("visit_id"),
                    "delegation_id": scope.get("delegation_id"),
                    "entity_type": entity_type(obj),
                    "entity_id": obj.id,
                    "entity_title": title_of(session, obj),
                    "event_id": obj.event_id if isinstance(obj, EventParticipant) else None,
                    "entity_version": getattr(obj, "version_id", None),
                    "action": action,
                    "changes": changes,
                }
            )
    return rows
