"""Back up and restore the whole database: `flask --app wsgi backup FILE` / `restore FILE`.

SQLite is copied page by page with sqlite3's online backup API (consistent while the app
runs). PostgreSQL is dumped with `pg_dump --format=custom` and restored with
`pg_restore --clean --if-exists` in one transaction: a failed restore changes nothing.
A restore refuses a database that holds rows unless it is forced, and any file that is not a
readable Visits backup of a schema version known to the migrations. Backups hold password,
token and feed secrets: they are written readable by their owner only (0600).
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import cast

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect, select, table

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# Migrations bookkeeping: a freshly migrated database is still empty.
BOOKKEEPING = {"alembic_version"}
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Owner only: a backup holds password hashes, token hashes and feed secrets.
FILE_MODE = 0o600


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


class RestoreRefused(BackupError):
    """The target database holds data and the restore was not forced."""


def backup(engine: Engine, path: Path) -> None:
    """Write the whole database of `engine` to `path` (replaced if it exists)."""
    path = Path(path)
    with _replacing(path) as partial:
        if engine.dialect.name == "sqlite":
            _sqlite_backup(engine, partial)
        elif engine.dialect.name == "postgresql":
            _run("pg_dump", engine, "--format=custom", f"--file={partial}")
        else:
            raise BackupError(f"Backups of {engine.dialect.name} databases are not supported.")


def restore(engine: Engine, path: Path, *, force: bool = False) -> None:
    """Replace the database of `engine` by the backup at `path`."""
    path = Path(path)
    kind = backup_kind(path)
    if kind != engine.dialect.name:
        raise BackupError(
            f"{path} is a {kind} backup; the database is {engine.dialect.name}. "
            "Restore it into a database of the same kind."
        )
    check_backup(path, kind)
    rows = count_rows(engine)
    if rows and not force:
        raise RestoreRefused(
            f"The database is not empty ({rows} rows); restoring would replace them all. "
            "Back it up first, then restore with --force to replace it."
        )
    engine.dispose()  # no pooled connection holds a lock while the data is replaced
    if kind == "sqlite":
        try:
            with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
                _sqlite_restore(source, engine)
        except sqlite3.DatabaseError as error:
            raise _damaged(path, str(error)) from None
    else:
        _run(
            "pg_restore",
            engine,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            str(path),
        )
    engine.dispose()


def backup_kind(path: Path) -> str:
    """`sqlite` or `postgresql`, by the file's first bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror}.") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a backup made by `flask backup`.")


def known_revisions() -> set[str]:
    """Every schema version (Alembic revision) the migrations know."""
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def check_backup(path: Path, kind: str) -> str:
    """The schema version of the backup at `path`, once it is known to be a readable Visits
    backup of a version the migrations know; BackupError otherwise."""
    revisions = _sqlite_revisions(path) if kind == "sqlite" else _pg_dump_revisions(path)
    if not revisions:
        raise BackupError(
            f"{path} is not a Visits backup: it holds no schema version (alembic_version)."
        )
    unknown = sorted(set(revisions) - known_revisions())
    if unknown or len(revisions) != 1:
        raise BackupError(
            f"{path} is not a Visits backup of a known schema version "
            f"({', '.join(unknown or revisions)}); nothing was restored."
        )
    return revisions[0]


def _damaged(path: Path, detail: str) -> BackupError:
    return BackupError(
        f"{path} is damaged or incomplete and cannot be restored ({detail}); nothing was restored."
    )


def _sqlite_revisions(path: Path) -> list[str]:
    """The rows of alembic_version in a SQLite backup, read without changing the file."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
            problems = [row[0] for row in source.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise _damaged(path, problems[0])
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                return []
            rows = source.execute("SELECT version_num FROM alembic_version")
            return [str(row[0]) for row in rows]
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from None


def _pg_dump_revisions(path: Path) -> list[str]:
    """The rows of alembic_version in a pg_dump archive, read by pg_restore without a
    database (it writes the table's data as SQL)."""
    result = subprocess.run(
        [
            find_program("pg_restore"),
            "--data-only",
            "--table=alembic_version",
            "--file=-",
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        raise _damaged(path, lines[-1] if lines else f"pg_restore exit {result.returncode}")
    revisions: list[str] = []
    copying = False
    for line in result.stdout.splitlines():
        if copying:
            if line == "\\.":
                copying = False
            else:
                revisions.append(line.strip())
        elif line.startswith("COPY ") and "alembic_version" in line:
            copying = True
    return revisions


def count_rows(engine: Engine) -> int:
    """Rows in every table of the database, migration bookkeeping aside."""
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n not in BOOKKEEPING]
        return sum(conn.scalar(select(func.count()).select_from(table(n))) or 0 for n in names)


def _driver(connection: object) -> sqlite3.Connection:
    """The sqlite3 connection under a pooled one (SQLAlchemy types it loosely)."""
    return cast(sqlite3.Connection, connection)


def _sqlite_backup(engine: Engine, path: Path) -> None:
    raw = engine.raw_connection()
    try:
        with closing(sqlite3.connect(path)) as target:
            _driver(raw.driver_connection).backup(target)
    finally:
        raw.close()


def _sqlite_restore(source: sqlite3.Connection, engine: Engine) -> None:
    raw = engine.raw_connection()
    try:
        source.backup(_driver(raw.driver_connection))
    finally:
        raw.close()


def _run(program: str, engine: Engine, *args: str) -> None:
    """Run pg_dump or pg_restore on the database of `engine`; the password travels in the
    environment, never on the command line."""
    url = engine.url
    env = os.environ.copy()
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    conninfo = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    result = subprocess.run(
        [find_program(program), f"--dbname={conninfo}", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def find_program(name: str) -> str:
    """`pg_dump` or `pg_restore` on the PATH, else in the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    for root in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (root / name).exists():
            return str(root / name)
    raise BackupError(
        f"PostgreSQL's `{name}` is not installed; install the PostgreSQL client "
        "(Debian: apt-get install postgresql-client)."
    )


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it on success and is removed otherwise,
    so that a failed backup never leaves a half-written file under the real name."""
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    # mkstemp creates the file for its owner only (0600); sqlite3 and pg_dump write into it
    # and keep that mode, so the secrets are never readable by others, not even for a moment.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    partial = Path(name)
    try:
        yield partial
        os.chmod(partial, FILE_MODE)
        os.replace(partial, path)
    finally:
        with suppress(FileNotFoundError):
            partial.unlink()
