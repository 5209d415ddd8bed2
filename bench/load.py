"""Load benchmark: gunicorn (4 workers) on a PostgreSQL server of its own, on 127.0.0.1 only.

Two runs side by side, each bounded in count and time:
- many concurrent calendar pollers of the demo's visit feed (every other poll revalidates
  with If-None-Match and expects 304), together with a few signed-in staff members viewing
  pages;
- the same run with the pollers asking GET /healthz (one query) instead, the staff
  members still viewing pages alongside, for the ratio.
Printed: requests per second, p50 / p99 latency and errors of each. Target: no errors, and
feed polls at least half the throughput of /healthz.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anywhere else
WORKERS = 4
POLLERS = 32
STAFF = 4
POLLS = 2_000
STAFF_VIEWS = 200
TIME_CAP_S = 20.0
STAFF_EMAIL = "load@example.org"
STAFF_PASSWORD = "load-" + secrets.token_hex(8)
USER_AGENT = "visits-bench-load"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Tally:
    """Latencies and errors of one kind of request, filled by several threads."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)

    @property
    def rate(self) -> float:
        return len(self.latencies) / (self.finished - self.started)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    def figure(self) -> str:
        return (
            f"{self.rate:,.0f} req/s · p50 {self.percentile(0.5) * 1000:.1f} ms · "
            f"p99 {self.percentile(0.99) * 1000:.1f} ms · {len(self.errors)} errors "
            f"({len(self.latencies):,} requests)"
        )


def request(port: int, path: str, headers: dict[str, str] | None = None, **kw):
    """One request on a fresh connection (gunicorn's sync workers close after each)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(
            kw.get("method", "GET"),
            path,
            kw.get("body"),
            {"User-Agent": USER_AGENT, **(headers or {})},
        )
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def prepare(database_url: str, folder: str) -> tuple[str, int]:
    """Migrate, load the demo, add a staff account; returns the visit feed's secret and the
    demo visit's id."""
    from flask_migrate import upgrade

    from visits import MIGRATIONS, create_app
    from visits.auth.services import create_user
    from visits.config import TestConfig
    from visits.demo import demo_feed_tokens, load_demo
    from visits.extensions import db
    from visits.models import FeedScope, Role

    app = create_app(TestConfig(folder, database_url))
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        visit = load_demo(db.session)
        tokens = demo_feed_tokens(db.session, visit)
        create_user(db.session, STAFF_EMAIL, STAFF_PASSWORD, Role.EDITOR)
        db.session.commit()
        secret = next(t.token for t in tokens if t.scope == FeedScope.VISIT)
        visit_id = visit.id
        db.engine.dispose()
    return secret, visit_id


def start_gunicorn(database_url: str, folder: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = os.environ | {"DATABASE_URL": database_url, "SECRET_KEY": secrets.token_hex(32)}
    log = open(Path(folder) / "gunicorn.log", "wb")  # noqa: SIM115 — kept by the process
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-w",
            str(WORKERS),
            "-b",
            f"{HOST}:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: see {log.name}")
        try:
            if request(port, "/healthz")[0] == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def sign_in(port: int) -> str:
    """Sign in as production does (CSRF on): read the form's token, post it back."""
    status, headers, body = request(port, "/auth/login")
    cookie = _cookie(headers)
    token = CSRF.search(body.decode())
    if status != 200 or token is None:
        raise RuntimeError(f"the sign-in page answered {status} without a CSRF token")
    form = {"csrf_token": token.group(1), "email": STAFF_EMAIL, "password": STAFF_PASSWORD}
    status, headers, _ = request(
        port,
        "/auth/login",
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
        body=urlencode(form),
    )
    if status != 302:
        raise RuntimeError(f"signing in answered {status}")
    return _cookie(headers)


def _cookie(headers: list[tuple[str, str]]) -> str:
    return "; ".join(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie")


def drive(
    tally: Tally, threads: int, count: int, one: Callable[[int], str | None], deadline: float
) -> list[threading.Thread]:
    """`threads` threads share `count` requests; `one(n)` makes request n, returns an error."""
    counter = iter(range(count))
    lock = threading.Lock()

    def work() -> None:
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            started = time.perf_counter()
            try:
                error = one(n)
            except OSError as failure:
                error = repr(failure)
            tally.add(time.perf_counter() - started, error)

    workers = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    return workers


def run_together(*groups: tuple[Tally, list[threading.Thread]]) -> None:
    started = time.perf_counter()
    for tally, workers in groups:
        tally.started = started
        for worker in workers:
            worker.start()
    for tally, workers in groups:
        for worker in workers:
            worker.join()
        tally.finished = time.perf_counter()


def measure() -> dict[str, Tally]:
    from tests.postgres import start_postgres

    folder = tempfile.mkdtemp(prefix="visits-load-")
    server = start_postgres()
    process = None
    try:
        url = server.create_database("visits_load")
        secret, visit_id = prepare(url, folder)
        process, port = start_gunicorn(url, folder)
        feed = f"/feeds/{secret}.ics"
        status, headers, _ = request(port, feed)
        tag = dict((k.lower(), v) for k, v in headers)["etag"]
        if status != 200:
            raise RuntimeError(f"the feed answered {status}")
        cookie = sign_in(port)
        pages = ["/visits/", f"/visits/{visit_id}", f"/visits/{visit_id}/program", "/people/"]

        def poll(n: int) -> str | None:
            revalidate = n % 2 == 1
            status = request(port, feed, {"If-None-Match": tag} if revalidate else None)[0]
            expected = 304 if revalidate else 200
            return None if status == expected else f"feed {status}"

        def view(n: int) -> str | None:
            status = request(port, pages[n % len(pages)], {"Cookie": cookie})[0]
            return None if status == 200 else f"{pages[n % len(pages)]} {status}"

        def health(_n: int) -> str | None:
            status = request(port, "/healthz")[0]
            return None if status == 200 else f"healthz {status}"

        feeds, staff, healthz, staff_again = Tally(), Tally(), Tally(), Tally()
        deadline = time.monotonic() + TIME_CAP_S
        run_together(
            (feeds, drive(feeds, POLLERS, POLLS, poll, deadline)),
            (staff, drive(staff, STAFF, STAFF_VIEWS, view, deadline)),
        )
        deadline = time.monotonic() + TIME_CAP_S
        run_together(
            (healthz, drive(healthz, POLLERS, POLLS, health, deadline)),
            (staff_again, drive(staff_again, STAFF, STAFF_VIEWS, view, deadline)),
        )
        return {"feeds": feeds, "staff": staff, "healthz": healthz, "staff_again": staff_again}
    finally:
        if process is not None:
            stop(process)
        server.cleanup()


def run() -> list[tuple[str, str]]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # tests.postgres starts the throwaway server
    m = measure()
    feeds, staff, healthz = m["feeds"], m["staff"], m["healthz"]
    errors = feeds.errors + staff.errors + healthz.errors + m["staff_again"].errors
    return [
        (f"load: gunicorn -w {WORKERS} + PostgreSQL, {os.cpu_count()} CPUs", "127.0.0.1"),
        (f"load: feed polls ({POLLERS} pollers, half 304)", feeds.figure()),
        (f"load: staff pages ({STAFF} signed in, meanwhile)", staff.figure()),
        (f"load: GET /healthz ({POLLERS} pollers)", healthz.figure()),
        (f"load: staff pages ({STAFF} signed in, meanwhile)", m["staff_again"].figure()),
        ("load: feed / healthz throughput", f"{feeds.rate / healthz.rate:.2f} (target ≥ 0.5)"),
        ("load: errors", f"{len(errors)} (target 0){': ' + errors[0] if errors else ''}"),
    ]


def main() -> None:
    for label, figure in run():
        print(f"{label:48}  {figure}")


if __name__ == "__main__":
    main()
