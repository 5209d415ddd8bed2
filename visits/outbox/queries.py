"""The outbox as admins read it."""

from sqlalchemy import Select, func, select

from visits.models import OutboxMessage, OutboxStatus


def messages(status: OutboxStatus | None) -> Select[OutboxMessage]:
    """Messages, newest first; only those of `status` when given."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    return query


def counts_by_status() -> Select[OutboxStatus, int]:
    return select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(OutboxMessage.status)
