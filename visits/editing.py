"""Saving an edit safely: a form loaded at an older version than the record's is refused,
and the editor is shown what changed in between (from the audit log)."""

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import NotFound

from visits.audit import entity_type
from visits.models import AuditEntry

T = TypeVar("T")
V = TypeVar("V")


class StaleEdit(Exception):
    """Someone saved the record after this form was loaded."""

    def __init__(self, record: Any, entries: list[AuditEntry]) -> None:
        super().__init__(f"{entity_type(record)} {record.id} changed since it was loaded")
        self.record = record
        self.entries = entries


def changes_since(session: Session, record: Any, version: int | None) -> list[AuditEntry]:
    """The logged changes of `record` that made versions newer than `version`."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity_type(record), AuditEntry.entity_id == record.id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    if version is not None:
        query = query.where(AuditEntry.entity_version > version)
    return list(session.scalars(query))


def check_version(session: Session, record: Any, loaded: int | None) -> None:
    """Refuse the edit when the form's version is not the record's current one."""
    if loaded is None or loaded != record.version_id:
        raise StaleEdit(record, changes_since(session, record, loaded))


def commit(session: Session, record: Any | None = None, loaded: int | None = None) -> None:
    """Commit the user's action; a concurrent save that won the race becomes a StaleEdit."""
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        if record is None:
            raise
        current = session.get(type(record), record.id, populate_existing=True)
        if current is None:  # deleted meanwhile
            raise NotFound() from None
        raise StaleEdit(current, changes_since(session, current, loaded)) from None


def commit_change(session: Session, record: Any, loaded: int | None, change) -> None:
    """Apply `change()` to `record` and commit, unless it was loaded at version `loaded`
    and has changed since: then StaleEdit, and nothing is written."""
    check_version(session, record, loaded)
    change()
    commit(session, record, loaded)


def save_edit(session: Session, record: Any, form: Any, change) -> StaleEdit | None:
    """Apply `change()` to `record` and commit, unless the form was loaded at an older
    version. On a stale edit nothing is written, the form is re-armed at the current
    version (saving again is then a deliberate choice) and the StaleEdit is returned."""
    try:
        commit_change(session, record, form.loaded_version(), change)
    except StaleEdit as stale:
        session.rollback()
        form.version_id.data = stale.record.version_id
        return stale
    return None


class InUse(Exception):
    """A record other records still need; `usage` says which (the page names them)."""

    def __init__(self, usage: Any) -> None:
        super().__init__(f"{type(self).__name__}: the record is in use")
        self.usage = usage


@dataclass(frozen=True)
class RecordServices:
    """The services of a kind of record: `create(session, values)`, `update(record,
    values)`, `delete(session, record)` (raising `in_use` when other records still need
    it) and `usage(session, record)` (what needs it)."""

    create: Callable[[Session, Any], Any]
    update: Callable[[Any, Any], None]
    delete: Callable[[Session, Any], None]
    in_use: type[InUse]
    usage: Callable[[Session, Any], Any]


def assign(record: Any, values: Any) -> None:
    """Set every field of the dataclass `values` on the record, by name."""
    for field in fields(values):
        setattr(record, field.name, getattr(values, field.name))


def add_new(session: Session, record: T, update: Callable[[T, V], None], values: V) -> T:
    """A new record filled by the area's `update` service, added and flushed (so it has
    its id); the caller commits."""
    update(record, values)
    session.add(record)
    session.flush()
    return record
