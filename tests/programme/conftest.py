"""Fixtures of the programme tests: the demo visit with an internal event added, and
helpers to read a PDF's pages as text."""

import io
from datetime import date, time

import pypdf
import pytest

from visits.demo import load_demo
from visits.models import LocalizedText, Person, Visibility, Visit

DAY = date(2025, 4, 21)


@pytest.fixture
def demo(db, make_event) -> Visit:
    """The demo visit, plus an internal briefing with a responsible officer and a car."""
    visit = load_demo(db.session)
    db.session.commit()
    officer = Person(full_name=LocalizedText(ru="Айгуль Серикова"), phone="+7 701 000 00 00")
    db.session.add(officer)
    db.session.commit()
    make_event(
        visit,
        DAY,
        time(8, 30),
        time(9, 0),
        title=LocalizedText(ru="Служебный инструктаж протокольной группы"),
        visibility=Visibility.INTERNAL,
        responsible_id=officer.id,
        vehicles="Toyota Land Cruiser 123 ABC 16",
        internal_notes="Встреча у служебного входа",
    )
    return visit


def pdf_pages(body: bytes) -> list[str]:
    assert body.startswith(b"%PDF-")
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages]


@pytest.fixture
def sqlite_only(db):
    """PDF rendering takes the same HTML whatever the database; what the database changes
    (loading, the version row) is tested on both through the HTML page. Renders cost
    ~0.5 s each, so the PDF tests run once, on SQLite."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PDF rendering is database-independent: tested on SQLite")
