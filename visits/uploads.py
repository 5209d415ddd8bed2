"""Uploaded files kept between a preview and its confirmation.

An import is shown first and applied only when the user confirms, in a second request,
perhaps served by another worker or another host. The file is parked in the database under
a random key bound to the user and the kind of import, read back on confirmation and
removed; it expires after PENDING_UPLOAD_MINUTES, and expired files are removed whenever a
new one is parked.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete
from werkzeug.datastructures import FileStorage

from visits.extensions import db
from visits.models.pending_upload import PendingUpload
from visits.orm import utcnow

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class UploadError(ValueError):
    """An upload that cannot be read: missing, empty or larger than the limit."""


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def read_upload(storage: FileStorage | None, limit: int | None = None) -> Upload:
    """The file's name and bytes, refused when absent, empty or over the import limit."""
    limit = limit if limit is not None else current_app.config["IMPORT_MAX_BYTES"]
    if storage is None or not storage.filename:
        raise UploadError("no file")
    data = storage.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadError("too large")
    if not data:
        raise UploadError("empty")
    return Upload(Path(storage.filename).name, data)


def too_large_message(limit: int | None = None) -> str:
    limit = limit if limit is not None else current_app.config["IMPORT_MAX_BYTES"]
    return _("The file is larger than %(size)d KB, the most an import takes.", size=limit // 1024)


def upload_problem(error: UploadError) -> str:
    """What to tell the user who sent a file that cannot be read."""
    reason = str(error)
    if reason == "too large":
        return too_large_message()
    if reason == "empty":
        return _("The file is empty.")
    return _("Choose a file to upload.")


class PendingGone(LookupError):
    """The parked upload cannot be had: `expired`, or unknown (never parked, another
    user's or kind's, already confirmed)."""

    def __init__(self, expired: bool) -> None:
        self.expired = expired
        super().__init__("expired" if expired else "unknown")


def keep_minutes() -> int:
    return int(current_app.config["PENDING_UPLOAD_MINUTES"])


def park(user_id: int, upload: Upload, kind: str) -> str:
    """Keep the upload for `user_id` and this kind of import, and commit; the returned
    token fetches it back. Expired uploads are removed on the way."""
    now = utcnow()
    db.session.execute(delete(PendingUpload).where(PendingUpload.expires_at < now))
    token = secrets.token_urlsafe(24)
    db.session.add(
        PendingUpload(
            key=token,
            user_id=user_id,
            kind=kind,
            file_name=upload.name[:255],
            data=upload.data,
            created_at=now,
            expires_at=now + timedelta(minutes=keep_minutes()),
        )
    )
    db.session.commit()
    return token


def _row(user_id: int, token: str, kind: str) -> PendingUpload | None:
    if not TOKEN.match(token or ""):
        return None
    row = db.session.get(PendingUpload, token)
    if row is None or row.user_id != user_id or row.kind != kind:
        return None
    return row


def fetch(user_id: int, token: str, kind: str) -> Upload:
    """The upload parked by this user for this kind under `token`; PendingGone if none."""
    row = _row(user_id, token, kind)
    if row is None:
        raise PendingGone(expired=False)
    if row.expires_at <= utcnow():
        raise PendingGone(expired=True)
    return Upload(row.file_name, bytes(row.data))


def gone_message(error: PendingGone) -> str:
    if error.expired:
        return _(
            "The uploaded file was kept for %(minutes)d minutes and has expired. "
            "Please upload it again.",
            minutes=keep_minutes(),
        )
    return _("The uploaded file is no longer kept. Please upload it again.")


def discard(user_id: int, token: str, kind: str) -> None:
    """Remove the parked upload, and commit."""
    row = _row(user_id, token, kind)
    if row is not None:
        db.session.delete(row)
        db.session.commit()
