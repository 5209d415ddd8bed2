"""`flask outbox send --loop` as `make run` and `make serve` start it: it delivers what is
queued while it runs, and stops cleanly on SIGTERM."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.outbox.conftest import queue
from visits.extensions import db

pytestmark = pytest.mark.isolated  # another process reads what the test commits

ROOT = Path(__file__).resolve().parents[2]


def _wait_until(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the sender did not deliver in time")
        time.sleep(0.1)


def test_the_loop_delivers_and_stops_on_sigterm(smtp_app, mail_server):
    message = queue()
    message_id = message.message_id
    db.session.remove()
    env = os.environ | {
        "DATABASE_URL": smtp_app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "outbox-loop-test",
        "MAIL_URL": mail_server.url,
        "OUTBOX_POLL_SECONDS": "0.2",
    }
    sender = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "outbox", "send", "--loop"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until(lambda: bool(mail_server.received) or sender.poll() is not None)
        sender.send_signal(signal.SIGTERM)
        output, _ = sender.communicate(timeout=30)
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.wait()

    assert sender.returncode == 0, output
    assert mail_server.message_ids() == [message_id]
    assert "Outbox: 1 sent, 0 to retry, 0 failed." in output
    assert output.rstrip().endswith("Outbox sender stopped.")
