"""Keep feed secrets out of the logs: a feed's address is its only key, and request logs
(the development server's, gunicorn's access log, the app's own) would otherwise keep
every delegate's secret in plain text.

`init_logging(app)` attaches `RedactFeedSecrets` to those loggers; create_app calls it.
Under gunicorn it also sends the app's own messages (its logger and every `visits.*` module
logger) to gunicorn's error log, whose handlers write JSON lines (gunicorn.conf.py), in place
of Flask's plain-text handler on stderr.
"""

import logging
import re
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask.logging import default_handler

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
    use_gunicorn_error_log(app.logger)


def use_gunicorn_error_log(logger: logging.Logger) -> None:
    """When gunicorn has set up its error log (in a worker, before the app is built), write
    `logger`'s records through the same handlers, so they come out as JSON lines beside
    gunicorn's own; elsewhere (`flask run`, the commands) Flask's handler stays."""
    gunicorn_handlers = logging.getLogger("gunicorn.error").handlers
    if not gunicorn_handlers:
        return
    logger.removeHandler(default_handler)
    for handler in gunicorn_handlers:
        if handler not in logger.handlers:
            logger.addHandler(handler)
