"""Staff accounts."""

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, validates
from werkzeug.security import check_password_hash, generate_password_hash

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, Versioned, utcnow


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"


class User(UserMixin, Versioned, Model):
    __tablename__ = "users"
    __audited__ = True
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role, "user_role"), default=Role.VIEWER)
    locale: Mapped[str | None] = mapped_column(String(5))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Part of the id a signed-in browser holds (session and remember-me cookie): a new
    # password raises it, so every session opened before the change stops working.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    @validates("email")
    def _normalise_email(self, _key: str, value: str) -> str:
        return value.strip().lower()

    def set_password(self, password: str) -> None:
        """Store the new password's hash and sign out every session opened with the old one."""
        self.password_hash = generate_password_hash(password)
        self.session_version = (self.session_version or 0) + 1

    def attach_session(self, secret: str) -> None:
        """The secret of the staff session (visits.auth.staff_sessions) this request runs in."""
        self._session_secret = secret

    @property
    def session_secret(self) -> str:
        """The secret attached by `attach_session`, or "" when there is none."""
        return getattr(self, "_session_secret", "")

    def get_id(self) -> str:
        """The id Flask-Login keeps in the session and the remember-me cookie: the account,
        its session version and the secret of the server-side session."""
        return f"{self.id}:{self.session_version}:{self.session_secret}"

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.ADMIN, Role.EDITOR)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
