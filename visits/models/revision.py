"""Issued revisions of a visit's programme, each with a snapshot of it."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.user import User
from visits.models.visit import Visit
from visits.orm import UTCDateTime, utcnow


class ProgrammeRevision(Model):
    __tablename__ = "programme_revisions"
    __table_args__ = (UniqueConstraint("visit_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    comment: Mapped[str | None] = mapped_column(Text, info={"max_length": 2000})
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)

    visit: Mapped[Visit] = relationship(back_populates="revisions")
    issued_by: Mapped[User | None] = relationship()
