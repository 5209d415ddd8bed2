"""`demo --office`: the office to measure on, here at a hundredth of its size."""

import pytest
from sqlalchemy import func, select

from visits.demo.office import build_office
from visits.models import Event, EventParticipant, FeedScope, FeedToken, Person, Visit


def count(db, column) -> int:
    return db.session.scalar(select(func.count(column)))


def test_the_office_is_written_as_counted_and_refused_over_visits(db, runner) -> None:
    result = runner.invoke(args=["demo", "--office", "--scale", "0.01"])
    assert result.exit_code == 0, result.output
    assert "Office demo: 1 visits, 4 events," in result.output
    assert count(db, Visit.id) == 1
    assert count(db, Event.id) == 4
    assert count(db, Person.id) == 100
    # The first event is the talks of the whole delegation (40) with three hosts.
    plenary = db.session.scalar(select(Event).order_by(Event.id).limit(1))
    assert len(plenary.participants) == 43
    assert count(db, EventParticipant.id) == int(result.output.split(" events, ")[1].split()[0])
    assert count(db, FeedToken.id) >= 41  # the visit's feed and one per member

    again = runner.invoke(args=["demo", "--office", "--scale", "0.01"])
    assert again.exit_code != 0
    assert "already holds visits" in again.output
    assert count(db, Visit.id) == 1


def test_the_same_office_on_every_run(db) -> None:
    first = build_office(db.session, 0.01)
    titles = db.session.scalars(select(Event.title_en).order_by(Event.id)).all()
    uids = db.session.scalars(select(Event.uid).order_by(Event.id)).all()
    db.session.rollback()
    build_office(db.session, 0.01)
    assert db.session.scalars(select(Event.title_en).order_by(Event.id)).all() == titles
    assert first.counts["events"] == 4
    assert db.session.scalars(select(Event.uid).order_by(Event.id)).all() == uids


def test_its_visit_page_and_feed_answer(db, staff_client) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the pages read the same rows on both databases: tested on SQLite")
    office = build_office(db.session, 0.01)
    db.session.commit()
    assert staff_client.get(f"/visits/{office.big_visit_id}").status_code == 200
    assert staff_client.get(f"/events/{office.plenary_id}/edit").status_code == 200
    secret = db.session.scalar(select(FeedToken.token).where(FeedToken.scope == FeedScope.VISIT))
    feed = staff_client.get(f"/feeds/{secret}.ics")
    assert feed.status_code == 200
    assert b"BEGIN:VEVENT" in feed.data  # internal events stay out of it
