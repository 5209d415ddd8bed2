"""Feed polls answered from memory while nothing changed.

A poll needs its token's row (`queries.POLL`): the feed's version and the link's settings.
A worker keeps the rows it read and uses one again, without a query, while it is sure
nothing it shows changed:

- on PostgreSQL, every transaction that changes what a feed shows sends
  `NOTIFY visits_feeds, '<visit id>'` (`invalidation.bump`); a thread of each worker
  listens on its own connection and drops the rows of that visit. While the listener is
  not connected, no row is trusted; once it is (again), all are dropped first;
- on SQLite, `PRAGMA data_version` on a connection of its own changes whenever any
  other connection commits: then every row is dropped.

Whatever happens to a notification, a row is read again at the latest
`FEED_RECHECK_SECONDS` after it was (per token), so no change stays unseen longer.
"""

import logging
import os
import sqlite3
import threading
import time
from collections import namedtuple
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import Engine

from visits.feeds.queries import POLL

CHANNEL = "visits_feeds"
log = logging.getLogger(__name__)
PollRow: Any = namedtuple("PollRow", list(POLL.selected_columns.keys()))  # type: ignore[misc]
_ROW_TYPES: dict[tuple[str, ...], Any] = {tuple(PollRow._fields): PollRow}


def _kept(row: Any) -> Any:
    """A plain copy of a row of `POLL` (or of a statement that adds columns to it)."""
    fields = tuple(row._fields)
    if fields not in _ROW_TYPES:
        _ROW_TYPES[fields] = namedtuple("PollRow", fields)
    return _ROW_TYPES[fields](*row)


class PollMemory:
    """The poll rows of this worker, by secret, with the moment each was read."""

    def __init__(self, recheck_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.recheck_seconds = recheck_seconds
        self.clock = clock
        # Whether changes are being heard: a listener connected, or a watcher in place.
        self.trusted = False
        self.check: Callable[[], None] = lambda: None  # a watcher's look, before each use
        self._rows: dict[str, tuple[Any, float]] = {}
        self._secrets_of: dict[int, set[str]] = {}
        self._epoch = 0  # counts the forgettings: a row read before one is not kept
        self._lock = threading.Lock()

    def epoch(self) -> int:
        return self._epoch

    def get(self, secret: str) -> Any | None:
        """The remembered row, while it can still be trusted (`secret`: the link's secret,
        or another key of its own, such as its subscribe page's)."""
        self.check()
        if not self.trusted:
            return None
        with self._lock:
            found = self._rows.get(secret)
        if found is None or self.clock() - found[1] >= self.recheck_seconds:
            return None
        return found[0]

    def remember(self, secret: str, row: Any, epoch: int) -> Any:
        """Keep `row`, read at `epoch`, unless something was forgotten since."""
        kept = _kept(row)
        with self._lock:
            if epoch == self._epoch:
                self._rows[secret] = (kept, self.clock())
                self._secrets_of.setdefault(kept.visit_id, set()).add(secret)
        return kept

    def used(self, secret: str, at: Any) -> None:
        """The token's use was recorded `at` (the row keeps the time it was read)."""
        with self._lock:
            found = self._rows.get(secret)
            if found is not None:
                self._rows[secret] = (found[0]._replace(last_used_at=at), found[1])

    def forget_visit(self, visit_id: int) -> None:
        with self._lock:
            self._epoch += 1
            for secret in self._secrets_of.pop(visit_id, ()):
                self._rows.pop(secret, None)

    def forget_all(self) -> None:
        with self._lock:
            self._epoch += 1
            self._rows.clear()
            self._secrets_of.clear()

    def __len__(self) -> int:
        return len(self._rows)


def for_app(app: Flask, engine: Engine) -> PollMemory | None:
    """This worker's memory, started on first use (after a fork, never before); None
    when the configuration turns it off (FEED_RECHECK_SECONDS = 0)."""
    seconds = app.config["FEED_RECHECK_SECONDS"]
    if not seconds:
        return None
    memory = started(app)
    if memory is not None:
        return memory
    memory = PollMemory(seconds)
    app.extensions["visits.poll_memory"] = (os.getpid(), memory)
    if engine.dialect.name == "postgresql":
        start_listener(memory, engine.url.set(drivername="postgresql").render_as_string(False))
    elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        watch_sqlite(memory, str(engine.url.database))
    return memory


def started(app: Flask) -> PollMemory | None:
    """This worker's memory if it is already started (and turned on), else None."""
    found = app.extensions.get("visits.poll_memory")
    if found is None or found[0] != os.getpid() or not app.config["FEED_RECHECK_SECONDS"]:
        return None
    memory: PollMemory = found[1]
    return memory


def watch_sqlite(memory: PollMemory, path: str) -> None:
    """Drop every row when another connection committed (`PRAGMA data_version`)."""
    connection = sqlite3.connect(path, check_same_thread=False)
    lock = threading.Lock()
    seen: list[int] = []

    def check() -> None:
        with lock:
            try:
                (version,) = connection.execute("PRAGMA data_version").fetchone()
            except sqlite3.Error:
                memory.trusted = False
                return
            if seen != [version]:
                memory.forget_all()
                seen[:] = [version]
            memory.trusted = True

    memory.check = check


def start_listener(memory: PollMemory, url: str, retry_seconds: float = 1.0) -> threading.Thread:
    """A daemon thread that LISTENs on its own connection, reconnecting when it drops."""

    def listen() -> None:
        import psycopg

        while True:
            try:
                with psycopg.connect(url, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    memory.forget_all()  # whatever changed while nobody listened
                    memory.trusted = True
                    for notice in connection.notifies():
                        heard(memory, notice.payload)
            except Exception:
                log.warning("feed change listener lost its connection", exc_info=True)
            memory.trusted = False
            memory.forget_all()
            time.sleep(retry_seconds)

    thread = threading.Thread(target=listen, name="feed-change-listener", daemon=True)
    thread.start()
    return thread


def heard(memory: PollMemory, payload: str) -> None:
    """One notification: a visit id, or anything else (then every row is dropped)."""
    if payload.isdigit():
        memory.forget_visit(int(payload))
    else:
        memory.forget_all()
