"""Secret feed tokens handed to delegates: a calendar of a visit, a person or a venue."""

import secrets
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.models.organization import Person
from visits.models.venue import Venue
from visits.models.visit import Visit
from visits.models.zones import zone_validator
from visits.orm import UTCDateTime, utcnow


class Delivery(StrEnum):
    """How a link's holder learns of changes: their calendar's subscription alone, a change
    notice by e-mail besides it, or calendar invitations by e-mail (iMIP) instead."""

    SUBSCRIPTION = "subscription"
    NOTICE = "notice"
    INVITATIONS = "invitations"


class FeedScope(StrEnum):
    VISIT = "visit"
    PERSON = "person"
    VENUE = "venue"


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class FeedToken(Model):
    __tablename__ = "feed_tokens"
    __table_args__ = (
        CheckConstraint(
            "(scope = 'visit' AND person_id IS NULL AND venue_id IS NULL)"
            " OR (scope = 'person' AND person_id IS NOT NULL AND venue_id IS NULL)"
            " OR (scope = 'venue' AND venue_id IS NOT NULL AND person_id IS NULL)",
            name="scope_target",
        ),
        CheckConstraint("reminder_minutes >= 0", name="reminder_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    scope: Mapped[FeedScope] = mapped_column(enum_type(FeedScope, "feed_scope"))
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(2), default="ru")
    home_timezone: Mapped[str | None] = mapped_column(String(64))
    reminder_minutes: Mapped[int | None]
    include_public: Mapped[bool] = mapped_column(default=True)
    # A person's own arrival, departure and hotel (visits.feeds.travel).
    include_travel: Mapped[bool] = mapped_column(default=True, server_default=true())
    delivery: Mapped[Delivery] = mapped_column(
        enum_type(Delivery, "feed_delivery"),
        default=Delivery.SUBSCRIPTION,
        server_default=Delivery.SUBSCRIPTION.value,
    )
    # The holder's programme as the last e-mail told it (visits.notices.changes), and when:
    # the next notice tells what changed since. None: nothing sent yet.
    notified_events: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When a setting that changes how each event is written (language, reminder) last
    # changed: the events' LAST-MODIFIED is never older. None: not since the link was made.
    settings_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    visit: Mapped[Visit] = relationship()
    person: Mapped[Person | None] = relationship()
    venue: Mapped[Venue | None] = relationship()

    _check_zone = zone_validator("home_timezone", optional=True)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def __repr__(self) -> str:
        return f"<FeedToken {self.id} {self.scope} {self.label!r}>"
