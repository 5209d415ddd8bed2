"""A visit's history made readable: one row per user action (a change set), its records
by title, related records by name, coded values by their translated labels, times in the
visit's zone, and an event's participants under the event."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import Enum, select
from sqlalchemy.orm import Session

from visits.audit import title_of
from visits.i18n import current_language, zone_city
from visits.labels import audit_action_label, entity_label, field_label, label
from visits.models import AuditAction, AuditEntry, ChangeSet, LocalizedText
from visits.models.base import Model
from visits.scheduling.timezones import to_local
from visits.visits.history_queries import latest_titles

# Where each kind of record can be seen; the argument is the record's id.
PAGES = {
    "visits": ("visits.show", "visit_id"),
    "events": ("events.edit", "event_id"),
    "delegations": ("delegations.show", "delegation_id"),
    "people": ("people.edit", "person_id"),
    "organizations": ("organizations.edit", "organization_id"),
    "venues": ("venues.edit", "venue_id"),
}
PARTICIPANTS = "event_participants"
# Fields the page leaves out: the visit (the page is the visit's), what a record's title
# says already (a participant's person or group), and what only calendars read.
UNSHOWN_EVERYWHERE = {"visit_id"}
UNSHOWN = {
    PARTICIPANTS: {"event_id", "person_id", "organization_id"},
    "delegation_members": {"delegation_id", "person_id", "organization_id"},
    "events": {"uid", "sequence"},
}
# Fields whose name means something else in a record of this kind.
RENAMED = {(PARTICIPANTS, "position"): "position_order"}


@dataclass
class EntryRow:
    entry: AuditEntry
    title: str
    url: str | None
    changes: list[tuple[str, str | None, str | None]]  # field, old, new
    participants: list["EntryRow"] = field(default_factory=list)

    @property
    def action(self) -> str:
        return audit_action_label(self.entry.action)

    @property
    def kind(self) -> str:
        return entity_label(self.entry.entity_type)


@dataclass
class ChangeSetRow:
    change_set: ChangeSet
    at: datetime  # in the visit's zone
    summary: str  # empty when the one record listed says it all
    entries: list[EntryRow]

    @property
    def label(self) -> str:
        """What the action was, in one line (the name of its «Undo» button)."""
        if self.summary or not self.entries:
            return self.summary
        first = self.entries[0]
        return _("%(action)s · %(kind)s «%(title)s»", **_parts(first))


def title_text(title: Any) -> str | None:
    """A logged title in the reader's language."""
    if isinstance(title, dict):
        return LocalizedText(**title).get(current_language()) or None
    return str(title) if title else None


def models() -> dict[str, Any]:
    return {mapper.class_.__tablename__: mapper.class_ for mapper in Model.registry.mappers}


class Names:
    """Names of the records the entries name, read once for a page: from the records that
    still exist, else from the last title the log gave them (ids are never reused)."""

    def __init__(self, session: Session, wanted: dict[str, set[int]]) -> None:
        self.names: dict[tuple[str, int], str] = {}
        self.existing: set[tuple[str, int]] = set()
        kinds = models()
        for table, ids in wanted.items():
            model = kinds.get(table)
            if model is None or not ids:
                continue
            for record in session.scalars(select(model).where(model.id.in_(ids))):
                self.existing.add((table, record.id))
                self.names[(table, record.id)] = title_text(title_of(session, record)) or ""
            for ident, title in session.execute(latest_titles(table, ids - self._ids(table))):
                self.names[(table, ident)] = title_text(title) or ""

    def _ids(self, table: str) -> set[int]:
        return {ident for kind, ident in self.existing if kind == table}

    def name(self, table: str, ident: int) -> str:
        return self.names.get((table, ident)) or f"{entity_label(table)} #{ident}"


def _referred(model: Any, key: str) -> str | None:
    """The table a field of `model` refers to (`venue_id` → `venues`), if any."""
    column = model.__table__.c.get(key)
    if column is None or not column.foreign_keys:
        return None
    return next(iter(column.foreign_keys)).column.table.name


def wanted_names(entries: Iterable[AuditEntry]) -> dict[str, set[int]]:
    """The records whose names a page of entries needs: their own and those they refer to."""
    kinds = models()
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        wanted.setdefault(entry.entity_type, set()).add(entry.entity_id)
        model = kinds.get(entry.entity_type)
        for key, values in entry.changes.items():
            table = _referred(model, key) if model is not None else None
            if table is not None:
                wanted.setdefault(table, set()).update(v for v in values if isinstance(v, int))
    return wanted


# Columns holding a time zone's IANA name: shown by the zone's city in the reader's language.
ZONE_COLUMNS = {"timezone", "home_timezone"}


def _city(zone_name: str) -> str:
    try:
        return zone_city(zone_name)
    except LookupError:  # a name the time zone database no longer knows
        return zone_name


def readable(value: Any, zone: str, column: Any = None, names: Names | None = None) -> str | None:
    """A logged value as people read it: a moment as «21.04.2025 19:00» in the zone, a day
    as «21.04.2025», a code by its label, a related record by its name, a zone by its city."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "✓" if value else "—"
    if column is not None:
        if column.foreign_keys and names is not None and isinstance(value, int):
            return names.name(next(iter(column.foreign_keys)).column.table.name, value)
        if column.name in ZONE_COLUMNS and isinstance(value, str):
            return _city(value)
        kind = column.type
        if isinstance(kind, Enum) and kind.enum_class is not None:
            try:
                member = kind.enum_class(value)
            except ValueError:
                return str(value)
            return label(member) if isinstance(member, StrEnum) else str(value)
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            return f"{to_local(moment, zone):%d.%m.%Y %H:%M}"
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        try:
            return f"{date.fromisoformat(value):%d.%m.%Y}"
        except ValueError:
            return value
    return str(value)


def entry_row(entry: AuditEntry, zone: str, names: Names) -> EntryRow:
    model = models().get(entry.entity_type)
    columns: Any = model.__table__.c if model is not None else {}
    hidden = UNSHOWN_EVERYWHERE | UNSHOWN.get(entry.entity_type, set())
    changes = [
        (
            field_label(RENAMED.get((entry.entity_type, key), key)),
            readable(old, zone, columns.get(key), names),
            readable(new, zone, columns.get(key), names),
        )
        for key, (old, new) in entry.changes.items()
        if key not in hidden
    ]
    key = (entry.entity_type, entry.entity_id)
    title = title_text(entry.entity_title) or names.name(*key)
    page = PAGES.get(entry.entity_type)
    url = None
    if page and key in names.existing:
        arguments: dict[str, Any] = {page[1]: entry.entity_id}
        url = url_for(page[0], **arguments)
    return EntryRow(entry, title, url, changes)


def summary_of(change_set: ChangeSet, rows: list[EntryRow], zone: str) -> str:
    """The line that says what the action was: the caller's summary, the undo it was, or
    its first record (and how many more)."""
    if change_set.summary:
        return change_set.summary
    if change_set.undoes is not None:
        when = f"{to_local(change_set.undoes.at, zone):%d.%m.%Y %H:%M}"
        return _("Undo of the change made at %(when)s", when=when)
    if len(rows) < 2:
        return ""
    first = rows[0]
    return ngettext(
        "%(first)s and %(num)d more record",
        "%(first)s and %(num)d more records",
        len(rows) - 1,
        first=_("%(action)s · %(kind)s «%(title)s»", **_parts(first)),
    )


def _parts(row: EntryRow) -> dict[str, str]:
    return {"action": row.action, "kind": row.kind, "title": row.title}


def change_set_rows(
    session: Session, change_sets: list[ChangeSet], entries: list[AuditEntry], zone: str
) -> list[ChangeSetRow]:
    """Rows of the page: each change set with its entries, participants under their
    event (an event whose own fields did not change still heads them)."""
    names = Names(session, wanted_names(entries))
    by_set: dict[int, list[AuditEntry]] = {}
    for entry in entries:
        by_set.setdefault(entry.change_set_id, []).append(entry)
    result = []
    for change_set in change_sets:
        made = [entry_row(entry, zone, names) for entry in by_set.get(change_set.id, [])]
        events = {row.entry.entity_id: row for row in made if row.entry.entity_type == "events"}
        rows: list[EntryRow] = []
        for row in made:
            event = events.get(row.entry.event_id or 0)
            if row.entry.entity_type == PARTICIPANTS and event is not None:
                event.participants.append(row)
            else:
                rows.append(row)
        rows = [row for row in rows if not _empty(row)]
        result.append(
            ChangeSetRow(
                change_set,
                to_local(change_set.at, zone),
                summary_of(change_set, rows, zone),
                rows,
            )
        )
    return result


def _empty(row: EntryRow) -> bool:
    """An event logged only because its version grew, with no participant shown under it."""
    return row.entry.action is AuditAction.UPDATE and not row.changes and not row.participants
