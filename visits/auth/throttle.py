"""Slowing down password guessing: failed sign-ins counted per account and per address.

The attempts are kept in the database (`LoginAttempt`), so every gunicorn worker sees
the same counts; nothing lives in process memory. Flask-Limiter is not used because its
storages that work across processes need Redis or Memcached, which this deployment does
not run.

The address is `request.remote_addr` as the view hands it in; behind a reverse proxy,
VISITS_PROXY_HOPS makes create_app wrap the app in werkzeug's ProxyFix so that it is the
client's, not the proxy's (without it every client would share the proxy's count).

The check and the recording are two statements, so a burst of parallel attempts may get
a few more tries than the limit before the count catches up; the limit still holds
within a handful of attempts, which is what slowing down a guesser needs.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from visits.models import LoginAttempt

# Attempts older than this are deleted when a new one is recorded.
KEEP_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Limits:
    per_account: int
    per_address: int
    window: timedelta


class TooManyAttempts(Exception):
    """Too many failed sign-ins lately; the next one is possible after `wait`."""

    def __init__(self, wait: timedelta) -> None:
        super().__init__(f"too many failed sign-ins; retry in {wait}")
        self.wait = wait

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.wait.total_seconds() / 60))


def normalized_email(email: str) -> str:
    return email.strip().lower()


def check_allowed(
    session: Session, email: str, address: str, limits: Limits, now: datetime
) -> None:
    """Raise TooManyAttempts while the e-mail or the address has used up its failures."""
    lifted = [
        _blocked_until(
            session, LoginAttempt.email == normalized_email(email), limits.per_account, limits, now
        ),
        _blocked_until(session, LoginAttempt.address == address, limits.per_address, limits, now),
    ]
    blocked = [moment for moment in lifted if moment is not None]
    if blocked:
        raise TooManyAttempts(max(blocked) - now)


def _blocked_until(
    session: Session, matches: ColumnElement[bool], limit: int, limits: Limits, now: datetime
) -> datetime | None:
    """When the block on these attempts lifts, or None if there is none.

    With `limit` failures allowed in the window, the block lasts until the limit-th most
    recent failure leaves the window.
    """
    oldest_counted = session.scalar(
        select(LoginAttempt.at)
        .where(matches, LoginAttempt.at > now - limits.window, ~LoginAttempt.succeeded)
        .order_by(LoginAttempt.at.desc())
        .offset(limit - 1)
        .limit(1)
    )
    return None if oldest_counted is None else oldest_counted + limits.window


def record_attempt(
    session: Session, email: str, address: str, succeeded: bool, now: datetime
) -> None:
    """Keep the attempt (the caller commits) and drop the ones older than a day."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - KEEP_FOR))
    session.add(
        LoginAttempt(at=now, email=normalized_email(email), address=address, succeeded=succeeded)
    )
