"""Fixtures: an app on each database (SQLite and a PostgreSQL server the run starts), a
test client, signed-in staff of each role, factories for test data, and a query counter.

Tests that take `app` (or anything built on it) run once per database. Set
VISITS_TEST_DATABASES=sqlite to run only on SQLite while working; `make test` runs both.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time

import flask_babel
import pytest
from flask import g
from flask_migrate import upgrade
from sqlalchemy import event, text
from werkzeug.security import generate_password_hash

from tests.postgres import PostgresServer, PostgresUnavailable, start_postgres
from visits import MIGRATIONS, create_app
from visits.config import TestConfig
from visits.extensions import db as _db
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

DATABASES = [
    name.strip()
    for name in os.environ.get("VISITS_TEST_DATABASES", "sqlite,postgresql").split(",")
    if name.strip()
]
PASSWORD = "correct horse battery"
# Accounts of the tests get a one-round hash: real hashing (scrypt) costs ~80 ms a time,
# which the suite would pay twice per test. The code under test hashes for real.
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")


def pytest_sessionstart(session: pytest.Session) -> None:
    if "postgresql" in DATABASES:
        from tests.postgres import _find

        try:
            _find("initdb")
            _find("pg_ctl")
        except PostgresUnavailable as error:
            pytest.exit(f"\n\n*** {error}\n", returncode=3)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = start_postgres()
    yield server
    server.cleanup()


_migrated: set[str] = set()


@pytest.fixture(scope="session", params=DATABASES)
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path_factory.mktemp("sqlite") / "test.sqlite3")
    server = request.getfixturevalue("postgres_server")
    return server.create_database("visits_test")


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(TestConfig(str(tmp_path / "instance"), database_url))
    app.instance_path = str(tmp_path / "instance")  # parked uploads and the like go there
    # Requests share the test's app context; let each one choose its language anew.
    app.teardown_request(lambda _error: flask_babel.refresh())
    # … and its own signed-in user (Flask-Login keeps it on the shared `g`).
    app.teardown_request(lambda _error: g.pop("_login_user", None))
    with app.app_context():
        if database_url not in _migrated:
            upgrade(directory=str(MIGRATIONS))
            _migrated.add(database_url)
        yield app
        _db.session.remove()
        with _db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(t.name for t in _db.metadata.sorted_tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(_db.metadata.sorted_tables):
                    conn.execute(table.delete())
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_body_caches():
    """Rendered feeds and prints are cached per process by ETag; tests reuse ids."""
    from visits.feeds.serve import feed_cache
    from visits.programme.printing import pdf_cache

    feed_cache.clear()
    pdf_cache.clear()


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
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", record)

    return counting
