"""Audit entries made readable: times in the visit's zone, moments written as people write
them, and a link to the record where it still has a page."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import url_for

from visits.models import AuditEntry
from visits.scheduling.timezones import to_local

# Where each kind of record can be seen; the argument is the record's id.
PAGES = {
    "visits": ("visits.show", "visit_id"),
    "events": ("events.edit", "event_id"),
    "delegations": ("delegations.show", "delegation_id"),
    "people": ("people.edit", "person_id"),
    "organizations": ("organizations.edit", "organization_id"),
    "venues": ("venues.edit", "venue_id"),
}


@dataclass(frozen=True)
class HistoryRow:
    entry: AuditEntry
    at: datetime  # in the visit's zone
    url: str | None
    changes: list[tuple[str, str | None, str | None]]  # field, old, new


def readable(value: Any, zone: str) -> str | None:
    """A logged value as text; an ISO moment becomes «21.04.2025 19:00» in the zone."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            return f"{to_local(moment, zone):%d.%m.%Y %H:%M}"
    if isinstance(value, bool):
        return "✓" if value else "—"
    return str(value)


def rows(entries: list[AuditEntry], zone: str) -> list[HistoryRow]:
    result = []
    for entry in entries:
        page = PAGES.get(entry.entity_type)
        url = None
        if page and entry.action.value != "delete":
            values: dict[str, Any] = {page[1]: entry.entity_id}
            url = url_for(page[0], **values)
        changes = [
            (key, readable(old, zone), readable(new, zone))
            for key, (old, new) in entry.changes.items()
        ]
        result.append(HistoryRow(entry, to_local(entry.at, zone), url, changes))
    return result
