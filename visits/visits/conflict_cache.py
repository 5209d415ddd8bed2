"""The conflicts of a visit computed once per version of what they read, kept per process.

Conflicts read a visit's dates, zone and speed, its events (times, venues, participants,
cancellations, internal ones too), the venues' places and capacities, the delegation's
members, arrivals and departures: every change of these bumps `Visit.feed_version`
(`visits.feeds.invalidation`), with `feed_changed_at` set to the moment. Hotel stays and
the travel times between venues do not bump it, so the key adds what they are: their
count, the sum of their ids (never reused) and of their versions, and the latest change
of a stay. Each request reads the key with one query, so no worker ever answers from a
version another worker has moved past; entries of old versions simply age out.

A transaction that flushed changes of its own may still roll them back: what it computes
is not kept (the key it read might later name other data).
"""

import threading
from collections import Counter, OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from visits.extensions import db, listen_once
from visits.models import Stay, TravelTime, Visit
from visits.scheduling import conflicts as c
from visits.scheduling.timezones import to_local
from visits.visits.conflicts import read_conflicts, visit_conflicts

_FLUSHED = "visits.flushed"


@dataclass(frozen=True)
class VisitConflicts:
    """Every conflict of a visit, and the local day each of its events starts on."""

    conflicts: tuple[c.Conflict, ...]
    days: dict[int, date]

    def event_counts(self) -> Counter[date]:
        return Counter(self.days.values())

    def days_of(self, conflict: c.Conflict) -> set[date]:
        """The days of the events a conflict involves (none: it concerns the whole visit)."""
        return {self.days[e] for e in conflict.event_ids if e in self.days}

    def shown_on(self, day: date) -> list[c.Conflict]:
        """The conflicts that involve an event starting on `day`, and those of the whole
        visit (a member's missing hotel)."""
        return [k for k in self.conflicts if not k.event_ids or day in self.days_of(k)]


class ConflictCache:
    """A bounded, thread-safe LRU of the conflicts of visits, by key."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, VisitConflicts] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> VisitConflicts | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: VisitConflicts) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > max(self.size, 0):
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


conflict_cache = ConflictCache(64)


def _key_query(visit_id: int):
    stays = Stay.visit_id == visit_id

    def of(column, *where):
        return select(column).where(*where).scalar_subquery()

    return select(
        Visit.feed_version,
        Visit.feed_changed_at,
        of(func.count(Stay.id), stays),
        of(func.sum(Stay.id), stays),
        of(func.sum(Stay.version_id), stays),
        of(func.max(Stay.updated_at), stays),
        of(func.count(TravelTime.id)),
        of(func.sum(TravelTime.id)),
        of(func.sum(TravelTime.version_id)),
    ).where(Visit.id == visit_id)


def cache_key(session: Session, visit_id: int) -> tuple | None:
    """What the conflicts of the visit depend on, in one query (None: no such visit)."""
    row = session.execute(_key_query(visit_id)).one_or_none()
    return None if row is None else (visit_id, *row)


def _whole(visit: Visit | None) -> bool:
    """Whether `visit` has all that its conflicts read loaded already."""
    return visit is not None and not {"events", "movements", "stays", "delegation"} & set(
        inspect(visit).unloaded
    )


def _compute(session: Session, visit_id: int, loaded: Visit | None) -> VisitConflicts:
    events: Sequence[Any]
    if loaded is not None and _whole(loaded):
        conflicts, events = visit_conflicts(session, loaded), loaded.events
    else:
        visit = loaded or session.get(Visit, visit_id)
        assert visit is not None  # its key was just read
        conflicts, events = read_conflicts(session, visit)
        loaded = visit
    days = {e.id: to_local(e.starts_at, loaded.timezone).date() for e in events}
    return VisitConflicts(tuple(conflicts), days)


def cached_conflicts(
    session: Session, visit_id: int, loaded: Visit | None = None
) -> VisitConflicts | None:
    """The conflicts of the visit from the cache, computed on a miss (None: no such visit):
    from `loaded` when it is the visit with its events, movements and stays loaded."""
    key = cache_key(session, visit_id)
    if key is None:
        return None
    found = conflict_cache.get(key)
    if found is None:
        found = _compute(session, visit_id, loaded)
        if not session.info.get(_FLUSHED):
            conflict_cache.put(key, found)
    return found


def _flushed(session: Session, _context) -> None:
    session.info[_FLUSHED] = True


def _ended(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)


def init_app(app: Flask) -> None:
    """Bound the cache by the configuration; note the transactions that flushed changes."""
    conflict_cache.size = app.config["CONFLICT_CACHE_VISITS"]
    listen_once(db.session, "after_flush", _flushed)
    listen_once(db.session, "after_transaction_end", _ended)
