"""Fixtures of the feed tests: a visit with events of every visibility, and links to it."""

import os
from datetime import date, time

import pytest

from visits.feeds.poll_memory import PollMemory
from visits.models import (
    EventParticipant,
    EventStatus,
    FeedScope,
    FeedToken,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
)

DAY = date(2025, 4, 21)
RECHECK = 2.0


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def memory(app, monkeypatch, clock) -> PollMemory:
    """This worker's memory, hearing of changes only when a test says it does."""
    remembered = PollMemory(RECHECK, clock)
    remembered.trusted = True
    monkeypatch.setitem(app.config, "FEED_RECHECK_SECONDS", RECHECK)
    monkeypatch.setitem(app.extensions, "visits.poll_memory", (os.getpid(), remembered))
    return remembered


@pytest.fixture
def english(client):
    """Staff pages in English, so the tests read the messages as written in the source.
    (Not autouse: tests of other modules in this folder may not want an app.)"""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def make_token(db):
    def make(visit, **fields) -> FeedToken:
        values = {"scope": FeedScope.VISIT, "label": "Делегация", "language": "ru"} | fields
        token = FeedToken(visit_id=visit.id, **values)
        db.session.add(token)
        db.session.commit()
        return token

    return make


@pytest.fixture
def scene(db, make_visit, make_event):
    """A visit in Almaty time of a delegation from Barnaul, with a person, a venue and four
    events: public, delegation-only, internal, and a cancelled public one."""
    visit = make_visit()
    snesar = Person(full_name=LocalizedText(ru="Виталий Снесарь", en="Vitaly Snesar"))
    hall = Venue(name=LocalizedText(ru="«Ертіс концерт»"))
    db.session.add_all([snesar, hall])
    db.session.commit()
    concert = make_event(
        visit,
        DAY,
        time(19, 0),
        time(21, 0),
        title=LocalizedText(ru="Концерт", en="Concert"),
        visibility=Visibility.PUBLIC,
        venue_id=hall.id,
    )
    meeting = make_event(
        visit,
        DAY,
        time(10, 0),
        time(11, 30),
        title=LocalizedText(ru="Встреча с акимом", en="Meeting with the akim"),
        visibility=Visibility.DELEGATION,
    )
    briefing = make_event(
        visit,
        DAY,
        time(8, 0),
        time(8, 30),
        title=LocalizedText(ru="Служебный брифинг", en="Staff briefing"),
        visibility=Visibility.INTERNAL,
    )
    ceremony = make_event(
        visit,
        DAY,
        time(12, 0),
        time(12, 45),
        title=LocalizedText(ru="Возложение цветов", en="Flower laying"),
        visibility=Visibility.PUBLIC,
        status=EventStatus.CANCELLED,
        venue_id=hall.id,
    )
    db.session.add(
        EventParticipant(
            event_id=meeting.id, person_id=snesar.id, role=ParticipantRole.GUEST, side=Side.GUEST
        )
    )
    db.session.commit()
    return {
        "visit": visit,
        "person": snesar,
        "venue": hall,
        "concert": concert,
        "meeting": meeting,
        "briefing": briefing,
        "ceremony": ceremony,
    }
