"""`flask outbox send [--loop]`: deliver what is due, once or until stopped."""

import logging
import signal
import threading
from types import FrameType

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from visits.outbox.sender import send_due
from visits.outbox.transports import PermanentFailure, transport_for

log = logging.getLogger(__name__)

outbox = AppGroup("outbox", help="E-mail to delegates.")

# After a database outage, wait this many polls at most between tries.
MAX_OUTAGE_POLLS = 12


@outbox.command("send")
@click.option("--loop", is_flag=True, help="Keep delivering until stopped (SIGTERM, Ctrl+C).")
@click.option("--limit", default=50, show_default=True, help="Messages at most per round.")
def send_command(loop: bool, limit: int) -> None:
    """Deliver the queued messages that are due through MAIL_URL, or write them as .eml files
    in the instance folder when no mail server is set."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        transport_for(app.config, app.instance_path).close()
    except PermanentFailure as error:
        raise click.ClickException(str(error)) from None
    if not loop:
        click.echo(f"Outbox: {send_due(app, limit=limit)}.")
        return
    stop = threading.Event()

    def _stop(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    poll = float(app.config.get("OUTBOX_POLL_SECONDS", 5))
    click.echo(f"Outbox sender: looking for due messages every {poll:g} s.")
    outages = 0
    while not stop.is_set():
        try:
            counts = send_due(app, limit=limit)
        except SQLAlchemyError as error:
            outages += 1
            log.warning("Outbox sender: the database is unavailable (%s); waiting.", error)
            stop.wait(poll * min(outages, MAX_OUTAGE_POLLS))
            continue
        outages = 0
        if counts.sent or counts.retried or counts.failed:
            click.echo(f"Outbox: {counts}.")
        if counts.sent + counts.retried + counts.failed < limit:
            stop.wait(poll)
    click.echo("Outbox sender stopped.")
