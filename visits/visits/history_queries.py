"""Query builders for a visit's history: its change sets, filtered, and what they wrote."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import selectinload

from visits.models import AuditEntry, ChangeSet, User, Visit


@dataclass(frozen=True)
class HistoryFilter:
    """Which change sets to list: touching one record, made by one staff member, between
    two moments (UTC, the end excluded). None: any."""

    entity_type: str | None = None
    entity_id: int | None = None
    user_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def in_visit(visit: Visit) -> ColumnElement[bool]:
    """The entries of the visit, its events and logistics, and its delegation."""
    scope = AuditEntry.visit_id == visit.id
    if visit.delegation_id is not None:
        scope = or_(scope, AuditEntry.delegation_id == visit.delegation_id)
    return scope


def visit_change_sets(visit: Visit, wanted: HistoryFilter = HistoryFilter()) -> Select[Any]:
    """Change sets that wrote entries of the visit (of the record asked for), newest first."""
    entries = in_visit(visit)
    if wanted.entity_type is not None:
        record = and_(
            AuditEntry.entity_type == wanted.entity_type,
            AuditEntry.entity_id == wanted.entity_id,
        )
        if wanted.entity_type == "events":  # its participants are part of it
            record = or_(record, AuditEntry.event_id == wanted.entity_id)
        entries = and_(entries, record)
    query = (
        select(ChangeSet)
        .where(ChangeSet.id.in_(select(AuditEntry.change_set_id).where(entries)))
        .options(selectinload(ChangeSet.user))
        .order_by(ChangeSet.id.desc())
    )
    if wanted.user_id is not None:
        query = query.where(ChangeSet.user_id == wanted.user_id)
    if wanted.since is not None:
        query = query.where(ChangeSet.at >= wanted.since)
    if wanted.until is not None:
        query = query.where(ChangeSet.at < wanted.until)
    return query


def entries_of(visit: Visit, change_set_ids: list[int]) -> Select[Any]:
    """The visit's entries of those change sets, in the order they were written."""
    return (
        select(AuditEntry)
        .where(AuditEntry.change_set_id.in_(change_set_ids), in_visit(visit))
        .order_by(AuditEntry.id)
    )


def records_in_history(visit: Visit) -> Select[Any]:
    """Each record the visit's history names, with the title its latest entry gave it:
    (entity_type, entity_id, title), newest records first."""
    latest = (
        select(func.max(AuditEntry.id))
        .where(in_visit(visit), AuditEntry.entity_type != "event_participants")
        .group_by(AuditEntry.entity_type, AuditEntry.entity_id)
    )
    return (
        select(AuditEntry.entity_type, AuditEntry.entity_id, AuditEntry.entity_title)
        .where(AuditEntry.id.in_(latest))
        .order_by(AuditEntry.entity_type, AuditEntry.entity_id.desc())
    )


def staff_in_history(visit: Visit) -> Select[Any]:
    """The staff members who made changes of the visit."""
    makers = select(ChangeSet.user_id).where(
        ChangeSet.id.in_(select(AuditEntry.change_set_id).where(in_visit(visit)))
    )
    return select(User).where(User.id.in_(makers)).order_by(User.email)


def latest_titles(entity_type: str, ids: set[int]) -> Select[Any]:
    """The last title the log gave each of these records: (entity_id, title)."""
    latest = (
        select(func.max(AuditEntry.id))
        .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id.in_(ids))
        .where(AuditEntry.entity_title.is_not(None))
        .group_by(AuditEntry.entity_id)
    )
    return select(AuditEntry.entity_id, AuditEntry.entity_title).where(AuditEntry.id.in_(latest))
