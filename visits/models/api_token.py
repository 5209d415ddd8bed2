"""Personal API tokens: a staff member's key for the JSON API, acting with their role."""

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.user import User
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, utcnow

PREFIX = "vst_"


def new_secret() -> str:
    """256 random bits behind a recognisable prefix (secret scanners look for such)."""
    return PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """What is stored: the SHA-256 of the secret. The secret is random and long, so a
    fast hash is enough; the secret itself is shown once and never kept."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiToken(Model):
    __tablename__ = "api_tokens"
    __audited__ = True
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the secret, to tell tokens apart on the account page.
    hint: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.name!r}>"
