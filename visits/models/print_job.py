"""Print jobs: a programme PDF or .docx asked for by staff, rendered by the print worker
(`flask prints work`) off the request path and kept for download until pruned."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, utcnow


class PrintKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"


class PrintState(StrEnum):
    QUEUED = "queued"
    RENDERING = "rendering"
    DONE = "done"
    FAILED = "failed"


class PrintJob(Model):
    """One print of one version of a visit's programme, under its ETag (`key`). A worker owns
    it while `rendering`, from `claimed_at`; `options` holds what it takes to render it again
    (the print options and the interface language of whoever asked)."""

    __tablename__ = "print_jobs"
    __table_args__ = (
        Index("ix_print_jobs_state_created_at", "state", "created_at"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[PrintKind] = mapped_column(enum_type(PrintKind, "print_kind"))
    options: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[PrintState] = mapped_column(
        enum_type(PrintState, "print_state"), default=PrintState.QUEUED
    )
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    # Shown to staff on the progress page, in the language of whoever asked.
    error: Mapped[str | None] = mapped_column(Text)
    file: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    file_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    def __repr__(self) -> str:
        return f"<PrintJob {self.id} {self.file_name} {self.state}>"
