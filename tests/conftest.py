"""Fixtures: an app on each database (SQLite in memory and a PostgreSQL server the run
starts), a test client, signed-in staff of each role, factories for test data, and a query
counter.

Tests that take `app` (or anything built on it) run once per database. Each database has one
app for the whole run, migrated once; every test runs in a transaction that is rolled back at
its end (tests/isolation.py). Tests marked `isolated` get an app and a database of their own
instead, where commits are real and seen by other connections, threads and processes: the
live servers, backups, migrations, restarts. They and the other long tests are marked `slow`:
`pytest -m "not slow"` leaves them out. Set VISITS_TEST_DATABASES=sqlite to run only on SQLite;
`make test` runs everything on both.
"""

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path

import flask_babel
import pytest
from flask import Flask, g
from flask_migrate import upgrade
from sqlalchemy import event
from werkzeug.security import generate_password_hash

from tests.isolation import TRANSACTION_CONTROL, app_changes_undone, rolled_back, sqlite_savepoints
from tests.postgres import PostgresServer, PostgresUnavailable, _find, start_postgres
from visits import MIGRATIONS, create_app
from visits.config import TestConfig
from visits.extensions import db as _db
from visits.feeds.serve import feed_cache
from visits.models import (
    Delegation,
    Event,
    EventKind,
    EventStatus,
    LocalizedText,
    Role,
    User,
    Visibility,
    Visit,
)
from visits.scheduling.timezones import to_utc
from visits.visits.conflict_cache import conflict_cache

DATABASES = [
    name.strip()
    for name in os.environ.get("VISITS_TEST_DATABASES", "sqlite,postgresql").split(",")
    if name.strip()
]
PASSWORD = "correct horse battery"
# Accounts of the tests get a one-round hash: real hashing (scrypt) costs ~80 ms a time,
# which the suite would pay twice per test. The code under test hashes for real.
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")
SQLITE_IN_MEMORY = "sqlite://"


def pytest_sessionstart(session: pytest.Session) -> None:
    if "postgresql" in DATABASES:
        try:
            _find("initdb")
            _find("pg_ctl")
        except PostgresUnavailable as error:
            pytest.exit(f"\n\n*** {error}\n", returncode=3)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A browser test serves the app from a thread: it gets an app of its own. Those, like
    every test with an app of its own, are slow ones."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.isolated)
        if item.get_closest_marker("isolated"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = start_postgres()
    yield server
    server.cleanup()


@pytest.fixture(scope="session", params=DATABASES)
def database_url(request) -> str:
    """The run's database of each kind: SQLite in memory (one connection), or PostgreSQL."""
    if request.param == "sqlite":
        return SQLITE_IN_MEMORY
    server = request.getfixturevalue("postgres_server")
    return server.create_database("visits_test")


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _prepare(app: Flask) -> Flask:
    # Requests share the test's app context; let each one choose its language anew.
    app.teardown_request(lambda _error: flask_babel.refresh())
    # … and its own signed-in user (Flask-Login keeps it on the shared `g`).
    app.teardown_request(lambda _error: g.pop("_login_user", None))
    return app


def _migrate(url: str, instance: Path) -> None:
    app = create_app(TestConfig(str(instance), url))
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture(scope="session")
def shared_app(database_url, tmp_path_factory) -> Iterator[Flask]:
    """The run's one app on `database_url`, migrated once."""
    instance = tmp_path_factory.mktemp("instance")
    app = _prepare(create_app(TestConfig(str(instance), database_url)))
    with app.app_context():
        if _is_sqlite(database_url):
            sqlite_savepoints(_db.engine)
        upgrade(directory=str(MIGRATIONS))
        _db.session.remove()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated, empty SQLite file that isolated tests copy."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "visits.sqlite3"
    _migrate(f"sqlite:///{path}", folder / "instance")
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_server, tmp_path_factory) -> str:
    """A migrated, empty PostgreSQL database that isolated tests are created from."""
    name = "visits_template"
    _migrate(postgres_server.create_database(name), tmp_path_factory.mktemp("pg-template"))
    return name


_numbers = itertools.count(1)


@pytest.fixture
def new_database(database_url, request, tmp_path) -> Iterator[Callable[[], str]]:
    """Makes migrated, empty databases of the kind of `database_url`; each call a new one."""
    made: list[tuple[PostgresServer, str]] = []

    def make() -> str:
        number = next(_numbers)
        if _is_sqlite(database_url):
            path = tmp_path / f"visits-{number}.sqlite3"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            return f"sqlite:///{path}"
        template = request.getfixturevalue("postgres_template")
        server: PostgresServer = request.getfixturevalue("postgres_server")
        made.append((server, f"visits_{number}"))
        return server.create_database(made[-1][1], template)

    yield make
    for server, name in made:
        server.drop_database(name)


@pytest.fixture
def isolated_app(new_database, tmp_path) -> Iterator[Flask]:
    """An app of the test's own on a database of its own: commits are real, and seen by
    other connections, threads and processes."""
    instance = str(tmp_path / "instance")
    app = _prepare(create_app(TestConfig(instance, new_database())))
    app.instance_path = instance  # parked uploads and the like go there
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def app(database_url, request, tmp_path, monkeypatch) -> Iterator[Flask]:
    """The run's app in a fresh app context, its database changes rolled back at the end;
    with the `isolated` marker, the test's own app (`isolated_app`)."""
    if request.node.get_closest_marker("isolated"):
        yield request.getfixturevalue("isolated_app")
        return
    app = request.getfixturevalue("shared_app")
    with app_changes_undone(app):
        app.instance_path = str(tmp_path / "instance")  # parked uploads and the like go there
        with app.app_context(), rolled_back(app, monkeypatch):
            yield app


@pytest.fixture(autouse=True)
def _empty_body_caches():
    """Rendered feeds (by ETag) and a visit's conflicts (by its version) are
    cached per process; tests reuse ids and versions."""
    feed_cache.clear()
    conflict_cache.clear()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(db):
    def make(role: Role | str = Role.EDITOR, email: str | None = None) -> User:
        role = Role(role)
        user = User(email=email or f"{role}@example.org", role=role, password_hash=FAST_HASH)
        db.session.add(user)
        db.session.commit()
        return user

    return make


def sign_in(client, user: User):
    return client.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD}, follow_redirects=False
    )


@pytest.fixture
def staff_client(client, make_user):
    """A client signed in as an editor."""
    sign_in(client, make_user(Role.EDITOR))
    return client


@pytest.fixture
def viewer_client(client, make_user):
    sign_in(client, make_user(Role.VIEWER))
    return client


@pytest.fixture
def make_visit(db):
    def make(**overrides) -> Visit:
        delegation = overrides.pop("delegation", None) or Delegation(
            name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul"
        )
        fields = {
            "title": LocalizedText(ru="Визит"),
            "timezone": "Asia/Almaty",
            "start_date": date(2025, 4, 21),
            "end_date": date(2025, 4, 22),
            "delegation": delegation,
        } | overrides
        visit = Visit(**fields)
        db.session.add(visit)
        db.session.commit()
        return visit

    return make


@pytest.fixture
def make_event(db):
    def make(visit: Visit, day: date, start: time, end: time, **overrides) -> Event:
        fields = {
            "kind": EventKind.MEETING,
            "title": LocalizedText(ru="Встреча"),
            "status": EventStatus.CONFIRMED,
            "visibility": Visibility.DELEGATION,
        } | overrides
        event = Event(
            visit=visit,
            starts_at=to_utc(day, start, visit.timezone),
            ends_at=to_utc(day, end, visit.timezone),
            **fields,
        )
        db.session.add(event)
        db.session.commit()
        return event

    return make


@pytest.fixture
def count_queries(db):
    """`with count_queries() as queries:` ... `len(queries)` statements were sent."""

    @contextmanager
    def counting():
        statements: list[str] = []

        def record(conn, cursor, statement, *args):
            if not statement.startswith(TRANSACTION_CONTROL):  # the test's own savepoints
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", record)

    return counting
