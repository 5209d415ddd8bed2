"""`flask prints work [--loop]`: render the queued prints, once or until stopped.

With `--loop` and PRINT_CONCURRENCY above 1, the command starts that many worker processes
in all (itself and children running the same command), each rendering one print at a time:
a render holds a whole core, so on 2 cores keep the default of 1.
"""

import os
import subprocess
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from visits.background_loop import repeat, stop_on_signals
from visits.prints.worker import run_pending

prints = AppGroup("prints", help="Programme prints rendered off the request path.")

CHILD_STOP_SECONDS = 15


@prints.command("work")
@click.option("--loop", is_flag=True, help="Keep rendering until stopped (SIGTERM, Ctrl+C).")
@click.option("--limit", default=20, show_default=True, help="Prints at most per round.")
def work_command(loop: bool, limit: int) -> None:
    """Render the queued programme prints (PDF, .docx)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not loop:
        click.echo(f"Prints: {run_pending(app, limit=limit)}.")
        return
    stop = stop_on_signals()
    # Renders yield the processor to the web workers: a calendar's poll or a page must not
    # wait behind a PDF (the children started below inherit the priority).
    os.nice(int(app.config.get("PRINT_NICENESS", 10)))
    children = _start_children(int(app.config.get("PRINT_CONCURRENCY", 1)) - 1)
    poll = float(app.config.get("PRINT_POLL_SECONDS", 1))
    click.echo(f"Print worker: looking for queued prints every {poll:g} s.")

    def render() -> tuple[int, str]:
        counts = run_pending(app, limit=limit)
        return counts.done + counts.retried + counts.failed, f"Prints: {counts}."

    try:
        repeat(render, name="Print worker", poll=poll, limit=limit, stop=stop)
    finally:
        _stop_children(children)
    click.echo("Print worker stopped.")


def _start_children(count: int) -> list[subprocess.Popen[bytes]]:
    """More worker processes running this same command, each alone (concurrency 1)."""
    if count <= 0:
        return []
    env = os.environ | {"VISITS_PRINT_CONCURRENCY": "1"}
    command = [sys.executable, "-m", "flask", *sys.argv[1:]]
    return [subprocess.Popen(command, env=env) for _ in range(count)]


def _stop_children(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        child.terminate()
    for child in children:
        try:
            child.wait(CHILD_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
