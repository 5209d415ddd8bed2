"""The print worker: renders queued print jobs, each by exactly one worker at a time.

A job is claimed in a short transaction of its own (`queued` → `rendering`, with the time
and the worker's name), committed before the render starts; the outcome is written in
another, only by the worker that still owns the job. Two workers never own the same job: the
claiming UPDATE is conditional on the job being still queued, and only the worker whose
UPDATE changed the row owns it (on PostgreSQL the candidate row is also locked, SKIP LOCKED,
so workers pass each other by). A render that fails or runs out of time is tried once more,
then the job fails with a message for staff. A job left `rendering` longer than the time
limit plus a margin lost its worker: it is taken back (queued again, or failed after its
second try). Finished jobs are pruned after PRINT_KEEP_HOURS.
"""

import logging
import os
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from flask import Flask, has_request_context
from flask_babel import force_locale, gettext
from sqlalchemy import Update, delete, select, update
from sqlalchemy.orm import Session

from visits.claims import claim_first, rowcount
from visits.extensions import db
from visits.models import PrintJob, PrintState
from visits.orm import utcnow
from visits.prints.queue import options_of
from visits.programme import documents, printing

log = logging.getLogger(__name__)

# A job is tried this many times before it fails.
MAX_ATTEMPTS = 2
DEFAULT_RENDER_SECONDS = 120
# A claim older than the time limit plus this margin belongs to a worker that died.
STALE_MARGIN_SECONDS = 60
DEFAULT_KEEP_HOURS = 24


class RenderTimeout(Exception):
    """The render ran past PRINT_RENDER_SECONDS."""


@dataclass
class Counts:
    done: int = 0
    retried: int = 0
    failed: int = 0
    pruned: int = 0

    def __str__(self) -> str:
        return (
            f"{self.done} done, {self.retried} to retry, {self.failed} failed, {self.pruned} pruned"
        )


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:100]


def render_seconds(config: Any) -> int:
    return int(config.get("PRINT_RENDER_SECONDS", DEFAULT_RENDER_SECONDS))


def run_pending(app: Flask, *, limit: int = 20, now: datetime | None = None) -> Counts:
    """Render up to `limit` queued jobs, after taking back stale claims and pruning old
    jobs, in an app context of its own."""
    with app.app_context():
        session = db.session()
        now = now or utcnow()
        counts = Counts()
        counts.failed += take_back_stale(session, now, render_seconds(app.config))
        keep = timedelta(hours=float(app.config.get("PRINT_KEEP_HOURS", DEFAULT_KEEP_HOURS)))
        counts.pruned = prune(session, now - keep)
        name = worker_name()
        for _ in range(limit):
            job_id = claim(session, name, utcnow())
            if job_id is None:
                break
            state = render_job(app, session, job_id, name)
            counts.done += state is PrintState.DONE
            counts.retried += state is PrintState.QUEUED
            counts.failed += state is PrintState.FAILED
        return counts


def claim(session: Session, name: str, now: datetime, job_id: int | None = None) -> int | None:
    """Own the oldest queued job (or job `job_id` if it is queued), committed; None when
    there is none to own."""
    query = (
        select(PrintJob.id)
        .where(PrintJob.state == PrintState.QUEUED)
        .order_by(PrintJob.created_at, PrintJob.id)
        .limit(1)
    )
    if job_id is not None:
        query = query.where(PrintJob.id == job_id)

    def take(candidate: int) -> Update:
        return (
            update(PrintJob)
            .where(PrintJob.id == candidate, PrintJob.state == PrintState.QUEUED)
            .values(
                state=PrintState.RENDERING,
                claimed_at=now,
                claimed_by=name,
                attempts=PrintJob.attempts + 1,
            )
        )

    claimed = claim_first(session, query, take, look_again=job_id is None)
    if claimed is not None:
        session.commit()
    return claimed


def render(session: Session, job: PrintJob) -> bytes:
    """The file of a job, from the visit as it is now (tests put a fake renderer here)."""
    options = options_of(job.options)
    version = printing.version_row(session.connection(), job.visit_id, options.person_id)
    if version is None:
        raise LookupError("the visit no longer exists")
    return documents.render(session, job.visit_id, options, version, job.kind.value)


def render_job(app: Flask, session: Session, job_id: int, name: str) -> PrintState:
    """Render a job this worker owns and write the outcome (committed); the job's new state."""
    job = session.get_one(PrintJob, job_id)
    attempts, interface = job.attempts, job.options.get("interface", "ru")
    base_url = app.config.get("PUBLIC_BASE_URL", "http://localhost")
    context = (
        nullcontext() if has_request_context() else app.test_request_context(base_url=base_url)
    )
    with context:
        try:
            with time_limit(render_seconds(app.config)):
                body = render(session, job)
        except Exception as error:
            session.rollback()
            log.warning("Print job %s failed (try %s): %r", job_id, attempts, error)
            if attempts < MAX_ATTEMPTS:
                return _finish(session, job_id, name, state=PrintState.QUEUED)
            with force_locale(interface):
                message = failure_message(error, render_seconds(app.config))
            return _finish(session, job_id, name, state=PrintState.FAILED, error=message)
    return _finish(session, job_id, name, state=PrintState.DONE, file=body)


def failure_message(error: BaseException, seconds: int) -> str:
    if isinstance(error, RenderTimeout):
        return gettext(
            "Making this print took longer than %(seconds)s seconds, twice, and was stopped. "
            "Print one day at a time, or ask the administrator to allow more time.",
            seconds=seconds,
        )
    reason = (str(error) or type(error).__name__)[:300]
    return gettext(
        "This print could not be made, twice: %(reason)s. Ask the administrator to look at "
        "the server's log.",
        reason=reason,
    )


def _finish(session: Session, job_id: int, name: str, **values: Any) -> PrintState:
    state = values["state"]
    if state is PrintState.QUEUED:
        values |= {"claimed_at": None, "claimed_by": None}
    else:
        values["finished_at"] = utcnow()
    changed = session.execute(
        update(PrintJob)
        .where(
            PrintJob.id == job_id,
            PrintJob.state == PrintState.RENDERING,
            PrintJob.claimed_by == name,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if rowcount(changed) != 1:  # taken back meanwhile: the outcome is another worker's
        log.warning("Print job %s was taken back while rendering", job_id)
    return state


def take_back_stale(session: Session, now: datetime, seconds: int) -> int:
    """Queue again each job whose worker died while rendering it (failed after its last
    try), committed; how many failed."""
    cutoff = now - timedelta(seconds=seconds + STALE_MARGIN_SECONDS)
    stale = session.execute(
        select(PrintJob.id, PrintJob.attempts, PrintJob.options).where(
            PrintJob.state == PrintState.RENDERING, PrintJob.claimed_at < cutoff
        )
    ).all()
    failed = 0
    for job in stale:
        values: dict[str, Any] = {
            "state": PrintState.QUEUED,
            "claimed_at": None,
            "claimed_by": None,
        }
        if job.attempts >= MAX_ATTEMPTS:
            with force_locale(job.options.get("interface", "ru")):
                error = gettext(
                    "The print worker stopped twice while making this print. Ask the "
                    "administrator to look at the server's log."
                )
            values = {"state": PrintState.FAILED, "error": error, "finished_at": now}
        changed = session.execute(
            update(PrintJob)
            .where(
                PrintJob.id == job.id,
                PrintJob.state == PrintState.RENDERING,
                PrintJob.claimed_at < cutoff,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        failed += rowcount(changed) == 1 and values["state"] is PrintState.FAILED
        session.commit()
    session.rollback()
    return failed


def prune(session: Session, before: datetime) -> int:
    """Delete the jobs finished before `before` (committed); how many."""
    pruned = session.execute(
        delete(PrintJob)
        .where(PrintJob.state.in_((PrintState.DONE, PrintState.FAILED)))
        .where(PrintJob.finished_at < before)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return rowcount(pruned)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in the block after `seconds` (SIGALRM: only in the main thread;
    elsewhere the block runs unbounded)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(_signal: int, _frame: FrameType | None) -> None:
        raise RenderTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
