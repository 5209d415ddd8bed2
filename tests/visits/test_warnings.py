"""Conflicts appear on the visit page as warnings that name who, what and how long."""

from datetime import date, time
from decimal import Decimal

from tests.visits.test_pages import text_of
from visits.models import (
    EventParticipant,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    TravelTime,
    Venue,
)

DAY = date(2025, 4, 21)


def with_person(db, event, person):
    event.participants.append(
        EventParticipant(person=person, role=ParticipantRole.GUEST, side=Side.GUEST, position=1)
    )
    db.session.commit()


def test_a_person_in_two_overlapping_events_is_named_with_the_minutes(
    staff_client, db, make_visit, make_event
):
    visit = make_visit()
    snesar = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    first = make_event(visit, DAY, time(10, 0), time(11, 30), title=LocalizedText(ru="Встреча"))
    second = make_event(visit, DAY, time(11, 0), time(12, 0), title=LocalizedText(ru="Церемония"))
    with_person(db, first, snesar)
    with_person(db, second, snesar)
    response = staff_client.get(f"/visits/{visit.id}")
    page = text_of(response)
    assert ("Виталий Снесарь" in page and "30 мин" in page) or "30 min" in page
    html = response.get_data(as_text=True)
    assert f"/events/{first.id}/edit" in html and f"/events/{second.id}/edit" in html
    assert html.count("conflict-mark") == 2


def test_a_cancelled_event_raises_no_warning(staff_client, db, make_visit, make_event):
    visit = make_visit()
    person = Person(full_name=LocalizedText(ru="Ербол Нургалиев"))
    first = make_event(visit, DAY, time(10, 0), time(11, 30))
    second = make_event(visit, DAY, time(11, 0), time(12, 0), status=EventStatus.CANCELLED)
    with_person(db, first, person)
    with_person(db, second, person)
    html = staff_client.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "conflict-mark" not in html


def test_too_little_time_to_travel_is_flagged_with_both_figures(
    staff_client, db, make_visit, make_event
):
    visit = make_visit()
    akimat = Venue(name=LocalizedText(ru="Акимат"))
    memorial = Venue(name=LocalizedText(ru="Мемориал «Победа»"))
    db.session.add_all([akimat, memorial])
    db.session.flush()
    low, high = sorted([akimat.id, memorial.id])
    db.session.add(TravelTime(from_venue_id=low, to_venue_id=high, minutes=25))
    person = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    meeting = make_event(visit, DAY, time(10, 0), time(11, 30), venue=akimat)
    ceremony = make_event(visit, DAY, time(11, 40), time(12, 30), venue=memorial)
    with_person(db, meeting, person)
    with_person(db, ceremony, person)
    page = text_of(staff_client.get(f"/visits/{visit.id}"))
    assert "Виталий Снесарь" in page
    assert "10" in page and "25" in page
    assert "Мемориал «Победа»" in page


def test_travel_time_is_estimated_from_coordinates_when_not_set(
    staff_client, db, make_visit, make_event
):
    visit = make_visit(city_speed_kmh=30)
    here = Venue(name=LocalizedText(ru="А"), latitude=Decimal("49.95"), longitude=Decimal("82.60"))
    there = Venue(name=LocalizedText(ru="Б"), latitude=Decimal("49.99"), longitude=Decimal("82.70"))
    person = Person(full_name=LocalizedText(ru="Гость"))
    first = make_event(visit, DAY, time(10, 0), time(11, 0), venue=here)
    second = make_event(visit, DAY, time(11, 5), time(12, 0), venue=there)
    with_person(db, first, person)
    with_person(db, second, person)
    html = staff_client.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "travel_too_short" in html
