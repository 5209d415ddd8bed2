"""`flask backup` / `flask restore`: the demo visit survives a round trip on each database,
and a restore never overwrites data unless forced."""

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskCliRunner
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Engine, create_engine, inspect, select, text
from sqlalchemy.orm import Session

from visits.backup import (
    BackupError,
    RestoreRefused,
    backup,
    backup_kind,
    count_rows,
    restore,
)
from visits.demo import load_demo

pytestmark = pytest.mark.isolated  # backups read what was committed


def dump(session: Session, db: SQLAlchemy) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    return {
        table.name: [
            tuple(row)
            for row in session.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in db.metadata.sorted_tables
    }


@pytest.fixture
def empty_engine(database_url: str, request: pytest.FixtureRequest, tmp_path: Path):
    """A second database of the same kind, with nothing in it (not even tables)."""
    if database_url.startswith("sqlite"):
        url = "sqlite:///" + str(tmp_path / "restored.sqlite3")
    else:
        url = request.getfixturevalue("postgres_server").create_database("visits_restored")
    engine = create_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_rows(db: SQLAlchemy) -> dict[str, list[tuple[Any, ...]]]:
    load_demo(db.session)
    db.session.commit()
    rows = dump(db.session, db)
    db.session.remove()
    return rows


def test_round_trip_into_an_empty_database(
    db: SQLAlchemy, demo_rows: dict, empty_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "visits.backup"
    backup(db.engine, path)
    assert count_rows(empty_engine) == 0

    restore(empty_engine, path)

    with Session(empty_engine) as session:
        restored = dump(session, db)
    assert restored == demo_rows
    assert sum(len(rows) for rows in restored.values()) > 20


def test_restore_refuses_a_database_with_data(
    db: SQLAlchemy, demo_rows: dict, empty_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "visits.backup"
    backup(db.engine, path)
    restore(empty_engine, path)

    with pytest.raises(RestoreRefused, match="--force"):
        restore(empty_engine, path)
    with pytest.raises(RestoreRefused):
        restore(db.engine, path)

    restore(empty_engine, path, force=True)
    with Session(empty_engine) as session:
        assert dump(session, db) == demo_rows


def test_commands_round_trip(
    runner: FlaskCliRunner, db: SQLAlchemy, demo_rows: dict, tmp_path: Path
) -> None:
    path = tmp_path / "visits.backup"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert "Backed up" in result.output

    refused = runner.invoke(args=["restore", str(path)])
    assert refused.exit_code != 0
    assert "not empty" in refused.output and "--force" in refused.output

    # Change the data, then bring the backup back over it.
    db.session.execute(db.metadata.tables["events"].delete())
    db.session.commit()
    db.session.remove()
    forced = runner.invoke(args=["restore", "--force", str(path)])
    assert forced.exit_code == 0, forced.output
    assert dump(db.session, db) == demo_rows


def test_restore_refuses_a_file_that_is_no_backup(db: SQLAlchemy, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    with pytest.raises(BackupError, match="not a backup"):
        restore(db.engine, path)


def test_restore_refuses_a_backup_of_the_other_kind(db: SQLAlchemy, tmp_path: Path) -> None:
    path = tmp_path / "other.backup"
    other = b"PGDMP" if db.engine.dialect.name == "sqlite" else b"SQLite format 3\x00"
    path.write_bytes(other + b"\x00" * 100)
    with pytest.raises(BackupError, match="same kind"):
        restore(db.engine, path)


def test_backup_replaces_a_file_and_leaves_nothing_else(db: SQLAlchemy, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    path = folder / "visits.backup"
    path.write_text("yesterday's")
    backup(db.engine, path)
    assert backup_kind(path) == db.engine.dialect.name
    assert list(folder.iterdir()) == [path]

    with pytest.raises(BackupError, match="does not exist"):
        backup(db.engine, tmp_path / "missing" / "visits.backup")


def test_backup_is_readable_by_its_owner_only(db: SQLAlchemy, tmp_path: Path) -> None:
    path = tmp_path / "visits.backup"
    path.write_text("yesterday's")
    path.chmod(0o644)
    backup(db.engine, path)
    assert path.stat().st_mode & 0o777 == 0o600


def test_restore_refuses_a_database_that_is_not_visits(
    db: SQLAlchemy, empty_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "foreign.backup"
    with empty_engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    backup(empty_engine, path)
    with pytest.raises(BackupError, match="not a Visits backup"):
        restore(db.engine, path, force=True)

    # A schema version the migrations do not know: from another application, or a newer one.
    with empty_engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('0123456789ab')"))
    backup(empty_engine, path)
    with pytest.raises(BackupError, match="known schema version"):
        restore(db.engine, path, force=True)
    assert "notes" not in inspect(db.engine).get_table_names()


def test_restore_refuses_a_damaged_backup_with_a_message(
    runner: FlaskCliRunner, db: SQLAlchemy, tmp_path: Path
) -> None:
    path = tmp_path / "visits.backup"
    backup(db.engine, path)
    data = path.read_bytes()
    # The kind stays recognisable; everything after the header is garbage.
    path.write_bytes(data[:100] + bytes(range(256)) * 8)

    result = runner.invoke(args=["restore", "--force", str(path)])

    assert result.exit_code == 1
    assert "damaged or incomplete" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
