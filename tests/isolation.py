"""How a test runs on the run's one app without leaving anything behind.

Each test gets one connection with an outer transaction that is rolled back at its end;
`db.session` is bound to that connection and joins it through savepoints, so the code's own
`commit()` and `rollback()` release and roll back savepoints (SQLAlchemy's recipe "Joining a
Session into an External Transaction"). What a test changes on the app itself (its config,
routes, request hooks, instance folder) is put back afterwards.
"""

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask, current_app
from sqlalchemy import Connection, Engine, event

from visits.extensions import db as _db

# Statements the outer transaction adds around what the code under test sends.
TRANSACTION_CONTROL = ("BEGIN", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")

# The app's hook registries that a test may add to (`app.teardown_request(...)` and alike).
_HOOKS = (
    "before_request_funcs",
    "after_request_funcs",
    "teardown_request_funcs",
    "teardown_appcontext_funcs",
    "url_value_preprocessors",
    "url_default_functions",
    "template_context_processors",
    "error_handler_spec",
)


def sqlite_savepoints(engine: Engine) -> None:
    """pysqlite begins transactions on its own and so breaks SAVEPOINT; let SQLAlchemy emit
    BEGIN itself instead (the documented workaround for the pysqlite driver)."""

    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _explicit_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


class _AppState:
    """What a test may change on the shared app: config, routes, hooks, instance folder."""

    def __init__(self, app: Flask) -> None:
        self.config = dict(app.config)
        self.instance_path = app.instance_path
        self.view_functions = dict(app.view_functions)
        self.rules = list(app.url_map.iter_rules())
        self.hooks = {name: _containers(getattr(app, name)) for name in _HOOKS}

    def restore(self, app: Flask) -> None:
        app.config.clear()
        app.config.update(self.config)
        app.instance_path = self.instance_path
        app.view_functions.clear()
        app.view_functions.update(self.view_functions)
        for name, value in self.hooks.items():
            setattr(app, name, value)
        if list(app.url_map.iter_rules()) != self.rules:
            _reset_rules(app, self.rules)


def _containers(value: Any) -> Any:
    """A copy of the dicts and lists in `value`; the functions in them are kept as they are."""
    if isinstance(value, dict):
        copied = copy.copy(value)  # keeps a defaultdict's default
        copied.update((key, _containers(item)) for key, item in value.items())
        return copied
    if isinstance(value, list):
        return [_containers(item) for item in value]
    return value


def _reset_rules(app: Flask, rules: list) -> None:
    """Drop the URL rules a test added (werkzeug's map cannot remove a rule: rebuild it)."""
    url_map = app.url_map
    url_map._matcher = type(url_map._matcher)(url_map.merge_slashes)
    url_map._rules_by_endpoint = {}
    for rule in rules:
        if not rule.build_only:
            url_map._matcher.add(rule)
        url_map._rules_by_endpoint.setdefault(rule.endpoint, []).append(rule)
    url_map._remap = True


@contextmanager
def app_changes_undone(app: Flask) -> Iterator[None]:
    """Whatever the test changes on `app` is undone when it ends; until then the app accepts
    new routes and hooks as a fresh one would."""
    state = _AppState(app)
    app._got_first_request = False
    try:
        yield
    finally:
        state.restore(app)


@contextmanager
def rolled_back(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[Connection]:
    """Inside an app context of `app`: its `db.session` works on one connection in a
    transaction that is rolled back at the end, whatever the code commits meanwhile. Other
    apps a test makes keep their own databases."""
    engine = _db.engine
    connection = engine.connect()
    outer = connection.begin()

    def refuse_another(_connection: Connection) -> None:
        raise RuntimeError(
            "This test opens a second connection, which cannot see the data of the test's "
            "rolled-back transaction: mark it `@pytest.mark.isolated` to give it a database "
            "of its own where commits are real."
        )

    event.listen(engine, "engine_connect", refuse_another)
    factory = _db.session.session_factory

    class JoinedSession(factory.class_):  # listeners on db.session's class apply to it too
        def get_bind(self, *args: Any, **kwargs: Any) -> Connection | Engine:
            if current_app._get_current_object() is app:
                return connection
            return super().get_bind(*args, **kwargs)

    monkeypatch.setattr(factory, "class_", JoinedSession)
    monkeypatch.setitem(factory.kw, "bind", connection)
    monkeypatch.setitem(factory.kw, "join_transaction_mode", "create_savepoint")
    try:
        yield connection
    finally:
        event.remove(engine, "engine_connect", refuse_another)
        _db.session.remove()
        if outer.is_active:
            outer.rollback()
        connection.close()
