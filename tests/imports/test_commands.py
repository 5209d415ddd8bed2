"""`flask export VISIT_ID [-o FILE]` and `flask import FILE [--dry-run]` for visit documents."""

import json
from pathlib import Path

import pytest

from tests.imports.conftest import row_counts
from visits.exports.visit_document import to_json
from visits.imports.queries import visit_document
from visits.models import Visit


def _write(tmp_path: Path, document: dict, name: str = "visit.json") -> Path:
    path = tmp_path / name
    path.write_text(to_json(document), encoding="utf-8")
    return path


def test_export_writes_the_document_to_stdout(runner, db, rich_visit) -> None:
    result = runner.invoke(args=["export", str(rich_visit.id)])
    assert result.exit_code == 0, result.output
    assert "«Победа»" in result.stdout  # UTF-8 as it is, not \u escapes
    document = json.loads(result.stdout)
    assert document["format"] == "visits.visit"
    assert result.stdout == to_json(visit_document(db.session, rich_visit.id))
    assert result.stdout.startswith('{\n  "delegation": {')  # sorted keys, indent 2


def test_export_to_a_file(runner, rich_visit, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    result = runner.invoke(args=["export", str(rich_visit.id), "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text(encoding="utf-8"))["visit"]["timezone"] == "Asia/Almaty"


def test_export_of_a_missing_visit(runner, db) -> None:
    result = runner.invoke(args=["export", "999"])
    assert result.exit_code == 1
    assert "no visit 999" in result.output


@pytest.mark.isolated  # row counts read on a connection of their own
def test_dry_run_shows_and_saves_nothing(runner, db, rich_document, tmp_path: Path) -> None:
    path = _write(tmp_path, rich_document)
    before = row_counts(db.engine)
    result = runner.invoke(args=["import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Organizations: 5 new, 0 existing" in result.stdout
    assert "Events: 3, movements: 2, stays: 2, programme revisions: 3" in result.stdout
    assert "nothing was saved" in result.stdout
    assert row_counts(db.engine) == before


@pytest.mark.isolated  # row counts read on a connection of their own
def test_import_creates_the_visit_and_refuses_it_twice(runner, db, rich_document, tmp_path):
    path = _write(tmp_path, rich_document)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    visit_id = int(result.stdout.strip().rsplit(" ", 1)[-1].rstrip("."))
    visit = db.session.get(Visit, visit_id)
    assert visit.title.ru.startswith("Визит делегации Алтайского края")
    assert visit_document(db.session, visit_id) == rich_document

    before = row_counts(db.engine)
    again = runner.invoke(args=["import", str(path)])
    assert again.exit_code == 1
    assert "imported before" in again.stderr
    assert row_counts(db.engine) == before


@pytest.mark.isolated  # row counts read on a connection of their own
def test_errors_go_to_stderr_one_a_line(runner, db, rich_document, tmp_path: Path) -> None:
    rich_document["visit"]["timezone"] = "Asia/Nowhere"
    rich_document["events"][1]["ends_at"] = rich_document["events"][1]["starts_at"]
    path = _write(tmp_path, rich_document, "broken.json")
    before = row_counts(db.engine)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "broken.json: visit.timezone: unknown time zone «Asia/Nowhere»: use an IANA name such "
        "as Asia/Almaty",
    ]
    assert row_counts(db.engine) == before


def test_malformed_and_oversized_files(app, runner, db, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "visits.visit",\n "version": }', encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "bad.json: The file is not valid JSON: line 2, column 13" in result.stderr

    app.config["IMPORT_MAX_BYTES"] = 10
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "larger than" in result.stderr
