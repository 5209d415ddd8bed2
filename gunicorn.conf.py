"""gunicorn settings for `make serve`: several workers, each with its own app and database pool,
and logs written as one JSON object per line, with feed secrets cut out.

Environment: VISITS_BIND (default 127.0.0.1:8000), VISITS_WORKERS (default 4),
VISITS_ACCESS_LOG and VISITS_ERROR_LOG (a file, or `-` for stdout / stderr; the default),
VISITS_OUTBOX_SENDER and VISITS_PRINT_WORKER (`off`: no outbox sender, no print worker beside
the server; by default the arbiter runs `flask outbox send --loop` and `flask prints work
--loop` as child processes and stops them when the server stops; the workers then leave
PDFs to the print worker: VISITS_PRINT_RENDERING=worker).
The database and the secret key come from DATABASE_URL and SECRET_KEY, as for every command.
"""

import json
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger

bind = [os.environ.get("VISITS_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("VISITS_WORKERS", "4"))
# Threaded workers: a connection a browser opens ahead and leaves idle (Chromium does) waits
# in the worker's poller instead of holding a whole sync worker until the timeout, and
# kept-alive connections are reused. Long work (PDFs) is the print worker's, not theirs.
worker_class = "gthread"
threads = int(os.environ.get("VISITS_THREADS", "4"))
# Each worker builds its own app after the fork: no connection pool is shared between them.
preload_app = False
timeout = 30
graceful_timeout = 20
accesslog = os.environ.get("VISITS_ACCESS_LOG", "-")
errorlog = os.environ.get("VISITS_ERROR_LOG", "-")
# gunicorn 23+ opens a control socket in $HOME by default: two servers would share it.
control_socket_disable = True

# One JSON object per access: every string atom is escaped by JsonLogger.atoms, numbers are
# numbers. `path` is the path without the query string; RedactFeedSecrets (on the
# gunicorn.access logger) turns /feeds/<secret> into /feeds/… before the line is written.
access_log_format = (
    '{"time": "%(time)s", "method": "%(m)s", "path": "%(U)s", "status": %(status)s, '
    '"bytes": %(bytes)s, "duration_ms": %(duration_ms)s, "remote_addr": "%(h)s"}'
)


def json_text(value: str) -> str:
    """`value` escaped for the inside of a JSON string, using only \\uXXXX escapes: no quote or
    backslash is left in the text, so cutting a secret out of it cannot break the JSON."""
    return "".join(
        char if " " <= char <= "~" and char not in '"\\' else _unicode_escape(char)
        for char in value
    )


def _unicode_escape(char: str) -> str:
    units = char.encode("utf-16-be")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def _number(value: Any) -> int:
    try:
        return int(str(value).split(None, 1)[0])
    except (TypeError, ValueError, IndexError):
        return 0


class JsonFormatter(logging.Formatter):
    """gunicorn's own messages (start, workers, errors) as JSON lines too, and the app's: its
    logger writes through these handlers under gunicorn (visits.feeds.logs.init_logging)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "pid": record.process,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class JsonLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
        # The app attaches the filter when it is built; do it here too, so that no access line
        # is ever written without it, whenever the app happens to be loaded.
        # Imported here: the app's configuration reads VISITS_PRINT_RENDERING (set below) on import.
        from visits.feeds.logs import attach

        attach(self.access_log)
        attach(self.error_log)

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict[str, Any]:
        atoms = dict(super().atoms(resp, req, environ, request_time))
        # WSGI gives the path as its bytes read as Latin-1; show the UTF-8 text it carries.
        path = atoms.get("U")
        atoms["U"] = path.encode("latin-1", "replace").decode("utf-8", "replace") if path else ""
        atoms = {
            key: json_text(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        atoms["time"] = now
        atoms["status"] = _number(getattr(resp, "status", None))
        atoms["bytes"] = _number(getattr(resp, "sent", None))
        atoms["duration_ms"] = round(request_time.total_seconds() * 1000, 1)
        return atoms


logger_class = JsonLogger

# Background processes beside the workers, started once the server is ready and stopped with
# it: the outbox sender and the print worker. Each can be left out with its variable set to
# `off` (e.g. when it runs on another host).
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]
CHILDREN = {
    "Outbox sender": ("VISITS_OUTBOX_SENDER", [*FLASK, "outbox", "send", "--loop"]),
    "Print worker": ("VISITS_PRINT_WORKER", [*FLASK, "prints", "work", "--loop"]),
}
SENDER_COMMAND = CHILDREN["Outbox sender"][1]
PRINT_WORKER_COMMAND = CHILDREN["Print worker"][1]
CHILD_STOP_SECONDS = 15
_children: dict[str, subprocess.Popen[bytes]] = {}

# The workers leave PDFs and .docx files to the print worker (unless told otherwise). Nothing
# of the application is imported before this line: its configuration reads it on import.
os.environ.setdefault("VISITS_PRINT_RENDERING", "worker")


def when_ready(server: Any) -> None:
    for name, (switch, command) in CHILDREN.items():
        if os.environ.get(switch, "").lower() == "off":
            server.log.info(f"{name} off ({switch}=off)")
            continue
        _children[name] = subprocess.Popen(command)
        server.log.info(f"{name} started (pid {_children[name].pid})")


def on_exit(server: Any) -> None:
    for child in _children.values():
        child.terminate()
    for name, child in list(_children.items()):
        try:
            child.wait(CHILD_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        server.log.info(f"{name} stopped")
        del _children[name]
