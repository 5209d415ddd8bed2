"""Uploaded files kept between a preview and its confirmation.

An import is shown first and applied only when the user confirms, in a second request,
perhaps served by another worker. The file is parked in the instance folder under a random
name bound to the user, read back on confirmation and removed; parked files older than a
day are swept away whenever a new one is parked.
"""

import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

KEEP_SECONDS = 24 * 3600
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


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "pending-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(user_id: int, token: str) -> Path | None:
    if not TOKEN.match(token or ""):
        return None
    return _folder() / f"{int(user_id)}-{token}"


def park(user_id: int, upload: Upload) -> str:
    """Keep the upload for `user_id`; the returned token fetches it back."""
    _sweep()
    token = secrets.token_urlsafe(24)
    path = _path(user_id, token)
    assert path is not None  # a token made here has the form a token takes
    path.with_suffix(".name").write_text(upload.name, encoding="utf-8")
    path.write_bytes(upload.data)
    return token


def fetch(user_id: int, token: str) -> Upload | None:
    """The upload parked by this user under `token`, or None (unknown, expired, another's)."""
    path = _path(user_id, token)
    if path is None or not path.is_file():
        return None
    name_file = path.with_suffix(".name")
    name = name_file.read_text(encoding="utf-8") if name_file.is_file() else path.name
    return Upload(name, path.read_bytes())


def discard(user_id: int, token: str) -> None:
    path = _path(user_id, token)
    if path is not None:
        path.unlink(missing_ok=True)
        path.with_suffix(".name").unlink(missing_ok=True)


def _sweep() -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in _folder().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue
