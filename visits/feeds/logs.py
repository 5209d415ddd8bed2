"""Keep feed secrets out of the logs: a feed's address is its only key, and request logs
(the development server's, gunicorn's access log, the app's own) would otherwise keep
every delegate's secret in plain text.

`init_logging(app)` attaches `RedactFeedSecrets` to those loggers; create_app calls it.
"""

import logging
import re
from collections.abc import Mapping
from typing import Any

from flask import Flask

# `/feeds/` and whatever follows it up to a blank, a quote or an angle bracket: the secret,
# its `.ics`, a query string. Staff addresses such as /visits/1/feeds/new are cut too.
SECRET_PATH = re.compile(r"/feeds/[^\s\"'<>]+")
REDACTED = "/feeds/…"
# Loggers that write request lines: the development server and gunicorn.
REQUEST_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


def redact(text: str) -> str:
    return SECRET_PATH.sub(REDACTED, text)


def _redacted(value: Any) -> Any:
    """A string with the secrets cut; any other value whose text shows a secret becomes
    that text redacted; anything else as it is (so that %d and the like still work)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int | float | type(None)):
        return value
    text = str(value)
    cut = redact(text)
    return value if cut == text else cut


class RedactFeedSecrets(logging.Filter):
    """Rewrites `/feeds/<secret>` to `/feeds/…` in a record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        elif record.msg is not None and not isinstance(record.msg, int | float):
            record.msg = _redacted(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_redacted(value) for value in record.args)
        return True


def attach(logger: logging.Logger) -> None:
    """Add the filter to `logger` once, however often the app is created."""
    if not any(isinstance(existing, RedactFeedSecrets) for existing in logger.filters):
        logger.addFilter(RedactFeedSecrets())


def init_logging(app: Flask) -> None:
    for name in REQUEST_LOGGERS:
        attach(logging.getLogger(name))
    attach(app.logger)
