"""What the office benchmarks share: the office demo in a database of its own, and figures
taken as the median of three runs with their spread."""

import statistics
import tempfile
import time
from collections.abc import Callable

from flask import Flask

RUNS = 3


def office_app(database_url: str | None = None) -> tuple[Flask, dict]:
    """An app on a new database (SQLite in a temporary folder unless given) holding the
    office demo; returns it with the office's facts: the big visit, its largest meeting, the
    seconds the office took to build, the database's name."""
    from flask_migrate import upgrade

    from visits import MIGRATIONS, create_app
    from visits.config import TestConfig
    from visits.demo.office import build_office
    from visits.extensions import db

    folder = tempfile.mkdtemp(prefix="visits-office-")
    url = database_url or f"sqlite:///{folder}/office.sqlite3"
    app = create_app(TestConfig(folder, url))
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        started = time.perf_counter()
        office = build_office(db.session)
        db.session.commit()
        built = time.perf_counter() - started
        facts = {
            "visit": office.big_visit_id,
            "plenary": office.plenary_id,
            "built_s": built,
            "counts": office.counts,
            "database": db.engine.dialect.name,
            "folder": folder,
        }
    return app, facts


def runs(action: Callable[[], object], inner: int = 1, runs: int = RUNS) -> list[float]:
    """Seconds per call of `action`, in each of `runs` runs of `inner` calls."""
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(inner):
            action()
        found.append((time.perf_counter() - started) / inner)
    return found


def ms(times: list[float], digits: int = 1) -> str:
    """The median in milliseconds with the spread of the runs: `12.3 ms (11.9–12.8)`."""
    scaled = [t * 1000 for t in times]
    return (
        f"{statistics.median(scaled):.{digits}f} ms "
        f"({min(scaled):.{digits}f}–{max(scaled):.{digits}f})"
    )


def ratio(numerator: list[float], denominator: list[float], target: str = "") -> str:
    """The ratio of the medians, with the target beside it."""
    value = statistics.median(numerator) / statistics.median(denominator)
    return f"{value:.2f}" + (f" (target {target})" if target else "")
