"""Programme revisions: the rows a revision keeps, and what changed between two of them.

Pure: plain values in (the service builds them from the database), JSON-able dicts and
small dataclasses out. A row is keyed by something that outlives edits: the event's
UID, or "movement-<id>" for an arrival or a departure.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from visits.languages import LANGUAGES

Texts = dict[str, str | None]  # {"ru": ..., "kk": ..., "en": ...}
Row = dict[str, Any]

# Fields whose change moves a row in time; every other field is a change "in place".
TIME_FIELDS = ("starts_at", "ends_at")
# The order in which a row's changed fields are listed.
FIELD_ORDER = (
    "starts_at",
    "ends_at",
    "title",
    "kind",
    "status",
    "visibility",
    "venue",
    "participants",
    "dress_code",
    "notes",
    "internal_notes",
    "transport",
)


@dataclass(frozen=True)
class ParticipantData:
    name: Texts
    side: str
    role: str


@dataclass(frozen=True)
class RowData:
    """One programme row as the service reads it: an event, an arrival or a departure."""

    key: str
    starts_at: datetime
    ends_at: datetime
    status: str
    visibility: str
    kind: str
    title: Texts
    venue: Texts | None = None
    participants: Sequence[ParticipantData] = ()
    dress_code: Texts = field(default_factory=dict)
    notes: Texts = field(default_factory=dict)
    internal_notes: str | None = None
    # Arrivals and departures only: {"mode": "flight", "number": "S7 123"}.
    transport: Mapping[str, str | None] | None = None


def iso_utc(moment: datetime) -> str:
    """An aware moment as ISO 8601 in UTC: "2025-04-21T05:00:00+00:00"."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: a moment must carry its offset")
    return moment.astimezone(UTC).isoformat()


def _texts(texts: Mapping[str, str | None] | None) -> Texts:
    texts = texts or {}
    return {lang: texts.get(lang) or None for lang in LANGUAGES}


def snapshot_row(data: RowData) -> Row:
    row: Row = {
        "key": data.key,
        "starts_at": iso_utc(data.starts_at),
        "ends_at": iso_utc(data.ends_at),
        "status": data.status,
        "visibility": data.visibility,
        "kind": data.kind,
        "title": _texts(data.title),
        "venue": _texts(data.venue) if data.venue is not None else None,
        "participants": [
            {"name": _texts(p.name), "side": p.side, "role": p.role} for p in data.participants
        ],
        "dress_code": _texts(data.dress_code),
        "notes": _texts(data.notes),
        "internal_notes": data.internal_notes or None,
    }
    if data.transport is not None:
        row["transport"] = dict(data.transport)
    return row


def snapshot_rows(rows: Iterable[RowData]) -> list[Row]:
    """The JSON-able rows of a snapshot, in time order (then by key)."""
    return sorted((snapshot_row(data) for data in rows), key=_time_order)


def _time_order(row: Row) -> tuple[datetime, str]:
    return datetime.fromisoformat(row["starts_at"]), row["key"]


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RowChange:
    """A row in both snapshots; `fields` lists what differs (times, or everything else)."""

    key: str
    old: Row
    new: Row
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Diff:
    added: list[Row]
    removed: list[Row]
    moved: list[RowChange]
    changed: list[RowChange]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.changed)


def _field_rank(name: str) -> tuple[int, str]:
    return (FIELD_ORDER.index(name) if name in FIELD_ORDER else len(FIELD_ORDER), name)


def _differences(old: Row, new: Row, names: Iterable[str]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in sorted(names, key=_field_rank)
        if old.get(name) != new.get(name)
    )


def diff(old_rows: Iterable[Row], new_rows: Iterable[Row]) -> Diff:
    """What changed from `old_rows` to `new_rows`, each list in time order.

    A row whose times and other fields both changed is listed under `moved` (with its
    times) and under `changed` (with the other fields). Unchanged rows are not listed.
    """
    old = {row["key"]: row for row in old_rows}
    new = {row["key"]: row for row in new_rows}
    moved: list[RowChange] = []
    changed: list[RowChange] = []
    for key in old.keys() & new.keys():
        before, after = old[key], new[key]
        times = _differences(before, after, TIME_FIELDS)
        others = set(before) | set(after)
        rest = _differences(before, after, others - set(TIME_FIELDS) - {"key"})
        if times:
            moved.append(RowChange(key, before, after, times))
        if rest:
            changed.append(RowChange(key, before, after, rest))
    return Diff(
        added=sorted((new[key] for key in new.keys() - old.keys()), key=_time_order),
        removed=sorted((old[key] for key in old.keys() - new.keys()), key=_time_order),
        moved=sorted(moved, key=lambda change: _time_order(change.new)),
        changed=sorted(changed, key=lambda change: _time_order(change.new)),
    )


# What a guest's change sheet leaves out of every row: the organizers' own fields.
STAFF_FIELDS = ("internal_notes", "visibility")


def guest_rows(rows: Iterable[Row]) -> list[Row]:
    """The rows as the guests' copy shows them: no internal event, no staff field. Diffed
    on both sides, an event made internal reads to guests as removed, one made public as
    added, and a change of staff notes is no change at all."""
    return [
        {name: value for name, value in row.items() if name not in STAFF_FIELDS}
        for row in rows
        if row.get("visibility") != "internal"
    ]
