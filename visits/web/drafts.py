"""A form put aside while its user creates a record it needs, then given back.

Without script, "New person…" in the event form cannot open a dialog: the form as typed
is parked in the user's session, the person's own form opens, and saving it (or going
back) returns to the event form, restored, with the new person in it. One draft at a
time; it is taken (and forgotten) when the form it came from is shown again.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import request, session
from werkzeug.datastructures import MultiDict

KEY = "form_draft"
# Fields never parked: the token is the request's own, the button is the detour itself.
SKIPPED = frozenset({"csrf_token", "create"})
# The query argument that asks a form page for its draft, and the one that says a record
# page was opened for a draft.
RESTORE = "restore"
FOR_DRAFT = "draft"


@dataclass(frozen=True)
class Draft:
    kind: str  # what is being created: "person", "venue"
    formdata: MultiDict[str, str]
    created_id: int | None


def park(kind: str, return_path: str) -> None:
    """Keep the posted form, to come back to `return_path` once a `kind` is created."""
    fields = [[k, v] for k, v in request.form.items(multi=True) if k not in SKIPPED]
    session[KEY] = {"kind": kind, "path": return_path, "form": fields, "created": None}


def _pending(kind: str) -> dict | None:
    draft = session.get(KEY)
    return draft if isinstance(draft, dict) and draft.get("kind") == kind else None


def back_url(kind: str) -> str | None:
    """Where the page opened for a draft (`?draft=1`) leads back to, if a draft waits."""
    draft = _pending(kind) if request.args.get(FOR_DRAFT) else None
    return f"{draft['path']}?{urlencode({RESTORE: 1})}" if draft else None


def come_back(kind: str, record_id: int) -> str | None:
    """The record was created for the waiting draft: the address of its form again."""
    url = back_url(kind)
    if url is not None:
        session[KEY] = {**session[KEY], "created": record_id}
    return url


def take(path: str) -> Draft | None:
    """The draft parked by the form at `path` (forgotten now), when `?restore=` asks."""
    if not request.args.get(RESTORE):
        return None
    draft = session.get(KEY)
    if not isinstance(draft, dict) or draft.get("path") != path:
        return None
    session.pop(KEY)
    created = draft.get("created")
    return Draft(
        str(draft["kind"]),
        MultiDict([(str(k), str(v)) for k, v in draft.get("form", [])]),
        created if isinstance(created, int) else None,
    )
