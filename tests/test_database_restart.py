"""Faults: the database goes away and comes back.

While PostgreSQL is down every request is answered 503 with a retry hint (never a 500,
never a traceback); once it is back the same app answers again without being rebuilt
(the pool's pre-ping replaces the dead connections), and every committed row is there.
"""

import http.client
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from urllib.parse import urlencode

import psycopg
import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select
from werkzeug.serving import make_server

from tests.conftest import FAST_HASH, PASSWORD
from tests.postgres import PostgresServer, start_postgres
from visits import MIGRATIONS, create_app
from visits.config import TestConfig
from visits.extensions import db
from visits.models import FeedScope, FeedToken, LocalizedText, Role, User, Visit

pytestmark = pytest.mark.slow  # servers, threads and databases of their own

VISIT_FORM = {
    "title_ru": "Визит делегации",
    "title_kk": "",
    "title_en": "Delegation visit",
    "timezone": "Asia/Almaty",
    "start_date": "2025-04-21",
    "end_date": "2025-04-22",
    "status": "draft",
    "delegation_id": "",
    "host_organization_id": "",
    "liaison_officer_id": "",
    "city_speed_kmh": "30",
}
DAY = date(2025, 4, 21)
EDITOR = "editor@example.org"
SEEDED_VISITS = 12
CREATED_VISITS = 3
LOAD_THREADS = 6


def test_a_database_that_cannot_be_reached_gives_503_with_a_retry_hint(tmp_path):
    """No server listens on the port: pages, /healthz, API clients and feeds all get 503."""
    app = create_app(
        TestConfig(str(tmp_path / "instance"), "postgresql+psycopg://postgres@127.0.0.1:9/none")
    )
    client = app.test_client()

    # Signing in needs the database: the staff page that answers is a clear 503.
    page = client.post("/auth/login", data={"email": EDITOR, "password": PASSWORD})
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "5"
    assert page.mimetype == "text/html"
    assert "503" in page.get_data(as_text=True)
    assert "Traceback" not in page.get_data(as_text=True)

    health = client.get("/healthz")
    assert (health.status_code, health.headers["Retry-After"]) == (503, "5")
    assert health.get_json()["status"] == "unavailable"

    api = client.post(
        "/auth/login",
        data={"email": EDITOR, "password": PASSWORD},
        headers={"Accept": "application/json"},
    )
    assert (api.status_code, api.get_json()["status"]) == (503, 503)

    feed = client.get("/feeds/some-secret.ics")
    assert (feed.status_code, feed.mimetype) == (503, "text/plain")
    assert feed.headers["Retry-After"] == "5"
    assert feed.get_data(as_text=True) == "Service Unavailable\n"

    with app.app_context():
        db.engine.dispose()


@contextmanager
def live_server(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def sign_in(address: str) -> str:
    """Sign the editor in through the served app; returns the session cookie to send."""
    host, port = address.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=15)
    try:
        body = urlencode({"email": EDITOR, "password": PASSWORD})
        conn.request(
            "POST",
            "/auth/login",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = conn.getresponse()
        response.read()
        assert response.status == 302, response.status
        return response.getheader("Set-Cookie").split(";", 1)[0]
    finally:
        conn.close()


class Load:
    """A few threads requesting pages, feeds and /healthz until stopped; every status kept."""

    def __init__(self, address: str, paths: list[str]) -> None:
        self.address, self.paths = address, paths
        self.cookie = sign_in(address)
        self.statuses: list[tuple[float, str, int]] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(LOAD_THREADS)
        ]

    def _run(self, n: int) -> None:
        host, port = self.address.split(":")
        k = n
        while not self._stop.is_set():
            path = self.paths[k % len(self.paths)]
            k += 1
            conn = http.client.HTTPConnection(host, int(port), timeout=15)
            try:
                conn.request("GET", path, headers={"Cookie": self.cookie})
                response = conn.getresponse()
                body = response.read()
                status = response.status
                if b"Traceback" in body:
                    self.failures.append(f"{path}: traceback in the body")
                if status == 503 and response.getheader("Retry-After") != "5":
                    self.failures.append(f"{path}: 503 without Retry-After")
            except OSError as error:
                self.failures.append(f"{path}: {error!r}")
                status = 0
            finally:
                conn.close()
            with self._lock:
                self.statuses.append((time.monotonic(), path, status))

    def __enter__(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def since(self, moment: float) -> Counter:
        with self._lock:
            return Counter(status for at, _, status in self.statuses if at >= moment)


def _seed(app) -> str:
    """An editor, some visits and a visit feed, committed; returns the feed's secret."""
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        db.session.add(User(email=EDITOR, role=Role.EDITOR, password_hash=FAST_HASH))
        visits = [
            Visit(
                title=LocalizedText(ru=f"Визит {n}"),
                timezone="Asia/Almaty",
                start_date=DAY,
                end_date=DAY,
            )
            for n in range(SEEDED_VISITS)
        ]
        db.session.add_all(visits)
        token = FeedToken(scope=FeedScope.VISIT, visit=visits[0], label="restart", language="ru")
        db.session.add(token)
        db.session.commit()
        return token.token


def _count_visits(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Visit.id)))


def _wait_for(predicate, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_postgresql_stopped_and_started_under_load(database_url, tmp_path):
    if database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL only: the test stops and starts a PostgreSQL server of its own")
    server: PostgresServer = start_postgres()
    try:
        url = server.create_database("visits_restart")
        app = create_app(TestConfig(str(tmp_path / "instance"), url))
        secret = _seed(app)
        feed = f"/feeds/{secret}.ics"
        client = app.test_client()
        signed_in = client.post("/auth/login", data={"email": EDITOR, "password": PASSWORD})
        assert (signed_in.status_code, signed_in.headers["Location"]) == (302, "/visits/")
        for _ in range(CREATED_VISITS):
            created = client.post("/visits/new", data=VISIT_FORM)
            assert created.status_code == 302
            assert created.headers["Location"].startswith("/visits/")
        committed = SEEDED_VISITS + CREATED_VISITS
        assert _count_visits(app) == committed

        with (
            live_server(app) as address,
            Load(address, ["/healthz", "/visits/", feed]) as load,
        ):
            started = time.monotonic()
            assert _wait_for(lambda: load.since(started)[200] >= 10)

            port = server.port
            server.stop()
            stopped = time.monotonic()
            health = client.get("/healthz")
            assert (health.status_code, health.headers["Retry-After"]) == (503, "5")
            page = client.get("/visits/")
            assert (page.status_code, page.headers["Retry-After"]) == (503, "5")
            assert "503" in page.get_data(as_text=True)
            assert client.get(feed).status_code == 503
            # A change asked for during the gap is refused, and nothing of it is kept.
            assert client.post("/visits/new", data=VISIT_FORM).status_code == 503
            assert _wait_for(lambda: load.since(stopped)[503] >= 10)

            server.start()
            assert server.port == port
            with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres"):
                pass  # the same address answers again
            restarted = time.monotonic()
            # The same app, not rebuilt: the first request after the restart succeeds.
            assert client.get("/visits/").status_code == 200
            assert client.get("/healthz").status_code == 200
            assert client.get(feed).status_code == 200
            assert _wait_for(lambda: load.since(restarted + 0.5)[200] >= 10)

        assert load.failures == []
        statuses = load.since(0)
        assert set(statuses) <= {200, 503}, statuses
        assert 500 not in statuses
        assert _count_visits(app) == committed
        assert client.get("/visits/").status_code == 200
        with app.app_context():
            db.engine.dispose()
    finally:
        server.cleanup()
