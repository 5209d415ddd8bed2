"""The audit log: who changed what, when, field by field, grouped by user action."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.models.user import User
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, utcnow


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class ChangeSet(Model):
    """One user action: every audited row one transaction wrote. It is undone as one."""

    __tablename__ = "change_sets"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The visit the action was about (its first entry that names one), for listing.
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visits.id", ondelete="SET NULL"), index=True
    )
    # What the caller said the action was ("Shifted 5 events by 20 minutes"); None: the
    # history describes it from its entries.
    summary: Mapped[str | None] = mapped_column(String(300))
    # This change set reverts that one; and the change set that reverted this one.
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("change_sets.id", ondelete="SET NULL"))
    undone_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_sets.id", ondelete="SET NULL")
    )

    user: Mapped[User | None] = relationship()
    undoes: Mapped["ChangeSet | None"] = relationship(remote_side=[id], foreign_keys=[undoes_id])
    entries: Mapped[list["AuditEntry"]] = relationship(
        back_populates="change_set", order_by="AuditEntry.id", viewonly=True
    )

    @property
    def is_undone(self) -> bool:
        return self.undone_by_id is not None


class AuditEntry(Model):
    __tablename__ = "audit_entries"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    change_set_id: Mapped[int] = mapped_column(
        ForeignKey("change_sets.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visits.id", ondelete="SET NULL"), index=True
    )
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegations.id", ondelete="SET NULL"), index=True
    )
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int]
    # The record's title or name when the entry was written ({"ru": …, "kk": …, "en": …}
    # or plain text): a deleted record still reads by name.
    entity_title: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    # The event a participant row belongs to (no foreign key: the event may be gone).
    event_id: Mapped[int | None]
    # The record's version after the change: "what changed since version n" for stale forms.
    entity_version: Mapped[int | None]
    action: Mapped[AuditAction] = mapped_column(enum_type(AuditAction, "audit_action"))
    # {"field": [old, new], ...}: values as they were shown to JSON.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()
    change_set: Mapped[ChangeSet] = relationship(back_populates="entries")
