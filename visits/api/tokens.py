"""Issuing, finding and revoking personal API tokens."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from visits.models import ApiToken, User
from visits.models.api_token import digest, new_secret
from visits.orm import utcnow

# A token's last use is written at most this often, so reads do not write on every call.
USE_RECORDED_EVERY = timedelta(minutes=10)


def issue_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the secret is returned once and only its hash is kept."""
    secret = new_secret()
    token = ApiToken(user=user, name=name.strip(), token_hash=digest(secret), hint=secret[:10])
    session.add(token)
    session.flush()
    return token, secret


def revoke_token(token: ApiToken, now: datetime | None = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = now or utcnow()


def tokens_of(user_id: int):
    return select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at.desc())


def user_of_secret(session: Session, secret: str) -> User | None:
    """The active user a live token belongs to, noting when the token was last used."""
    if not secret or len(secret) > 200:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.is_revoked or not token.user.is_active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
        token.last_used_at = now
        session.commit()
    return token.user
