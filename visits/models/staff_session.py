"""Signed-in browsers of staff: the cookie holds a random secret, the table its hash, so a
session can be ended on the server (sign-out, timeouts, from the account page)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from visits.models.base import Model
from visits.orm import UTCDateTime, utcnow


class StaffSession(Model):
    __tablename__ = "staff_sessions"

    # The SHA-256 of the secret the browser holds; the secret itself is never stored.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Written at most once a minute, so most requests only read.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Signed in with "remember me": it lasts days rather than hours.
    remember: Mapped[bool] = mapped_column(default=False)
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    ip: Mapped[str] = mapped_column(String(45), default="")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<StaffSession {self.id[:8]} of user {self.user_id}>"
