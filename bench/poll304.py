"""A feed 304 over HTTP against a bare WSGI 304, in about a minute: gunicorn -w 4 on SQLite
with the demo, wrk on one unchanged feed revalidated (If-None-Match) and on bench/bare304.py,
three runs each. Also the bare app under the app's gunicorn.conf.py (the JSON access log
every app request pays), and the same poll with the feed answered by Flask alone (the fast layer
of visits.feeds.fast_poll taken off), to show what that layer is worth.

    .venv/bin/python bench/poll304.py
"""

import statistics
import sys
import tempfile
from pathlib import Path

RUNS = 3
SECONDS = 4


def __getattr__(name: str):
    """`bench.poll304:flask_only` for gunicorn: the app without its fast 304 layer."""
    if name != "flask_only":
        raise AttributeError(name)
    from visits import create_app

    app = create_app()
    app.wsgi_app = app.wsgi_app.wrapped  # type: ignore[attr-defined,method-assign]
    return app


def figure(rates: list[float]) -> str:
    return f"{statistics.median(rates):,.0f} req/s ({min(rates):,.0f}–{max(rates):,.0f})"


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from load import prepare, request, start_gunicorn, stop, wrk

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/poll304.db"
        secret, _visit = prepare(url, folder)
        quiet = {"VISITS_PRINT_WORKER": "off"}
        path = f"/feeds/{secret}.ics"
        rates: dict[str, list[float]] = {"fast": [], "flask": [], "bare": [], "logged": []}
        servers = {
            "fast": start_gunicorn(url, folder, env=quiet),
            "flask": start_gunicorn(url, folder, target="bench.poll304:flask_only", env=quiet),
            "bare": start_gunicorn(url, folder, target="bare304:app"),
            # The same bare app under the app's gunicorn.conf.py (its JSON access log).
            "logged": start_gunicorn(url, folder, target="bench.bare304:app", env=quiet),
        }
        try:
            status, headers, _ = request(servers["fast"][1], path)
            if status != 200:
                raise RuntimeError(f"the feed answered {status}")
            tag = dict((k.lower(), v) for k, v in headers)["etag"]
            for _run in range(RUNS):
                for key, (_process, port) in servers.items():
                    where = path if key in ("fast", "flask") else "/"
                    rate, errors = wrk(port, SECONDS, path=where, header=f"If-None-Match: {tag}")
                    if errors:
                        raise RuntimeError(f"{key}: {errors} errors")
                    rates[key].append(rate)
        finally:
            for process, _port in servers.values():
                stop(process)
    bare = statistics.median(rates["bare"])
    for key, label in (
        ("fast", "feed 304"),
        ("flask", "feed 304, Flask alone"),
        ("bare", "bare WSGI 304"),
        ("logged", "bare, app's access log"),
    ):
        share = statistics.median(rates[key]) / bare
        print(f"{label:24} {figure(rates[key]):36} {share:.2f}× bare")


if __name__ == "__main__":
    main()
