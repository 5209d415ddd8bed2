"""The loop of a process beside the web server (`flask outbox send --loop`, `flask prints
work --loop`): rounds of work until SIGTERM or Ctrl+C, waiting while the database is away."""

import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType

import click
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

# After a database outage, wait this many polls at most between tries.
MAX_OUTAGE_POLLS = 12


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT (the loop ends after the round in progress)."""
    stop = threading.Event()

    def _stop(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    return stop


def repeat(
    work: Callable[[], tuple[int, str]],
    *,
    name: str,
    poll: float,
    limit: int,
    stop: threading.Event,
) -> None:
    """Call `work` (one round: how many items it handled, and what to say of them) until
    `stop` is set: again at once after a full round, after `poll` seconds otherwise, and
    after ever longer waits while the database is unavailable."""
    outages = 0
    while not stop.is_set():
        try:
            handled, said = work()
        except SQLAlchemyError as error:
            outages += 1
            log.warning("%s: the database is unavailable (%s); waiting.", name, error)
            stop.wait(poll * min(outages, MAX_OUTAGE_POLLS))
            continue
        outages = 0
        if handled:
            click.echo(said)
        if handled < limit:
            stop.wait(poll)
