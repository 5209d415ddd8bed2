"""Feed secrets never reach the logs: the request lines of the development server (and the
app's own messages) show `/feeds/…` instead."""

import importlib.util
import io
import json
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from visits.feeds.logs import RedactFeedSecrets, init_logging, redact


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test's app on a free local port, served by werkzeug's server in a thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.isolated  # the server thread reads what the test committed
def test_request_lines_of_the_dev_server_show_no_secret(
    app, live_server, caplog, scene, make_token
):
    init_logging(app)  # create_app does it too; attaching twice adds one filter only
    init_logging(app)
    token = make_token(scene["visit"])
    caplog.set_level(logging.INFO, logger="werkzeug")
    assert fetch(f"{live_server}/feeds/{token.token}.ics") == 200
    assert fetch(f"{live_server}/feeds/{token.token}") == 200
    assert fetch(f"{live_server}/feeds/{token.token}.ics?x=1") == 200
    assert fetch(f"{live_server}/feeds/{'z' * 43}.ics") == 404
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert len(lines) >= 4
    assert token.token not in caplog.text
    assert "z" * 43 not in caplog.text
    assert all("/feeds/…" in line for line in lines)
    werkzeug = logging.getLogger("werkzeug")
    assert sum(isinstance(f, RedactFeedSecrets) for f in werkzeug.filters) == 1


def test_the_apps_own_messages_are_cut_too(app, caplog):
    init_logging(app)
    caplog.set_level(logging.INFO, logger=app.logger.name)
    app.logger.info("feed %s polled from %s", "/feeds/SECRET123.ics", "10.0.0.1")
    app.logger.warning("GET /feeds/SECRET456 HTTP/1.1 failed")
    app.logger.info("%(path)s", {"path": "https://example.org/feeds/SECRET789"})
    assert "SECRET" not in caplog.text
    assert "feed /feeds/… polled from 10.0.0.1" in caplog.text
    assert "https://example.org/feeds/…" in caplog.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"GET /feeds/abc-_12.ics HTTP/1.1" 200 -', '"GET /feeds/… HTTP/1.1" 200 -'),
        ("/feeds/abc?lang=en", "/feeds/…"),
        ("see http://h:5000/feeds/abc.", "see http://h:5000/feeds/…"),
        ("GET /visits/1/feeds HTTP/1.1", "GET /visits/1/feeds HTTP/1.1"),
        ("nothing here", "nothing here"),
    ],
)
def test_redact(line, expected):
    assert redact(line) == expected


def test_other_arguments_are_left_as_they_are():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d items at %s", (3, 1.5), None)
    RedactFeedSecrets().filter(record)
    assert record.getMessage() == "3 items at 1.5"


def test_app_messages_are_json_lines_in_gunicorns_error_log(app, monkeypatch) -> None:
    """Under gunicorn the app's warnings go to the error log in the same JSON lines as
    gunicorn's own messages, not in Flask's plain format."""
    spec = importlib.util.spec_from_file_location(
        "gunicorn_settings", Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    )
    assert spec is not None and spec.loader is not None
    settings = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settings)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(settings.JsonFormatter())
    # What gunicorn's logger set up in the worker before the app was built.
    monkeypatch.setattr(logging.getLogger("gunicorn.error"), "handlers", [handler])
    monkeypatch.setattr(app.logger, "handlers", list(app.logger.handlers))

    init_logging(app)
    app.logger.warning("Integrity error answered 409: %s", "/feeds/abc123secret.ics")
    logging.getLogger("visits.outbox.sender").warning("Outbox: %d failed", 2)

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(line["level"], line["logger"], line["message"]) for line in lines] == [
        ("WARNING", "visits", "Integrity error answered 409: /feeds/…"),
        ("WARNING", "visits.outbox.sender", "Outbox: 2 failed"),
    ]
    assert all(set(line) == {"time", "level", "pid", "logger", "message"} for line in lines)
