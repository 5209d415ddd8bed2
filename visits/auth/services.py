"""Staff account operations; the caller owns the transaction."""

import secrets
from datetime import datetime
from functools import cache

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from visits.auth.staff_sessions import end_other_sessions
from visits.models import ApiToken, Role, User
from visits.orm import utcnow

MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    """An account cannot be created or changed as asked; the message says why."""


def user_by_email(email: str) -> Select[User]:
    return select(User).where(User.email == email.strip().lower())


def create_user(session: Session, email: str, password: str, role: Role | str) -> User:
    """Add a staff account; refuse a taken e-mail, a short password or an unknown role."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise AccountError(f"{email!r} is not an e-mail address.")
    try:
        role = Role(role)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise AccountError(f"Unknown role {role!r}: choose one of {choices}.") from None
    check_password_strength(password)
    if session.scalar(user_by_email(email)) is not None:
        raise AccountError(f"An account for {email} already exists.")
    user = User(email=email, role=role)
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")


def set_password(session: Session, email: str, password: str) -> tuple[User, int]:
    """A new password for the account of `email`; returns it and the tokens revoked."""
    user = session.scalar(user_by_email(email))
    if user is None:
        raise AccountError(f"There is no account for {email.strip().lower()}.")
    return user, change_password(session, user, password)


def change_password(
    session: Session, user: User, password: str, now: datetime | None = None
) -> int:
    """Give `user` a new password: every session opened with the old one ends and every
    live API token of theirs is revoked, since it was issued on the old password.
    Returns how many tokens were revoked."""
    check_password_strength(password)
    user.set_password(password)
    end_other_sessions(session, user)
    live = session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).all()
    for token in live:
        token.revoked_at = now or utcnow()
    return len(live)


@cache
def _stand_in_hash() -> str:
    return generate_password_hash(secrets.token_hex(16))


def password_matches(user: User | None, password: str) -> bool:
    """Whether `password` is the user's. Without such a user a hash is checked all the
    same, so the time taken does not tell whether an account exists."""
    if user is None:
        check_password_hash(_stand_in_hash(), password)
        return False
    return user.check_password(password)


def has_admin(session: Session) -> bool:
    return bool(session.scalar(select(func.count(User.id)).where(User.role == Role.ADMIN)))


def random_password() -> str:
    return secrets.token_urlsafe(12)
