"""`flask import --visit ID FILE` with a draft agenda: a preview, then all or nothing."""

from datetime import UTC, datetime
from pathlib import Path

from visits.models import Event

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Other office//EN
BEGIN:VEVENT
UID:meeting-1@other.example
DTSTAMP:20250401T000000Z
DTSTART;TZID=Europe/Moscow:20250421T090000
DTEND;TZID=Europe/Moscow:20250421T100000
SUMMARY:Встреча с акимом
LOCATION:Акимат
END:VEVENT
BEGIN:VEVENT
UID:walk@other.example
DTSTAMP:20250401T000000Z
DTSTART;VALUE=DATE:20250422
DTEND;VALUE=DATE:20250423
SUMMARY:Свободный день
END:VEVENT
END:VCALENDAR
"""


def _file(tmp_path: Path, text: str, name: str = "agenda.ics") -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def test_dry_run_then_import(runner, db, make_visit, tmp_path):
    visit = make_visit()
    path = _file(tmp_path, ICS)
    preview = runner.invoke(args=["import", "--visit", str(visit.id), "--dry-run", str(path)])
    assert preview.exit_code == 0, preview.output
    assert "2 events" in preview.output and "nothing was saved" in preview.output
    assert db.session.query(Event).count() == 0

    result = runner.invoke(args=["import", "--visit", str(visit.id), str(path)])
    assert result.exit_code == 0, result.output
    events = db.session.query(Event).order_by(Event.starts_at).all()
    # 09:00 in Moscow (UTC+3) is 06:00 UTC, 11:00 in Almaty (UTC+5).
    assert events[0].starts_at == datetime(2025, 4, 21, 6, tzinfo=UTC)
    assert events[0].venue.name.ru == "Акимат"

    again = runner.invoke(args=["import", "--visit", str(visit.id), str(path)])
    assert again.exit_code == 1
    assert db.session.query(Event).count() == 2


def test_a_bad_file_is_named_and_nothing_is_saved(runner, db, make_visit, tmp_path):
    visit = make_visit()
    bad = ICS.replace("DTSTART;TZID=Europe/Moscow:20250421T090000", "DTSTART:2025-04-21 09:00")
    result = runner.invoke(args=["import", "--visit", str(visit.id), str(_file(tmp_path, bad))])
    assert result.exit_code == 1
    assert "line" in result.output
    assert db.session.query(Event).count() == 0


def test_an_unknown_visit(runner, tmp_path):
    result = runner.invoke(args=["import", "--visit", "99", str(_file(tmp_path, ICS))])
    assert result.exit_code == 1 and "no visit 99" in result.output
