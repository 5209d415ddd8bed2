"""Venues booked as rooms, on the demo visit: a hall holds one event at a time whatever its
seats; the memorial's open ground is a shared space."""

from datetime import date, time

from sqlalchemy import select

from tests.html_forms import form_fields
from tests.visits.test_pages import text_of
from visits.demo import load_demo
from visits.events.services import create_event
from visits.models import (
    EventKind,
    EventParticipant,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
    Visit,
)
from visits.scheduling.timezones import to_utc

DAY = date(2025, 4, 21)
HALL = "«Ертіс концерт»"
MEMORIAL = "Мемориальный комплекс погибших воинов и героев ВОВ «Победа»"


def venue_named(db, name: str) -> Venue:
    return db.session.scalars(select(Venue).where(Venue.name_ru == name)).one()


def add_event(db, visit: Visit, venue: Venue, title: str, start: time, end: time):
    """An event saved through the same service as the event form."""
    event = create_event(
        db.session,
        visit,
        kind=EventKind.OTHER,
        title=LocalizedText(ru=title, en=title),
        status=EventStatus.CONFIRMED,
        visibility=Visibility.DELEGATION,
        starts_at=to_utc(DAY, start, visit.timezone),
        ends_at=to_utc(DAY, end, visit.timezone),
        venue=venue,
    )
    db.session.commit()
    return event


def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_a_master_class_during_the_concert_is_flagged_though_the_hall_has_600_seats(
    staff_client, db
):
    visit = load_demo(db.session)
    db.session.commit()
    client = english(staff_client)
    hall = venue_named(db, HALL)

    # Staff give the hall its 600 seats on the venue's page, leaving the rest as it is.
    url = f"/venues/{hall.id}/edit"
    fields = form_fields(client.get(url).get_data(as_text=True)) | {"capacity": "600"}
    assert "shared" not in fields  # a hall: the box is not ticked
    assert client.post(url, data=fields).status_code == 302
    db.session.expire_all()
    assert (hall.capacity, hall.shared) == (600, False)
    assert "booked twice" not in text_of(client.get(f"/visits/{visit.id}"))

    # The concert runs 19:00–21:00; a master class of nobody in particular joins at 20:00.
    master_class = add_event(db, visit, hall, "Master class", time(20), time(20, 45))

    response = client.get(f"/visits/{visit.id}")
    page = text_of(response)
    assert "«Yertis Concert» is booked twice:" in page  # its English name
    assert "«Master class» (21.04 20:00)" in page and "overlap by 45 min" in page
    assert "a hall holds one event at a time" in page
    assert response.get_data(as_text=True).count("conflict-mark") == 2
    of_event = client.get(f"/api/v1/events/{master_class.id}/conflicts").get_json()
    assert [(w["kind"], w["venue_ids"], w["minutes"]) for w in of_event] == [
        ("venue_overlap", [hall.id], 45)
    ]


def test_at_the_memorials_open_ground_events_may_overlap_up_to_its_capacity(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    client = english(staff_client)
    memorial = venue_named(db, MEMORIAL)
    assert memorial.shared

    # The wreath-laying runs 12:00–12:45; a school's own ceremony there at 12:30 is fine.
    add_event(db, visit, memorial, "School wreaths", time(12, 30), time(13))
    assert "conflict-mark" not in client.get(f"/visits/{visit.id}").get_data(as_text=True)

    # Given room for one, the same ground is too small once a guest comes at 12:40 while
    # the wreath-laying (one delegation) is still there.
    memorial.capacity = 1
    veterans = add_event(db, visit, memorial, "Veterans", time(12, 40), time(13))
    guest = db.session.scalars(select(Person).order_by(Person.id)).first()
    veterans.participants.append(
        EventParticipant(person=guest, role=ParticipantRole.GUEST, side=Side.GUEST, position=1)
    )
    db.session.commit()
    page = text_of(client.get(f"/visits/{visit.id}"))
    assert "holds 1, but 2 are expected at once:" in page
    assert "booked twice" not in page


def test_an_event_too_big_for_its_hall_is_flagged_alone(staff_client, db, make_visit, make_event):
    visit = make_visit()
    client = english(staff_client)
    room = Venue(name=LocalizedText(ru="Малый зал", en="Small hall"), capacity=2)
    people = [Person(full_name=LocalizedText(ru=f"Гость {n}")) for n in range(3)]
    db.session.add_all([room, *people])
    meeting = make_event(
        visit, DAY, time(10), time(11), venue=room, title=LocalizedText(ru="Переговоры", en="Talks")
    )
    meeting.participants.extend(
        EventParticipant(person=p, role=ParticipantRole.GUEST, side=Side.GUEST, position=n)
        for n, p in enumerate(people, start=1)
    )
    db.session.commit()
    page = text_of(client.get(f"/visits/{visit.id}"))
    assert "Small hall holds 2, but «Talks» (21.04 10:00) brings 3." in page
