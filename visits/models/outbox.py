"""The outbox: e-mail messages to delegates, written in the same transaction as the decision
to send them, then delivered by the sender (`flask outbox send`) and never sent twice."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, utcnow


class MessageKind(StrEnum):
    NOTICE = "notice"
    REQUEST = "request"
    CANCEL = "cancel"


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(Model):
    """One message to one recipient, as the queue wrote it (`raw`: the whole RFC 5322
    message). A sender owns it while `sending`, until `locked_until`."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visits.id", ondelete="SET NULL"), index=True
    )
    feed_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("feed_tokens.id", ondelete="SET NULL")
    )
    kind: Mapped[MessageKind] = mapped_column(enum_type(MessageKind, "message_kind"))
    recipient: Mapped[str] = mapped_column(String(254))
    # Plain text, for the admin list; the message itself is in `raw`.
    subject: Mapped[str] = mapped_column(String(300))
    # The Message-ID header, without its angle brackets.
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    raw: Mapped[str] = mapped_column(Text)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_type(OutboxStatus, "outbox_status"), default=OutboxStatus.QUEUED
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)

    attempt_rows: Mapped[list["OutboxAttempt"]] = relationship(
        back_populates="message",
        order_by="OutboxAttempt.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} to {self.recipient} {self.status}>"


class OutboxAttempt(Model):
    """One try at delivering a message, and how it ended."""

    __tablename__ = "outbox_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_messages.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ok: Mapped[bool] = mapped_column(default=False)
    # Null when the attempt succeeded.
    error: Mapped[str | None] = mapped_column(Text)
    # "smtp" or "file".
    transport: Mapped[str] = mapped_column(String(10))

    message: Mapped[OutboxMessage] = relationship(back_populates="attempt_rows")

    def __repr__(self) -> str:
        return f"<OutboxAttempt {self.id} of {self.message_id} ok={self.ok}>"
