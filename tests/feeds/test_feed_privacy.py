"""What a feed gives away and how it is labelled: no secret in an event, private caching,
a valid calendar when there is nothing to show, honest language tags, the office named
in the reader's language."""

from datetime import time

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from visits.events.services import cancel_event
from visits.models import (
    Event,
    EventParticipant,
    FeedScope,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
)


def unfolded(response) -> str:
    """The feed's content lines, folding undone, so a folded secret is still found."""
    return response.get_data(as_text=True).replace("\r\n ", "")


def lines_starting(body: str, name: str) -> list[str]:
    return [line for line in body.split("\r\n") if line.startswith((name + ":", name + ";"))]


def test_no_event_in_any_feed_carries_the_links_secret(client, scene, make_token):
    visit = scene["visit"]
    tokens = [
        make_token(visit),
        make_token(visit, scope=FeedScope.PERSON, person_id=scene["person"].id),
        make_token(visit, scope=FeedScope.VENUE, venue_id=scene["venue"].id, language="en"),
    ]
    for token in tokens:
        body = unfolded(client.get(f"/feeds/{token.token}.ics"))
        assert "BEGIN:VEVENT" in body
        assert token.token not in body
        assert not any(token.token in line for line in lines_starting(body, "URL"))


def test_a_feed_may_be_kept_by_the_client_only_never_by_a_shared_cache(client, scene, make_token):
    url = f"/feeds/{make_token(scene['visit']).token}.ics"
    first = client.get(url)
    control = first.headers["Cache-Control"]
    assert "private" in control and "public" not in control and "max-age" in control
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert "private" in again.headers["Cache-Control"]


def test_a_venue_feed_with_no_public_event_is_still_a_valid_calendar(
    client, db, make_visit, make_token
):
    visit = make_visit()
    hall = Venue(name=LocalizedText(ru="Пустой зал"))
    db.session.add(hall)
    db.session.commit()
    token = make_token(visit, scope=FeedScope.VENUE, venue_id=hall.id)
    data = client.get(f"/feeds/{token.token}.ics").get_data()
    assert b"BEGIN:VEVENT" not in data
    assert b"BEGIN:VTIMEZONE\r\nTZID:Asia/Almaty\r\n" in data  # RFC 5545 3.6: one at least
    assert IcsCalendarStream.calendar_from_ics(data.decode()).events == []
    parsed = icalendar.Calendar.from_ical(data)
    assert [component.name for component in parsed.subcomponents] == ["VTIMEZONE"]
    assert vobject.readOne(data.decode()).vtimezone.tzid.value == "Asia/Almaty"


@pytest.fixture
def mixed(db, make_visit, make_event):
    """An event whose title and venue exist in Russian only, and one fully in English."""
    visit = make_visit()
    hall = Venue(name=LocalizedText(ru="Дворец мира"), address=LocalizedText(ru="ул. Ленина, 1"))
    guest = Person(full_name=LocalizedText(ru="Иван Петров"))
    only_russian = make_event(
        visit, visit.start_date, *_hours(10, 11), title=LocalizedText(ru="Концерт"), venue=hall
    )
    only_russian.participants.append(
        EventParticipant(person=guest, role=ParticipantRole.GUEST, side=Side.GUEST)
    )
    make_event(
        visit,
        visit.start_date,
        *_hours(12, 13),
        title=LocalizedText(ru="Обед", en="Lunch"),
        visibility=Visibility.DELEGATION,
    )
    db.session.commit()
    return visit


def _hours(start: int, end: int) -> tuple[time, time]:
    return time(start), time(end)


def test_text_that_falls_back_is_tagged_with_the_language_it_is_in(client, mixed, make_token):
    body = unfolded(client.get(f"/feeds/{make_token(mixed, language='en').token}.ics"))
    assert "SUMMARY;LANGUAGE=ru:Концерт" in body
    assert "SUMMARY;LANGUAGE=en:Lunch" in body
    assert "LOCATION;LANGUAGE=ru:Дворец мира\\, ул. Ленина\\, 1" in body
    # English words around a Russian name: no one language to name, so no tag.
    assert "DESCRIPTION:guest side: Иван Петров" in body
    assert lines_starting(body, "CATEGORIES")[0].startswith("CATEGORIES;LANGUAGE=en:")
    russian = unfolded(client.get(f"/feeds/{make_token(mixed, language='ru').token}.ics"))
    assert "SUMMARY;LANGUAGE=ru:Концерт" in russian
    assert any(
        line.startswith("DESCRIPTION;LANGUAGE=ru:") and line.endswith(": Иван Петров")
        for line in lines_starting(russian, "DESCRIPTION")
    )


def test_a_cancelled_title_in_another_language_is_not_tagged_as_either(
    client, db, mixed, make_token
):
    concert = db.session.query(Event).filter_by(title_ru="Концерт").one()
    cancel_event(db.session, concert)
    db.session.commit()
    body = unfolded(client.get(f"/feeds/{make_token(mixed, language='en').token}.ics"))
    assert "SUMMARY:CANCELLED: Концерт" in body


@pytest.mark.parametrize(
    ("language", "office"),
    [("ru", "Протокольная служба"), ("kk", "Хаттама қызметі"), ("en", "Protocol office")],
)
def test_the_office_is_named_in_the_links_language(
    app, client, scene, make_token, language, office
):
    app.config["PROTOCOL_OFFICE_NAME"] = ""
    body = unfolded(client.get(f"/feeds/{make_token(scene['visit'], language=language).token}.ics"))
    description = lines_starting(body, "DESCRIPTION")[0]
    assert office in description and f"LANGUAGE={language}" in description
    assert f'ORGANIZER;CN="{office}"' in body or f"ORGANIZER;CN={office}" in body


def test_a_configured_office_name_per_language_wins(app, client, scene, make_token):
    app.config["PROTOCOL_OFFICE_NAME"] = "Протокольная служба акимата"
    app.config["PROTOCOL_OFFICE_NAMES"] = {"en": "Protocol office of the akimat"}
    english = unfolded(client.get(f"/feeds/{make_token(scene['visit'], language='en').token}.ics"))
    assert "Protocol office of the akimat" in english and "акимата" not in english
    kazakh = unfolded(client.get(f"/feeds/{make_token(scene['visit'], language='kk').token}.ics"))
    assert "Протокольная служба акимата" in kazakh
