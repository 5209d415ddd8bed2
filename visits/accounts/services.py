"""Changing staff accounts; the caller owns the transaction."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visits.auth.services import change_password
from visits.models import Role, User


class LastAdmin(Exception):
    """The change would leave the office without an active administrator."""


def update_account(
    session: Session, user: User, role: str, is_active: bool, password: str | None
) -> int:
    """Change the role, the active flag and (when given) the password; returns how many
    API tokens the new password revoked."""
    role = Role(role)
    losing_admin = user.role is Role.ADMIN and (role is not Role.ADMIN or not is_active)
    if losing_admin:
        admins = session.scalar(
            select(func.count(User.id)).where(User.role == Role.ADMIN, User.is_active)
        )
        if (admins or 0) <= 1:
            raise LastAdmin()
    user.role = role
    user.is_active = is_active
    return change_password(session, user, password) if password else 0
