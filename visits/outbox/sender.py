"""The sender: delivers what is due, each message by exactly one sender, at most once.

A message is claimed in a short transaction of its own (`queued` → `sending`, with a lease)
that is committed before the mail server is spoken to; the outcome (an attempt row and the
new status) is written in another. Two senders never own the same message: the claiming
UPDATE is conditional on the message being still queued, and only the sender whose UPDATE
changed the row owns it (on PostgreSQL the candidate row is also locked, SKIP LOCKED, so
senders pass each other by). A message left `sending` past its lease may have arrived before
its sender died: it is marked failed, never sent again by itself; an admin may send it again.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import Update, select, update
from sqlalchemy.orm import Session

from visits.claims import claim_first, rowcount
from visits.extensions import db
from visits.models import OutboxAttempt, OutboxMessage, OutboxStatus
from visits.orm import utcnow
from visits.outbox.transports import (
    DeliveryError,
    Outgoing,
    TemporaryFailure,
    Transport,
    transport_for,
)

log = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, … failed attempt; the last one repeats.
BACKOFF_MINUTES = (1, 5, 15, 60, 240)
DEFAULT_MAX_ATTEMPTS = 6
# How long a sender owns a message it claimed: far longer than one delivery can take.
DEFAULT_LEASE_SECONDS = 600
STALE_REASON = (
    "The sender stopped while delivering this message; it may have arrived. "
    "It is not sent again unless an admin sends it again."
)


@dataclass
class Counts:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retried} to retry, {self.failed} failed"


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt."""
    return timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def send_due(app: Flask, *, limit: int = 50, now: datetime | None = None) -> Counts:
    """Deliver up to `limit` messages that are due at `now` (default: the clock), in an app
    context of its own. A MAIL_URL that cannot work raises PermanentFailure before any
    message is touched."""
    with app.app_context():
        now = now or utcnow()
        session = db.session()
        transport = transport_for(app.config, app.instance_path)
        counts = Counts(failed=fail_stale(session, now, transport.name))
        lease = timedelta(
            seconds=int(app.config.get("OUTBOX_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))
        )
        most = int(app.config.get("OUTBOX_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))
        try:
            for _ in range(limit):
                outgoing = claim_next(session, now, now + lease)
                if outgoing is None:
                    break
                status = _deliver(session, transport, outgoing, now, most)
                counts.sent += status is OutboxStatus.SENT
                counts.retried += status is OutboxStatus.QUEUED
                counts.failed += status is OutboxStatus.FAILED
        finally:
            transport.close()
        return counts


def claim_next(session: Session, now: datetime, locked_until: datetime) -> Outgoing | None:
    """Own the next due message (committed), or None when nothing is due."""
    query = (
        select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.QUEUED)
        .where(OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
    )

    def take(candidate: int) -> Update:
        return (
            update(OutboxMessage)
            .where(OutboxMessage.id == candidate, OutboxMessage.status == OutboxStatus.QUEUED)
            .values(status=OutboxStatus.SENDING, locked_until=locked_until)
        )

    candidate = claim_first(session, query, take)
    if candidate is None:
        return None
    row = session.execute(
        select(OutboxMessage.kind, OutboxMessage.recipient, OutboxMessage.raw).where(
            OutboxMessage.id == candidate
        )
    ).one()
    session.commit()
    return Outgoing(id=candidate, kind=row.kind.value, recipient=row.recipient, raw=row.raw)


def _deliver(
    session: Session, transport: Transport, outgoing: Outgoing, now: datetime, most: int
) -> OutboxStatus:
    error: DeliveryError | None = None
    try:
        transport.send(outgoing)
    except DeliveryError as failure:
        error = failure
        log.warning("Outbox message %s not delivered: %s", outgoing.id, failure)
    return record_outcome(session, outgoing.id, transport.name, error, now, most)


def record_outcome(
    session: Session,
    message_id: int,
    transport: str,
    error: DeliveryError | None,
    now: datetime,
    most: int = DEFAULT_MAX_ATTEMPTS,
) -> OutboxStatus:
    """Write the attempt and the message's new status (committed)."""
    message = session.get(OutboxMessage, message_id, populate_existing=True)
    assert message is not None  # claimed by this sender: never deleted meanwhile
    message.attempts += 1
    message.locked_until = None
    session.add(
        OutboxAttempt(
            message_id=message_id,
            at=now,
            ok=error is None,
            error=None if error is None else str(error),
            transport=transport,
        )
    )
    if error is None:
        message.status = OutboxStatus.SENT
        message.sent_at = now
        message.last_error = None
    elif isinstance(error, TemporaryFailure) and message.attempts < most:
        message.status = OutboxStatus.QUEUED
        message.next_attempt_at = now + backoff(message.attempts)
        message.last_error = str(error)
    else:
        message.status = OutboxStatus.FAILED
        message.last_error = str(error)
    status = message.status
    session.commit()
    return status


def fail_stale(session: Session, now: datetime, transport: str) -> int:
    """Mark failed each message left `sending` past its lease (committed); how many."""
    stale = session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.SENDING)
        .where(OutboxMessage.locked_until < now)
    ).all()
    failed = 0
    for message_id in stale:
        changed = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.SENDING)
            .where(OutboxMessage.locked_until < now)
            .values(status=OutboxStatus.FAILED, locked_until=None, last_error=STALE_REASON)
            .execution_options(synchronize_session=False)
        )
        if rowcount(changed) == 1:
            session.add(
                OutboxAttempt(
                    message_id=message_id, at=now, ok=False, error=STALE_REASON, transport=transport
                )
            )
            failed += 1
        session.commit()
    session.rollback()
    return failed
