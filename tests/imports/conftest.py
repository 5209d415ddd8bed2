"""Fixtures of the visit document tests: a visit using every part of the document, a second
database of the same kind, and row counts of every table."""

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import FAST_HASH
from visits import create_app
from visits.config import TestConfig
from visits.demo import load_demo
from visits.extensions import db as _db
from visits.imports.queries import visit_document
from visits.models import (
    Direction,
    LocalizedText,
    Movement,
    Person,
    Role,
    Stay,
    TravelMode,
    TravelTime,
    User,
    Venue,
    Visit,
)
from visits.programme.revisions import issue_revision
from visits.scheduling.timezones import to_utc

ISSUER = "issuer@example.org"


def row_counts(engine) -> dict[str, int]:
    """Rows of every table of the model, read on a connection of their own; uploads
    waiting for confirmation are no data of the office's and are left out."""
    with engine.connect() as conn:
        return {
            table.name: conn.scalar(select(func.count()).select_from(table))
            for table in _db.metadata.sorted_tables
            if table.name != "pending_uploads"
        }


def make_rich_visit(session) -> Visit:
    """The demo visit with what the demo lacks: a liaison officer, a responsible person,
    coordinates, a travel time, arrivals and departures, a stay and three revisions, one of
    which shows an arrival deleted since; the programme changed after the last revision."""
    visit = load_demo(session)
    issuer = User(email=ISSUER, role=Role.EDITOR, password_hash=FAST_HASH)
    session.add(issuer)
    members = visit.delegation.members
    nurgaliev = session.scalar(select(Person).where(Person.full_name_ru == "Ербол Нургалиев"))
    visit.liaison_officer = nurgaliev
    meeting, ceremony, concert = visit.events
    meeting.responsible = nurgaliev
    meeting.internal_notes = "Встречать у главного входа."
    meeting.vehicles = "Toyota Camry 123 ABC 16"
    meeting.sequence = 2
    memorial, hall = ceremony.venue, concert.venue
    memorial.latitude, memorial.longitude = Decimal("49.948123"), Decimal("82.627450")
    hall.capacity = 900
    first, second = sorted((memorial, hall), key=lambda v: v.id)
    airport = Venue(
        name=LocalizedText("Аэропорт Усть-Каменогорска", None, "Ust-Kamenogorsk Airport"),
        city=LocalizedText("Усть-Каменогорск"),
    )
    hotel = Venue(name=LocalizedText("Гостиница «Иртыш»"), capacity=120)
    session.add_all([airport, hotel, TravelTime(from_venue=first, to_venue=second, minutes=12)])
    day = visit.start_date
    early = Movement(
        visit=visit,
        member=members[0],
        direction=Direction.ARRIVAL,
        mode=TravelMode.CAR,
        at=to_utc(day, time(7, 0), visit.timezone),
        notes="Отменено: прибыл поездом.",
    )
    session.add(early)
    session.flush()
    issue_revision(session, visit, issuer, "Первая версия")
    session.delete(early)
    session.add_all(
        [
            Movement(
                visit=visit,
                member=members[0],
                direction=Direction.ARRIVAL,
                mode=TravelMode.FLIGHT,
                number="KC 123",
                place=LocalizedText("Аэропорт", None, "Airport"),
                venue=airport,
                at=to_utc(day, time(8, 30), visit.timezone),
                show_as_transfer=True,
            ),
            Movement(
                visit=visit,
                direction=Direction.DEPARTURE,
                mode=TravelMode.BUS,
                at=to_utc(day, time(22, 0), visit.timezone),
            ),
            Stay(visit=visit, hotel=hotel, check_in=day, check_out=date(2025, 4, 22)),
            Stay(
                visit=visit,
                member=members[1],
                hotel=hotel,
                check_in=day,
                check_out=date(2025, 4, 22),
                notes="Оркестр",
            ),
        ]
    )
    session.flush()
    issue_revision(session, visit, issuer, "После переноса")
    session.flush()
    meeting.title = LocalizedText(meeting.title.ru, None, "Meeting with the Akim")
    session.flush()
    issue_revision(session, visit, None, None)
    session.flush()
    concert.dress_code = LocalizedText("Деловой", "Іскери", "Business")
    visit.approved_by_name = LocalizedText("Иванов И. И.", "И. И. Иванов", "I. Ivanov")
    visit.approved_by_position = LocalizedText(ru="Руководитель протокольной службы")
    session.flush()
    return visit


@pytest.fixture
def rich_visit(db) -> Visit:
    visit = make_rich_visit(db.session)
    db.session.commit()
    return visit


@pytest.fixture
def rich_document(db, rich_visit) -> dict:
    """The rich visit's document; the database is then emptied (accounts and sessions aside)."""
    document = visit_document(db.session, rich_visit.id)
    db.session.rollback()
    empty_database(db)
    return document


def empty_database(db) -> None:
    keep = {"users", "staff_sessions"}
    for table in reversed(db.metadata.sorted_tables):
        if table.name not in keep:
            db.session.execute(table.delete())
    db.session.commit()
    db.session.remove()


@pytest.fixture
def fresh_app(new_database, tmp_path: Path):
    """A second app on a second, migrated and empty database of the same kind."""
    other = create_app(TestConfig(str(tmp_path / "fresh-instance"), new_database()))
    yield other
    with other.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def instance_in_tmp(app, tmp_path: Path) -> None:
    """Parked uploads go to the test's own folder, not to the real instance folder."""
    app.instance_path = str(tmp_path / "instance")
