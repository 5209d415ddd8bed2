"""Fixtures for the real-browser tests: the system Chromium driven by Playwright, and the
app served over HTTP from a background thread.

Browser tests run on SQLite only: `database_url` is overridden here without parameters, so
the PostgreSQL variant of these tests is not generated at all. The server thread opens its
own connections to the same SQLite file, so whatever a test commits is visible to the pages.
"""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Playwright waits this long (ms) for an element or a navigation before failing.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A SQLite file of its own (replaces the parametrized fixture of tests/conftest.py)."""
    return "sqlite:///" + str(tmp_path_factory.mktemp("sqlite-browser") / "test.sqlite3")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless system Chromium for the whole run; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive the system Chromium. "
            "Run `make test`, which installs it from the Debian packages.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test's app served on a free local port; yields the base URL (no trailing slash)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # A short poll interval so that shutdown() returns at once instead of after 0.5 s.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="live-server", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def page(browser) -> Iterator[Page]:
    """A fresh context (no cookies) and page per test, with a Russian-speaking browser."""
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
