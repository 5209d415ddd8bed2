"""`make serve`'s gunicorn, run for real: several workers answer, and the access log is one
JSON object per line with no feed secret in it."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # gunicorn, run for real

ROOT = Path(__file__).resolve().parent.parent
SECRET = "fakeSecret4242-never-logged"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, server: subprocess.Popen, seconds: float = 8.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"gunicorn did not listen on port {port} within {seconds} s")


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_gunicorn_writes_json_access_lines_without_feed_secrets(tmp_path: Path) -> None:
    port = _free_port()
    access_log = tmp_path / "access.log"
    env = os.environ | {
        "DATABASE_URL": "sqlite:///" + str(tmp_path / "visits.sqlite3"),
        "SECRET_KEY": "serving-test",
        "VISITS_BIND": f"127.0.0.1:{port}",
        "VISITS_WORKERS": "2",
        "VISITS_ACCESS_LOG": str(access_log),
        "VISITS_ERROR_LOG": str(tmp_path / "error.log"),
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)

    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, server)
        base = f"http://127.0.0.1:{port}"
        assert _get(f"{base}/healthz") == 200
        assert _get(f"{base}/feeds/{SECRET}.ics") == 404
        assert _get(f"{base}/feeds/{SECRET}") == 404
        # A quote and a backslash in the path: the line must stay valid JSON.
        assert _get(f"{base}/feeds/{SECRET}%22%5C.ics") == 404
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    text = access_log.read_text()
    assert SECRET not in text
    lines = [json.loads(line) for line in text.splitlines()]
    # Two workers each write their line after answering: the order may differ.
    assert sorted((line["method"], line["path"], line["status"]) for line in lines) == [
        ("GET", "/feeds/…", 404),
        ("GET", "/feeds/…", 404),
        ("GET", "/feeds/…", 404),
        ("GET", "/healthz", 200),
    ]
    for line in lines:
        assert set(line) == {
            "time",
            "method",
            "path",
            "status",
            "bytes",
            "duration_ms",
            "remote_addr",
        }
        assert line["remote_addr"] == "127.0.0.1"
        assert isinstance(line["bytes"], int) and line["bytes"] > 0
        assert isinstance(line["duration_ms"], int | float) and line["duration_ms"] >= 0
    errors = (tmp_path / "error.log").read_text()
    assert SECRET not in errors
    assert all(json.loads(line)["level"] for line in errors.splitlines())
    # The outbox sender ran beside the workers and was stopped with the server.
    messages = [json.loads(line)["message"] for line in errors.splitlines()]
    assert any(message.startswith("Outbox sender started") for message in messages)
    assert "Outbox sender stopped" in messages
    # So did the print worker.
    assert any(message.startswith("Print worker started") for message in messages)
    assert "Print worker stopped" in messages


def test_under_gunicorn_the_workers_leave_prints_to_the_print_worker() -> None:
    """The settings file sets the rendering before the app's configuration is imported:
    a worker that rendered in a thread of its own would starve the feed polls it serves."""
    check = (
        "import runpy; runpy.run_path('gunicorn.conf.py'); "
        "from visits.config import Config; print(Config.PRINT_RENDERING)"
    )
    env = {k: v for k, v in os.environ.items() if k != "VISITS_PRINT_RENDERING"}
    found = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    assert found.stdout.strip() == "worker"
