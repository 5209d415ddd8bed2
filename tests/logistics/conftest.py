import html
import re
from datetime import date, time

import pytest

from visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    LocalizedText,
    MemberRole,
    Movement,
    Person,
    Stay,
    TravelMode,
    Venue,
    Visit,
)
from visits.scheduling.timezones import to_utc


def text_of(response) -> str:
    """The page's visible text with whitespace collapsed."""
    source = response.get_data(as_text=True)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", source)))


@pytest.fixture
def client(app):
    """A test client reading the pages in English, the language of the source strings."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def visit(make_visit) -> Visit:
    """21–22 April 2025 in Almaty (UTC+5); the delegation lives in Barnaul (UTC+7)."""
    delegation = Delegation(
        name=LocalizedText(ru="Делегация Алтайского края"), home_timezone="Asia/Barnaul"
    )
    for number, name in enumerate(("Виталий Снесарь", "Переводчик"), start=1):
        delegation.members.append(
            DelegationMember(
                person=Person(full_name=LocalizedText(ru=name)),
                role=MemberRole.HEAD if number == 1 else MemberRole.INTERPRETER,
                precedence=number,
            )
        )
    return make_visit(delegation=delegation)


@pytest.fixture
def hotel(db) -> Venue:
    venue = Venue(name=LocalizedText(ru="Гостиница «Иртыш»", en="Irtysh Hotel"))
    db.session.add(venue)
    db.session.commit()
    return venue


@pytest.fixture
def make_movement(db):
    def make(visit: Visit, day: date, wall: time, **overrides) -> Movement:
        fields = {
            "direction": Direction.ARRIVAL,
            "mode": TravelMode.FLIGHT,
            "number": "S7 5271",
            "place": LocalizedText(ru="Аэропорт Усть-Каменогорска"),
        } | overrides
        movement = Movement(visit=visit, at=to_utc(day, wall, visit.timezone), **fields)
        db.session.add(movement)
        db.session.commit()
        return movement

    return make


@pytest.fixture
def make_stay(db):
    def make(visit: Visit, hotel: Venue, check_in: date, check_out: date, **overrides) -> Stay:
        stay = Stay(visit=visit, hotel=hotel, check_in=check_in, check_out=check_out, **overrides)
        db.session.add(stay)
        db.session.commit()
        return stay

    return make
