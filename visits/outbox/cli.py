"""`flask outbox send [--loop]`: deliver what is due, once or until stopped."""

import click
from flask import current_app
from flask.cli import AppGroup

from visits.background_loop import repeat, stop_on_signals
from visits.outbox.sender import send_due
from visits.outbox.transports import PermanentFailure, transport_for

outbox = AppGroup("outbox", help="E-mail to delegates.")


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
    stop = stop_on_signals()
    poll = float(app.config.get("OUTBOX_POLL_SECONDS", 5))
    click.echo(f"Outbox sender: looking for due messages every {poll:g} s.")

    def deliver() -> tuple[int, str]:
        counts = send_due(app, limit=limit)
        return counts.sent + counts.retried + counts.failed, f"Outbox: {counts}."

    repeat(deliver, name="Outbox sender", poll=poll, limit=limit, stop=stop)
    click.echo("Outbox sender stopped.")
