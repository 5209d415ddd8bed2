"""Load benchmark on the office: gunicorn (4 workers) on a PostgreSQL server of its own,
driven by wrk, on 127.0.0.1 only. Each figure is the median of three runs (min–max).

- 304 over HTTP: the feed of visit 1 revalidated (If-None-Match) against GET /healthz and
  against a bare WSGI app answering 304 (bench/bare304.py, gunicorn with as many workers);
- feed polls of visit 1 and of its delegates' own feeds (a Lua script rotating the URLs,
  every other poll with If-None-Match) while signed-in staff view pages (a second wrk);
- the same polls alone, and while four whole-visit PDFs of visit 1 are requested (each a
  different print, so each is rendered): polls/s with PDFs ÷ polls/s without, target ≥ 0.8.
  A `202` with `Location: /prints/<id>` is followed (`GET /prints/<id>.json` until done);
  a `200` with the PDF is simply timed;
- worker memory: the RSS of a gunicorn worker (-w 1) after serving every feed of the office
  ÷ its RSS when it has served only /healthz, target ≤ 1.5.

wrk is the Debian package; it is installed when missing, as `make chromium` installs
Chromium.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anywhere else
WORKERS = 4
RUNS = 3
SECONDS = 3
STAFF_EMAIL = "load@example.org"
STAFF_PASSWORD = "load-" + secrets.token_hex(8)
USER_AGENT = "visits-bench-load"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PRINTS = [  # twelve different whole-visit prints: four per run, none rendered twice
    f"variant={variant}&lang={lang}&cancelled={cancelled}"
    for cancelled in ("0", "1")
    for variant in ("guest", "working")
    for lang in ("ru", "kk", "en")
]


def request(port: int, path: str, headers: dict[str, str] | None = None, **kw):
    """One request on a fresh connection (gunicorn's sync workers close after each)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=kw.get("timeout", 30))
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


def start_gunicorn(
    database_url: str,
    folder: str,
    workers: int = WORKERS,
    target: str = "wsgi:app",
    env: dict[str, str] | None = None,
) -> tuple[subprocess.Popen, int]:
    """gunicorn serving `target`: the app's own (`wsgi:app`, or a `bench.<module>` one) from
    the repository with its gunicorn.conf.py; any other from this folder, bare."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "VISITS_OUTBOX_SENDER": "off",  # nothing to send; it would outlive the database
        **(env or {}),
    }
    log = open(Path(folder) / f"gunicorn-{port}.log", "wb")  # noqa: SIM115 — kept by the process
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-w",
            str(workers),
            "-b",
            f"{HOST}:{port}",
            target,
        ],
        cwd=ROOT if target.startswith(("wsgi:", "bench.")) else ROOT / "bench",
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: see {log.name}")
        try:
            if request(port, "/healthz")[0] in (200, 304):
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


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("Installing wrk from the Debian packages for the load benchmark", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"},
        stdout=subprocess.DEVNULL,
    )
    return shutil.which("wrk") or "wrk"


def lua_rotation(folder: str, name: str, paths: list[str], headers: list[dict]) -> str:
    """A wrk script sending `paths` in turn, each with its own headers."""
    lines = ["local requests = {"]
    for path, extra in zip(paths, headers, strict=True):
        fields = ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in extra.items())
        lines.append(f'  wrk.format("GET", {json.dumps(path)}, {{{fields}}}),')
    lines += [
        "}",
        "local n = 0",
        "request = function()",
        "  n = n + 1",
        "  return requests[(n % #requests) + 1]",
        "end",
    ]
    script = Path(folder) / f"{name}.lua"
    script.write_text("\n".join(lines) + "\n")
    return str(script)


def wrk(
    port: int,
    seconds: int,
    *,
    path: str = "/",
    script: str | None = None,
    header: str | None = None,
    connections: int = 16,
) -> tuple[float, int]:
    """Requests per second and the count of errors (non-2xx/3xx answers, socket errors)."""
    command = [
        ensure_wrk(),
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "-H",
        f"User-Agent: {USER_AGENT}",
    ]
    if script:
        command += ["-s", script]
    if header:
        command += ["-H", header]
    out = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read \d+, write (\d+), timeout (\d+)", out
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return rate, errors


def median(rates: list[float]) -> str:
    return f"{statistics.median(rates):,.0f} req/s ({min(rates):,.0f}–{max(rates):,.0f})"


def fetch_pdf(
    port: int, visit_id: int, cookie: str, query: str, times: list[float], errors: list[str]
) -> None:
    """One whole-visit PDF as a browser gets it: directly, or queued and fetched when done."""
    started = time.perf_counter()
    status, headers, _ = request(
        port, f"/visits/{visit_id}/program.pdf?{query}", {"Cookie": cookie}
    )
    found = dict((k.lower(), v) for k, v in headers)
    if status == 202:
        job = found["location"].rsplit("/", 1)[1].split(".")[0]
        while True:
            status, _, body = request(port, f"/prints/{job}.json", {"Cookie": cookie})
            state = json.loads(body).get("state") if status == 200 else "failed"
            if state in ("done", "failed"):
                break
            time.sleep(0.2)
        status = 200 if state == "done" else 500
    if status != 200:
        errors.append(f"PDF {query}: {status}")
    times.append(time.perf_counter() - started)


def recovered(port: int) -> None:
    """Wait until every worker answers again (a worker killed in a long render restarts)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        answers = []
        for _ in range(WORKERS * 2):
            try:
                started = time.perf_counter()
                answers.append(request(port, "/healthz", timeout=5)[0] == 200)
                answers[-1] = answers[-1] and time.perf_counter() - started < 0.5
            except OSError:
                answers.append(False)
        if all(answers):
            return
        time.sleep(0.5)


def share(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "n/a (nothing answered)"


def worker_rss(master: subprocess.Popen) -> float:
    """The resident memory, in MiB, of the one worker of a `gunicorn -w 1` master (not of
    a background process the master started beside it)."""
    for child in Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split():
        if b"gunicorn" in Path(f"/proc/{child}/cmdline").read_bytes():
            status = Path(f"/proc/{child}/status").read_text()
            kib = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]
            return kib / 1024
    raise RuntimeError("no gunicorn worker found")


def measure() -> dict:
    from office import office_app
    from sqlalchemy import select

    from tests.postgres import start_postgres
    from visits.auth.services import create_user
    from visits.extensions import db
    from visits.models import DelegationMember, FeedScope, FeedToken, Role, Visit

    ensure_wrk()
    server = start_postgres()
    processes: list[subprocess.Popen] = []
    try:
        url = server.create_database("visits_load")
        app, facts = office_app(url)
        folder = facts["folder"]
        visit_id = facts["visit"]
        with app.app_context():
            create_user(db.session, STAFF_EMAIL, STAFF_PASSWORD, Role.EDITOR)
            db.session.commit()
            visit = db.session.get(Visit, visit_id)
            members = select(DelegationMember.person_id).where(
                DelegationMember.delegation_id == visit.delegation_id
            )
            own = db.session.scalars(
                select(FeedToken.token)
                .where(
                    FeedToken.visit_id == visit_id,
                    (FeedToken.scope == FeedScope.VISIT) | FeedToken.person_id.in_(members),
                )
                .order_by(FeedToken.id)
            ).all()
            every = db.session.scalars(select(FeedToken.token).order_by(FeedToken.id)).all()
            db.engine.dispose()
        process, port = start_gunicorn(url, folder)
        processes.append(process)
        bare, bare_port = start_gunicorn(url, folder, target="bare304:app")
        processes.append(bare)
        cookie = sign_in(port)

        paths, tags = [], []
        for secret in own:
            status, headers, _ = request(port, f"/feeds/{secret}.ics")
            if status != 200:
                raise RuntimeError(f"a feed answered {status}")
            paths.append(f"/feeds/{secret}.ics")
            tags.append(dict((k.lower(), v) for k, v in headers)["etag"])
        polls = lua_rotation(
            folder,
            "polls",
            paths + paths,
            [{}] * len(paths) + [{"If-None-Match": tag} for tag in tags],
        )
        pages = ["/visits/", f"/visits/{visit_id}", f"/visits/{visit_id}/timeline", "/people/"]
        staff = lua_rotation(folder, "staff", pages, [{"Cookie": cookie}] * len(pages))

        m: dict = {"facts": facts, "feeds": len(own), "errors": 0, "pdf_errors": []}
        for key in ("r304", "healthz", "bare", "polls_staff", "staff", "alone", "pdfs"):
            m[key] = []
        m["pdf_s"] = []
        # Warm-up, not counted: each worker builds the feeds and pages it will serve once (a
        # cold worker takes about 0.2 s per visit feed, which wrk's 2 s timeout counts as an
        # error when the 41 feeds reach all four workers at once).
        wrk(port, SECONDS, script=polls)
        wrk(port, SECONDS, script=staff, connections=2)
        for run in range(RUNS):
            for key, target, where, header in (
                ("r304", port, paths[0], f"If-None-Match: {tags[0]}"),
                ("healthz", port, "/healthz", None),
                ("bare", bare_port, "/", None),
            ):
                rate, errors = wrk(target, 3, path=where, header=header)
                m[key].append(rate)
                m["errors"] += errors
            both: dict = {}
            side = threading.Thread(
                target=lambda both=both: both.setdefault(
                    "staff", wrk(port, SECONDS, script=staff, connections=2)
                )
            )
            side.start()
            rate, errors = wrk(port, SECONDS, script=polls)
            side.join()
            m["polls_staff"].append(rate)
            m["staff"].append(both["staff"][0])
            m["errors"] += errors + both["staff"][1]
            rate, errors = wrk(port, SECONDS, script=polls)
            m["alone"].append(rate)
            m["errors"] += errors
            printers = [
                threading.Thread(
                    target=fetch_pdf,
                    args=(port, visit_id, cookie, query, m["pdf_s"], m["pdf_errors"]),
                )
                for query in PRINTS[run * 4 : run * 4 + 4]
            ]
            for printer in printers:
                printer.start()
            time.sleep(0.2)
            rate, errors = wrk(port, SECONDS * 2, script=polls)
            for printer in printers:
                printer.join()
            recovered(port)
            m["pdfs"].append(rate)
            m["errors"] += errors
        stop(process)
        stop(bare)
        processes.clear()

        single, single_port = start_gunicorn(url, folder, workers=1)
        processes.append(single)
        request(single_port, "/healthz")
        m["rss_bare"] = worker_rss(single)
        started = time.perf_counter()
        for secret in every:
            status = request(single_port, f"/feeds/{secret}.ics")[0]
            if status != 200:
                m["errors"] += 1
        m["every_s"] = time.perf_counter() - started
        m["rss_after"] = worker_rss(single)
        m["every"] = len(every)
        return m
    finally:
        for process in processes:
            stop(process)
        server.cleanup()


def pdf_figure(times: list[float], errors: list[str]) -> str:
    done = f"median {statistics.median(times):.1f} s, max {max(times):.1f} s" if times else ""
    failed = f"{len(errors)} failed" + (f" ({errors[0]})" if errors else "")
    return ", ".join(part for part in (done, failed) if part)


def run() -> list[tuple[str, str]]:
    for path in (str(ROOT), str(ROOT / "bench")):
        if path not in sys.path:
            sys.path.insert(0, path)  # tests.postgres starts the throwaway server
    m = measure()
    r = statistics.median
    pdf = sorted(m["pdf_s"])
    return [
        (
            f"load: office on PostgreSQL, gunicorn -w {WORKERS}, {os.cpu_count()} CPUs, wrk",
            f"built in {m['facts']['built_s']:.1f} s",
        ),
        ("load: feed of visit 1, 304 over HTTP", median(m["r304"])),
        ("  baseline: GET /healthz", median(m["healthz"])),
        ("  baseline: bare WSGI app answering 304", median(m["bare"])),
        ("  304 rate / healthz rate", share(r(m["r304"]), r(m["healthz"]))),
        (
            "  304 rate / bare 304 rate",
            f"{share(r(m['r304']), r(m['bare']))} (target ≥ 0.5, moonshot 0.8)",
        ),
        (
            f"load: feed polls ({m['feeds']} feeds of visit 1, half 304), staff viewing",
            median(m["polls_staff"]),
        ),
        ("  staff pages meanwhile (2 connections)", median(m["staff"])),
        ("load: the same feed polls alone", median(m["alone"])),
        ("load: feed polls while 4 whole-visit PDFs are made", median(m["pdfs"])),
        ("  polls with PDFs / polls alone", f"{share(r(m['pdfs']), r(m['alone']))} (target ≥ 0.8)"),
        (
            "  the PDFs meanwhile (12, each rendered)",
            f"median {r(pdf):.1f} s, max {pdf[-1]:.1f} s, {len(m['pdf_errors'])} failed",
        ),
        ("load: errors", f"{m['errors']} (target 0)"),
        (
            f"memory: worker RSS after every feed ({m['every']:,}, {m['every_s']:.0f} s)",
            f"{m['rss_after']:.0f} MiB",
        ),
        ("  baseline: the same worker after /healthz only", f"{m['rss_bare']:.0f} MiB"),
        ("  after / before", f"{m['rss_after'] / m['rss_bare']:.2f} (target ≤ 1.5)"),
    ]


def main() -> None:
    for label, figure in run():
        print(f"{label:60}  {figure}")


if __name__ == "__main__":
    main()
