"""Taking a row of a work queue (outbox messages, print jobs) so that no other process
takes it too: the first candidate, locked rows skipped on PostgreSQL (`SKIP LOCKED`), is
owned by a conditional UPDATE that only one process can win."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, Update
from sqlalchemy.orm import Session


def rowcount(result: Any) -> int:
    """The rows an UPDATE or DELETE changed."""
    return int(result.rowcount)


def claim_first(
    session: Session,
    candidates: Select,
    take: Callable[[int], Update],
    look_again: bool = True,
) -> int | None:
    """The id of the first row of `candidates` (a query of ids) that `take(id)` (an UPDATE
    whose WHERE holds only while the row is free) owned, in the session's open transaction
    for the caller to commit; None when there is none (rolled back). When another process
    wins a row first, the next candidate is tried, or None returned (`look_again=False`)."""
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    while True:
        candidate = session.scalar(candidates)
        if candidate is None:
            session.rollback()
            return None
        taken = session.execute(take(candidate).execution_options(synchronize_session=False))
        if rowcount(taken) == 1:
            return int(candidate)
        session.rollback()  # another process was first
        if not look_again:
            return None
