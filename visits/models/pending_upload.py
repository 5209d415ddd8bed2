"""Uploaded files waiting for their import to be confirmed, kept in the database so that
any host behind the load balancer can find them."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from visits.models.base import Model
from visits.orm import UTCDateTime, utcnow


class PendingUpload(Model):
    """One previewed file, under a random key, fetched back only by the user who sent it
    for the same kind of import, until `expires_at`. Not audited: it is a passing copy."""

    __tablename__ = "pending_uploads"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    def __repr__(self) -> str:
        return f"<PendingUpload {self.kind} {self.file_name!r} of user {self.user_id}>"
