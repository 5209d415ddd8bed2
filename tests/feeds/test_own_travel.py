"""A delegate's own arrival, departure and hotel in their person feed and on their
subscribe page (a link setting, on by default); never another member's own."""

import re
from datetime import UTC, date, datetime, time

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream
from sqlalchemy import update

from tests.feeds.conftest import DAY
from tests.feeds.helpers import edit_data, loaded_value
from visits.feeds.services import FeedSettings, settings_of, update_settings
from visits.models import (
    DelegationMember,
    Direction,
    FeedScope,
    FeedToken,
    LocalizedText,
    MemberRole,
    Movement,
    Person,
    Stay,
    TravelMode,
    Venue,
)
from visits.scheduling.timezones import to_utc

LAST_DAY = date(2025, 4, 22)


@pytest.fixture
def trip(db, scene):
    """The scene's delegate and a colleague in the delegation; the delegate flies in and
    home, sleeps at a hotel; the colleague has a train of their own; everyone takes the
    delegation's bus to the hotel."""
    visit, snesar = scene["visit"], scene["person"]
    colleague = Person(full_name=LocalizedText(ru="Переводчик"))
    hotel = Venue(
        name=LocalizedText(ru="Гостиница «Иртыш»", en="Irtysh Hotel"),
        address=LocalizedText(ru="ул. Абая, 1", en="1 Abay St"),
        latitude=43.238,
        longitude=76.945,
    )
    own = DelegationMember(person=snesar, role=MemberRole.HEAD, precedence=1)
    other = DelegationMember(person=colleague, role=MemberRole.INTERPRETER, precedence=2)
    visit.delegation.members.extend([own, other])
    db.session.add(hotel)
    db.session.flush()

    def move(member, direction, mode, number, day, at, place):
        return Movement(
            visit=visit,
            member=member,
            direction=direction,
            mode=mode,
            number=number,
            at=to_utc(day, at, visit.timezone),
            place=LocalizedText(ru=place, en=place),
        )

    arrival = move(own, Direction.ARRIVAL, TravelMode.FLIGHT, "S7 5271", DAY, time(7, 40), "ALA")
    departure = move(
        own, Direction.DEPARTURE, TravelMode.FLIGHT, "S7 5272", LAST_DAY, time(9, 0), "ALA"
    )
    train = move(other, Direction.ARRIVAL, TravelMode.TRAIN, "T 11", DAY, time(6, 15), "Вокзал")
    bus = move(None, Direction.ARRIVAL, TravelMode.BUS, None, DAY, time(8, 30), "Аэропорт")
    stay = Stay(visit=visit, member=own, hotel=hotel, check_in=DAY, check_out=LAST_DAY)
    db.session.add_all([arrival, departure, train, bus, stay])
    db.session.commit()
    return {"arrival": arrival, "departure": departure, "train": train, "bus": bus, "stay": stay}


def person_token(make_token, scene, **fields):
    values = {"scope": FeedScope.PERSON, "person_id": scene["person"].id, "language": "en"}
    return make_token(scene["visit"], **(values | fields))


def events_of(body: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_a_person_feed_has_their_arrival_departure_and_hotel_not_anothers(
    client, scene, trip, make_token
):
    token = person_token(make_token, scene)
    body = client.get(f"/feeds/{token.token}.ics").data
    events = events_of(body)
    arrival = events[f"movement-{trip['arrival'].id}@visits"]
    assert str(arrival["SUMMARY"]) == "Arrival · flight S7 5271"
    assert str(arrival["LOCATION"]) == "ALA"
    assert arrival.decoded("DTSTART") == to_utc(DAY, time(7, 40), "Asia/Almaty")
    assert arrival["DTSTART"].params["TZID"] == "Asia/Almaty"
    departure = events[f"movement-{trip['departure'].id}@visits"]
    assert str(departure["SUMMARY"]) == "Departure · flight S7 5272"
    assert f"movement-{trip['bus'].id}@visits" in events  # the whole delegation's
    assert f"movement-{trip['train'].id}@visits" not in events  # the colleague's own
    check_in = events[f"stay-{trip['stay'].id}-in@visits"]
    check_out = events[f"stay-{trip['stay'].id}-out@visits"]
    assert str(check_in["SUMMARY"]) == "Hotel check-in · Irtysh Hotel"
    assert str(check_out["LOCATION"]) == "Irtysh Hotel, 1 Abay St"
    assert check_out.decoded("DTSTART").date() == LAST_DAY
    assert "GEO" in check_in
    assert "Meeting with the akim" in body.decode()  # their events stay


def test_the_feed_parses_in_the_strict_parsers(client, scene, trip, make_token):
    token = person_token(make_token, scene, language="ru")
    body = client.get(f"/feeds/{token.token}.ics").data
    parsed = IcsCalendarStream.calendar_from_ics(body.decode())
    summaries = {event.summary for event in parsed.events}
    assert "Прибытие · самолёт S7 5271" in summaries
    assert "Заселение в гостиницу · Гостиница «Иртыш»" in summaries
    assert len(list(vobject.readOne(body.decode()).vevent_list)) == len(parsed.events)


def test_a_link_without_the_setting_or_of_the_visit_leaves_them_out(
    client, scene, trip, make_token
):
    for token in (
        person_token(make_token, scene, include_travel=False),
        make_token(scene["visit"], language="en"),
    ):
        body = client.get(f"/feeds/{token.token}.ics").data.decode()
        assert "movement-" not in body and "stay-" not in body
        assert "S7 5271" not in client.get(f"/feeds/{token.token}").text


def test_the_subscribe_page_shows_the_departure_on_the_last_day(client, scene, trip, make_token):
    token = person_token(make_token, scene)
    html = client.get(f"/feeds/{token.token}").text
    last_day = html.split('id="day-2025-04-22"')[1]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", last_day))
    assert "Nothing planned" not in text
    assert "09:00 Departure · flight S7 5272 ALA" in text
    assert "Hotel check-out · Irtysh Hotel" in text


def test_a_new_flight_time_makes_the_feed_newer_with_a_higher_sequence(
    client, db, scene, trip, make_token
):
    token = person_token(make_token, scene)
    url, uid = f"/feeds/{token.token}.ics", f"movement-{trip['departure'].id}@visits"
    db.session.execute(update(Movement).values(updated_at=datetime(2025, 4, 1, tzinfo=UTC)))
    db.session.commit()
    first = client.get(url)
    before = events_of(first.data)[uid]
    departure = db.session.get(Movement, trip["departure"].id)
    departure.at = to_utc(LAST_DAY, time(11, 0), "Asia/Almaty")
    db.session.commit()
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 200
    after = events_of(client.get(url).data)[uid]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTART") == to_utc(LAST_DAY, time(11, 0), "Asia/Almaty")


def test_a_changed_stay_makes_the_feed_newer(client, db, scene, trip, make_token):
    token = person_token(make_token, scene)
    url = f"/feeds/{token.token}.ics"
    tag = client.get(url).headers["ETag"]
    db.session.get(Stay, trip["stay"].id).check_out = date(2025, 4, 23)
    db.session.commit()
    assert client.get(url, headers={"If-None-Match": tag}).status_code == 200


def test_a_deleted_stay_leaves_the_feed_and_the_programme_stays_current(
    client, db, scene, trip, make_token
):
    """Stays are read by the poll itself, outside the visit's feed version: the person's
    feed changes, an issued programme (which prints no hotel) does not become a draft."""
    token = person_token(make_token, scene)
    url = f"/feeds/{token.token}.ics"
    tag = client.get(url).headers["ETag"]
    visit = db.session.get(Stay, trip["stay"].id).visit
    version = visit.feed_version
    db.session.delete(db.session.get(Stay, trip["stay"].id))
    db.session.commit()
    again = client.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 200 and b"stay-" not in again.data
    db.session.refresh(visit)
    assert visit.feed_version == version


def test_turning_the_setting_off_is_a_new_feed(client, db, scene, trip, make_token):
    token = person_token(make_token, scene)
    url = f"/feeds/{token.token}.ics"
    first = client.get(url)
    loaded = settings_of(token)
    changed = FeedSettings(**(loaded.__dict__ | {"include_travel": False}))
    update_settings(db.session, token, changed, loaded)
    db.session.commit()
    again = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 200 and b"movement-" not in again.data
    assert isinstance(token.settings_changed_at, datetime)


def test_staff_turn_the_setting_off_in_the_links_form(staff_client, db, scene, make_token):
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    token = person_token(make_token, scene)
    form = staff_client.get(f"/feed-tokens/{token.id}/edit").text
    assert "Include their own arrival, departure and hotel" in form
    (box,) = re.findall(r'<input[^>]*name="include_travel"[^>]*>', form)
    assert "checked" in box  # on by default
    data = edit_data(token, loaded=loaded_value(form))  # the box left unticked
    assert staff_client.post(f"/feed-tokens/{token.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(FeedToken, token.id).include_travel is False
