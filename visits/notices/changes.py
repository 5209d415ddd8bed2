"""What changed in a holder's programme since the last message told it: plain values in,
plain values out.

A programme is the list of `FeedEvent`s their calendar link shows (the same UIDs and
SEQUENCEs). What a message told is kept as a `Told` snapshot per UID, stored as JSON on
the link; the next message compares the programme with it.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from visits.exports.ical import FeedEvent


class ChangeKind(StrEnum):
    ADDED = "added"
    UPDATED = "updated"  # moved, relocated or other details (see the flags)
    CANCELLED = "cancelled"
    REMOVED = "removed"  # no longer in their programme (deleted, made internal, left out)


@dataclass(frozen=True)
class Told:
    """One event as the last message showed it."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    summary: str
    location: str
    status: str
    details: str  # a digest of the rest the event shows (description, GEO, category)

    def as_json(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "all_day": self.all_day,
            "summary": self.summary,
            "location": self.location,
            "status": self.status,
            "details": self.details,
        }

    @classmethod
    def from_json(cls, uid: str, data: dict[str, Any]) -> "Told":
        return cls(
            uid=uid,
            sequence=int(data["sequence"]),
            starts_at=datetime.fromisoformat(data["starts_at"]),
            ends_at=datetime.fromisoformat(data["ends_at"]),
            all_day=bool(data.get("all_day")),
            summary=str(data.get("summary", "")),
            location=str(data.get("location", "")),
            status=str(data.get("status", "confirmed")),
            details=str(data.get("details", "")),
        )


def _details(event: FeedEvent) -> str:
    material = repr((event.description, event.geo, event.category))
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def told(event: FeedEvent) -> Told:
    return Told(
        uid=event.uid,
        sequence=event.sequence,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        all_day=event.all_day,
        summary=event.summary,
        location=event.location or "",
        status=event.status,
        details=_details(event),
    )


@dataclass(frozen=True)
class Snapshot:
    """What the last message told a holder: their programme, in the language it was in."""

    language: str
    events: dict[str, Told] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "events": {uid: event.as_json() for uid, event in sorted(self.events.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "Snapshot | None":
        if not data:
            return None
        events = data.get("events") or {}
        return cls(
            language=str(data.get("language", "")),
            events={uid: Told.from_json(uid, value) for uid, value in events.items()},
        )

    @classmethod
    def of(cls, programme: list[FeedEvent], language: str) -> "Snapshot":
        return cls(language, {event.uid: told(event) for event in programme})


@dataclass(frozen=True)
class Change:
    """One event's change. `before` is what the last message told (None: never told);
    `after` is the event now (None: no longer in the programme)."""

    kind: ChangeKind
    uid: str
    before: Told | None
    after: FeedEvent | None
    moved: bool = False
    relocated: bool = False
    other: bool = False  # title, description, participants, coordinates

    @property
    def starts_at(self) -> datetime:
        if self.after is not None:
            return self.after.starts_at
        assert self.before is not None
        return self.before.starts_at


def changes(before: Snapshot | None, programme: list[FeedEvent], language: str) -> list[Change]:
    """What changed since `before` (None: nothing told yet, so all is new), in order of
    time. Texts are compared only when both are in the same language; an event never told
    that is already cancelled is left out (there is nothing to take back)."""
    told_events = before.events if before else {}
    same_language = before is not None and before.language == language
    found: list[Change] = []
    now_uids = set()
    for event in programme:
        now_uids.add(event.uid)
        old = told_events.get(event.uid)
        if old is None:
            if event.status != "cancelled":
                found.append(Change(ChangeKind.ADDED, event.uid, None, event))
            continue
        if event.status == "cancelled":
            if old.status != "cancelled":
                found.append(Change(ChangeKind.CANCELLED, event.uid, old, event))
            continue
        moved = (event.starts_at, event.ends_at, event.all_day) != (
            old.starts_at,
            old.ends_at,
            old.all_day,
        )
        relocated = same_language and (event.location or "") != old.location
        other = old.status != event.status or (
            same_language and (event.summary != old.summary or _details(event) != old.details)
        )
        if old.status == "cancelled":  # restored: told again as new
            found.append(Change(ChangeKind.ADDED, event.uid, old, event))
        elif moved or relocated or other or event.sequence != old.sequence:
            kind = ChangeKind.UPDATED
            found.append(Change(kind, event.uid, old, event, moved, relocated, other))
    for uid, old in told_events.items():
        if uid not in now_uids and old.status != "cancelled":
            found.append(Change(ChangeKind.REMOVED, uid, old, None))
    return sorted(found, key=lambda change: (change.starts_at, change.uid))
