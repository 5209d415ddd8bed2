"""Rendering beside a development server (PRINT_RENDERING = "thread", `make run`): one
thread of the server process renders what is queued, started by the request that queued it,
right after that request committed. No separate worker is needed there."""

import logging
import threading

from flask import Flask

from visits.prints.worker import run_pending

log = logging.getLogger(__name__)

_lock = threading.Lock()
_more = threading.Event()
_runner: threading.Thread | None = None


def kick(app: Flask) -> None:
    """Have the queue rendered: wake the running thread up, or start one."""
    global _runner
    with _lock:
        _more.set()
        if _runner is None or not _runner.is_alive():
            _runner = threading.Thread(target=_run, args=(app,), name="prints", daemon=True)
            _runner.start()


def _run(app: Flask) -> None:
    global _runner
    while True:
        _more.clear()
        try:
            run_pending(app)
        except Exception:
            log.exception("Rendering prints in the background failed")
        with _lock:
            if not _more.is_set():
                _runner = None
                return


def join(timeout: float | None = None) -> None:
    """Wait until the thread has rendered the queue (tests, and an orderly shutdown)."""
    runner = _runner
    if runner is not None:
        runner.join(timeout)
