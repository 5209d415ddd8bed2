"""What admins do with the outbox: send a failed message again."""

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from visits.models import OutboxMessage, OutboxStatus


class NotFailed(Exception):
    """Only a failed message may be sent again (a queued one is on its way already)."""


def send_again(session: Session, message: OutboxMessage, now: datetime) -> None:
    """Put a failed message back in the queue, due at `now`, with a new attempt budget; the
    caller commits. Refused unless it is still failed (a concurrent change wins)."""
    changed = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.status == OutboxStatus.FAILED)
        .values(
            status=OutboxStatus.QUEUED,
            attempts=0,
            next_attempt_at=now,
            locked_until=None,
            last_error=None,
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(changed, "rowcount", 0) != 1:
        raise NotFailed(message.id)
    session.expire(message)
