"""Sessions of signed-in staff, kept on the server so they can be ended there.

The browser's cookie (and its remember-me cookie) holds "<user id>:<session version>:<secret>";
the `staff_sessions` row is found by the secret's hash. Signing out, an idle spell longer
than `SESSION_IDLE_MINUTES`, or an age beyond `SESSION_MAX_HOURS` (`REMEMBER_DAYS` when
"remember me" was ticked) end the session; so does its owner from the account page.
The caller owns the transaction.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from visits.models import StaffSession, User
from visits.orm import utcnow

# A session's last_seen_at is written no more often than this.
SEEN_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetimes:
    idle: timedelta
    max_age: timedelta
    remembered: timedelta

    @classmethod
    def from_config(cls, config) -> "Lifetimes":
        return cls(
            idle=timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
            max_age=timedelta(hours=config["SESSION_MAX_HOURS"]),
            remembered=timedelta(days=config["REMEMBER_DAYS"]),
        )


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def open_session(session: Session, user: User, *, remember: bool, user_agent: str, ip: str) -> str:
    """Record a new signed-in browser of `user`; returns the secret its cookie carries."""
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        StaffSession(
            id=digest(secret),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            remember=remember,
            user_agent=user_agent[:300],
            ip=ip[:45],
        )
    )
    return secret


def with_session(secret: str) -> Select[User, StaffSession]:
    """The user and session of a cookie's secret, in one query by the primary key."""
    return (
        select(User, StaffSession)
        .join(StaffSession, StaffSession.user_id == User.id)
        .where(StaffSession.id == digest(secret))
    )


def is_live(record: StaffSession, lifetimes: Lifetimes, now: datetime | None = None) -> bool:
    """Not ended, not idle too long, not too old."""
    now = now or utcnow()
    if record.revoked_at is not None:
        return False
    if record.remember:
        return now - record.created_at < lifetimes.remembered
    return (
        now - record.last_seen_at < lifetimes.idle and now - record.created_at < lifetimes.max_age
    )


def needs_touch(record: StaffSession, now: datetime | None = None) -> bool:
    return (now or utcnow()) - record.last_seen_at >= SEEN_PRECISION


def touch(session: Session, record: StaffSession) -> None:
    """Note that the session was used now."""
    now = utcnow()
    session.execute(
        update(StaffSession).where(StaffSession.id == record.id).values(last_seen_at=now)
    )


def end_session(record: StaffSession) -> None:
    if record.revoked_at is None:
        record.revoked_at = utcnow()


def live_sessions_of(session: Session, user_id: int, lifetimes: Lifetimes) -> list[StaffSession]:
    """The user's sessions still in force, the most recently used first."""
    now = utcnow()
    records = session.scalars(
        select(StaffSession)
        .where(StaffSession.user_id == user_id, StaffSession.revoked_at.is_(None))
        .order_by(StaffSession.last_seen_at.desc())
    ).all()
    return [record for record in records if is_live(record, lifetimes, now)]


def end_other_sessions(session: Session, user: User) -> None:
    """End every session of `user` but the one of this request (if it is theirs)."""
    keep = digest(user.session_secret) if user.session_secret else ""
    session.execute(
        update(StaffSession)
        .where(
            StaffSession.user_id == user.id,
            StaffSession.revoked_at.is_(None),
            StaffSession.id != keep,
        )
        .values(revoked_at=utcnow())
    )
