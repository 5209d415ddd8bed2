"""Sign-in attempts, kept for a day so that guessing passwords can be slowed down."""

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from visits.models.base import Model
from visits.orm import UTCDateTime, utcnow


class LoginAttempt(Model):
    """One sign-in attempt: for which e-mail (normalised), from which client address.

    Not audited: the audit log is about the office's data, and this table is pruned.
    """

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        outcome = "ok" if self.succeeded else "failed"
        return f"<LoginAttempt {self.email} from {self.address} {outcome}>"
