"""Queueing a print: one job per print version (its ETag), found again by every request for
the same print. The caller commits."""

from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from visits.models import PrintJob, PrintKind, PrintState
from visits.orm import utcnow
from visits.programme.printing import PrintOptions


def options_data(options: PrintOptions, interface: str) -> dict[str, Any]:
    """What a worker needs to render the print again, as JSON."""
    return {
        "variant": options.variant,
        "lang": options.lang,
        "day": options.day and options.day.isoformat(),
        "person": options.person_id,
        "cancelled": options.keep_cancelled,
        "interface": interface,
    }


def options_of(data: dict[str, Any]) -> PrintOptions:
    day = date.fromisoformat(data["day"]) if data.get("day") else None
    return PrintOptions(data["variant"], data["lang"], day, data.get("person"), data["cancelled"])


def done_job(session: Session, key: str) -> PrintJob | None:
    """The finished job of this print, with its file, in one query; None if there is none."""
    return session.scalar(
        select(PrintJob)
        .where(PrintJob.key == key, PrintJob.state == PrintState.DONE)
        .options(undefer(PrintJob.file))
        .execution_options(populate_existing=True)  # a worker wrote it, not this session
    )


def enqueue(
    session: Session,
    *,
    visit_id: int,
    key: str,
    kind: str,
    options: PrintOptions,
    interface: str,
    file_name: str,
) -> int:
    """The id of the job of this print: the one already there (a failed one is queued again:
    asking again is trying again), else a new one. Two requests for the same print make one
    job: the key is unique, and the loser of an insert race takes the winner's job."""
    found = session.execute(select(PrintJob.id, PrintJob.state).where(PrintJob.key == key)).first()
    if found is None:
        job = PrintJob(
            visit_id=visit_id,
            key=key,
            kind=PrintKind(kind),
            options=options_data(options, interface),
            state=PrintState.QUEUED,
            attempts=0,
            file_name=file_name,
            created_at=utcnow(),
        )
        try:
            with session.begin_nested():
                session.add(job)
            return job.id
        except IntegrityError:  # another request queued it first
            found = session.execute(
                select(PrintJob.id, PrintJob.state).where(PrintJob.key == key)
            ).one()
    if found.state == PrintState.FAILED:
        session.execute(
            update(PrintJob)
            .where(PrintJob.id == found.id, PrintJob.state == PrintState.FAILED)
            .values(
                state=PrintState.QUEUED,
                attempts=0,
                error=None,
                claimed_at=None,
                claimed_by=None,
                finished_at=None,
                created_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )
    return found.id
