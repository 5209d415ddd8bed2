"""Flask extensions, created unbound and bound to the app in create_app."""

import sqlite3
from typing import Any

from flask import Flask
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import event

from visits.orm import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()


def init_db(app: Flask) -> None:
    """Bind `db` to the app; SQLite connections of its engines check foreign keys and wait
    for one another's writes."""
    db.init_app(app)
    with app.app_context():
        for engine in db.engines.values():
            listen_once(engine, "connect", sqlite_foreign_keys)
            listen_once(engine, "connect", sqlite_busy_timeout)


def listen_once(target: Any, name: str, listener: Any, **kwargs: Any) -> None:
    """Attach `listener` unless it is attached already: every app of a process shares the
    one session factory of `db`, and create_app may run more than once."""
    if not event.contains(target, name, listener):
        event.listen(target, name, listener, **kwargs)


def sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    """SQLite checks foreign keys (and cascades deletes) only when asked, per connection."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


# How long a SQLite connection waits for another process's write (the web server's workers
# and the outbox sender share the file) before it gives up with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 15_000


def sqlite_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
