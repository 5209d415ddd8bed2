"""The audit log, written by the session itself: every create, change and delete of an
audited record is recorded with who did it and the old and new value of each field.

Views only say who is acting (`act_as`); no service has to remember to log.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from flask import Flask
from flask_login import current_user
from sqlalchemy import insert, inspect
from sqlalchemy.orm import Mapper, Session

from visits.extensions import db, listen_once
from visits.models import AuditAction, AuditEntry
from visits.models.base import Model
from visits.orm import utcnow

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
    for mapper in Model.registry.mappers:
        _keep_old_values(mapper.class_)
    app.before_request(_act_as_current_user)


def _act_as_current_user() -> None:
    if current_user and current_user.is_authenticated:
        act_as(db.session(), current_user.id)


def act_as(session: Session, user_id: int | None) -> None:
    session.info["audit_user_id"] = user_id


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


def _gone(session: Session) -> set[tuple[str, Any]]:
    """Visits and delegations deleted in this flush: log rows cannot point at them."""
    return {
        (entity_type(obj), obj.id)
        for obj in session.deleted
        if entity_type(obj) in ("visits", "delegations")
    }


def _record(session: Session, _flush_context) -> None:
    rows = []
    gone = _gone(session)
    for action, objects, describe in (
        (AuditAction.CREATE, session.new, _snapshot),
        (AuditAction.UPDATE, session.dirty, _changes),
        (AuditAction.DELETE, session.deleted, _deleted),
    ):
        for obj in objects:
            if not _is_audited(obj):
                continue
            changes = describe(obj)
            if action is AuditAction.UPDATE and not changes:
                continue
            scope = obj.audit_scope() if hasattr(obj, "audit_scope") else {}
            if ("visits", scope.get("visit_id")) in gone:
                scope["visit_id"] = None
            if ("delegations", scope.get("delegation_id")) in gone:
                scope["delegation_id"] = None
            rows.append(
                {
                    "at": utcnow(),
                    "user_id": session.info.get("audit_user_id"),
                    "visit_id": scope.get("visit_id"),
                    "delegation_id": scope.get("delegation_id"),
                    "entity_type": entity_type(obj),
                    "entity_id": obj.id,
                    "entity_version": getattr(obj, "version_id", None),
                    "action": action,
                    "changes": changes,
                }
            )
    if rows:
        session.connection().execute(insert(AuditEntry), rows)
