"""A feed poll whose client already has the current version, answered before Flask.

An unchanged feed polled again is most of a calendar server's traffic. When this worker's
memory (`poll_memory`) holds the link's row as still valid, the 304 needs neither a query
nor Flask's request cycle (session, locale, hooks): this WSGI layer answers it with the
very headers the view's 304 carries (`serve.feed_headers`, the security headers, `Vary`).
Everything else goes to Flask untouched: another path or method, a request with a cookie
or a body, a link not remembered (unknown, revoked, changed, past FEED_RECHECK_SECONDS),
a poll that must record the link's use, a client whose copy is not current.
"""

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from flask import Flask
from werkzeug.http import parse_date, parse_etags, remove_entity_headers
from werkzeug.wrappers import Request

from visits.feeds import poll_memory
from visits.feeds.serve import (
    feed_headers,
    needs_recording,
    not_modified,
    revalidation,
    well_formed,
)
from visits.orm import utcnow
from visits.security import HEADERS

log = logging.getLogger(__name__)

PREFIX, SUFFIX = "/feeds/", ".ics"
STATUS = "304 NOT MODIFIED"  # as Werkzeug writes it
# What Flask adds to the view's 304: the security headers, and `Vary: Cookie` as the
# request cycle looks for a signed-in user (in the session) on every request.
ADDED = [*HEADERS.items(), ("Vary", "Cookie")]
ANSWERS_KEPT = 4096  # rows with a language; a new row (read again) is a new key


class FastPoll:
    """WSGI middleware in front of `app.wsgi_app` (installed by `init_app`)."""

    def __init__(self, app: Flask, wrapped: Callable) -> None:
        self.app = app
        self.wrapped = wrapped
        self._answers: dict[tuple, tuple[str, datetime, list[tuple[str, str]]]] = {}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            headers = self.not_modified(environ)
        except Exception:  # never an error of its own: the app answers, as without this layer
            log.exception("Feed poll passed on to the app after an error.")
            headers = None
        if headers is None:
            return self.wrapped(environ, start_response)
        start_response(STATUS, headers)
        return []

    def not_modified(self, environ: dict) -> list[tuple[str, str]] | None:
        """The 304's headers, or None when Flask is to answer."""
        path = environ.get("PATH_INFO", "")
        if not (path.startswith(PREFIX) and path.endswith(SUFFIX)):
            return None
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or _carries_more(environ):
            return None
        secret = path[len(PREFIX) : -len(SUFFIX)]
        if not (secret.isascii() and well_formed(secret)):
            return None
        memory = poll_memory.started(self.app)
        row = memory.get(secret) if memory is not None else None
        if row is None or needs_recording(row, utcnow()):
            return None
        query = environ.get("QUERY_STRING")
        args = Request(environ).args if query else {}
        if any("\x00" in value for value in args.values()):
            return None  # refused by the app (400)
        tag, modified, headers = self.answer(row, args)
        if_none_match = parse_etags(environ.get("HTTP_IF_NONE_MATCH"))
        if_modified_since = parse_date(environ.get("HTTP_IF_MODIFIED_SINCE"))
        if not not_modified(tag, modified, if_none_match, if_modified_since):
            return None
        return list(headers)  # a copy: the server may keep what it is given

    def answer(self, row: Any, args: Mapping) -> tuple[str, datetime, list[tuple[str, str]]]:
        """The ETag, the moment and the 304's headers of `row`'s feed in the language asked
        for: worked out once per row read and language."""
        key = (row, args.get("lang", ""))
        found = self._answers.get(key)
        if found is None:
            if len(self._answers) >= ANSWERS_KEPT:
                self._answers.clear()
            _lang, tag, modified = revalidation(row, args, self.app.config)
            headers = feed_headers(tag, modified, self.app.config)
            remove_entity_headers(headers)  # as Werkzeug does for every 304
            found = self._answers[key] = (tag, modified, headers + ADDED)
        return found


def _carries_more(environ: dict) -> bool:
    """A cookie (a signed-in user to load) or a body (a form to check): the app's work."""
    length = environ.get("CONTENT_LENGTH", "")
    return bool(
        environ.get("HTTP_COOKIE")
        or (length and length != "0")
        or environ.get("HTTP_TRANSFER_ENCODING")
    )


def init_app(app: Flask) -> None:
    # Flask's documented way to wrap the WSGI app; its types see a method here.
    wrapped: Any = FastPoll(app, app.wsgi_app)
    app.wsgi_app = wrapped  # type: ignore[method-assign]
