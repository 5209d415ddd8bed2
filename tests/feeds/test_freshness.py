"""What a feed shows must look newer when it changes, and only then.

LAST-MODIFIED, DTSTAMP and SEQUENCE follow everything an event shows, even what lives
outside its own row (its venue, its participants' names, the link's language and
reminder); the HTTP validators follow the link's settings and never take two changes in
one second for one; a save that changes nothing leaves the feed version alone.
"""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from email.utils import format_datetime

import pytest
from ical.calendar_stream import IcsCalendarStream
from sqlalchemy import update

from visits.events.services import participants_of, update_event
from visits.feeds import invalidation, serve, services
from visits.feeds.serve import feed_cache
from visits.feeds.services import settings_of, update_settings
from visits.models import Event, FeedScope, FeedToken, LocalizedText
from visits.scheduling.timezones import to_utc

DAY = date(2025, 4, 21)
# Long before the scene's events: they are not over yet, and their rows look old.
BEFORE = datetime(2025, 1, 10, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_feed_cache():
    feed_cache.clear()
    yield
    feed_cache.clear()


@pytest.fixture
def aged(db, scene):
    """The scene with its events last changed long ago, at a time before them all."""
    db.session.execute(update(Event).values(updated_at=BEFORE - timedelta(days=1)))
    db.session.commit()
    db.session.expire_all()
    return scene


@pytest.fixture
def before_the_visit(monkeypatch):
    """Changes happen before the visit (its events are still to come)."""
    monkeypatch.setattr(invalidation, "utcnow", lambda: BEFORE)


def _event(client, token, uid):
    body = client.get(f"/feeds/{token.token}.ics").get_data(as_text=True)
    calendar = IcsCalendarStream.calendar_from_ics(body)
    return next(event for event in calendar.events if event.uid == uid)


def _feed_token(db, visit, **fields) -> FeedToken:
    token = FeedToken(visit_id=visit.id, scope=FeedScope.VISIT, label="Делегат", **fields)
    db.session.add(token)
    db.session.commit()
    return token


def test_a_new_venue_address_looks_newer_and_raises_the_sequence(
    client, db, aged, before_the_visit
):
    token, concert = _feed_token(db, aged["visit"]), aged["concert"]
    old = _event(client, token, concert.uid)
    hall = aged["venue"]
    hall.address = LocalizedText(ru="ул. Кутузова, 1")
    db.session.commit()
    new = _event(client, token, concert.uid)
    assert "Кутузова" in new.location
    assert new.last_modified > old.last_modified and new.dtstamp > old.dtstamp
    assert new.sequence == old.sequence + 1


def test_new_coordinates_raise_the_sequence_of_past_events_too(client, db, aged, monkeypatch):
    token, concert = _feed_token(db, aged["visit"]), aged["concert"]
    old = _event(client, token, concert.uid)
    monkeypatch.setattr(invalidation, "utcnow", lambda: concert.ends_at + timedelta(hours=1))
    aged["venue"].latitude, aged["venue"].longitude = Decimal("52.287"), Decimal("76.967")
    db.session.commit()
    new = _event(client, token, concert.uid)
    assert new.geo is not None
    assert new.last_modified > old.last_modified
    assert new.sequence == old.sequence + 1  # over by then, yet its record is corrected


def test_a_participant_renamed_makes_their_events_look_newer(client, db, aged, before_the_visit):
    token, meeting = _feed_token(db, aged["visit"]), aged["meeting"]
    concert = aged["concert"]
    old, other = _event(client, token, meeting.uid), _event(client, token, concert.uid)
    aged["person"].full_name = LocalizedText(ru="Виталий Снесарь-младший")
    db.session.commit()
    new = _event(client, token, meeting.uid)
    assert "Снесарь-младший" in new.description
    assert new.last_modified > old.last_modified
    assert _event(client, token, concert.uid).last_modified == other.last_modified


@pytest.mark.parametrize(
    "changes", [{"language": "en"}, {"reminder_minutes": 30}], ids=["language", "reminder"]
)
def test_a_link_setting_that_changes_the_events_makes_them_look_newer(client, db, aged, changes):
    token, concert = _feed_token(db, aged["visit"]), aged["concert"]
    old = _event(client, token, concert.uid)
    _edit_link(db, token, changes)
    new = _event(client, token, concert.uid)
    assert new.last_modified > old.last_modified


def test_a_reminder_set_back_still_looks_newer(client, db, aged, monkeypatch):
    token, concert = _feed_token(db, aged["visit"], reminder_minutes=30), aged["concert"]
    moments = iter(BEFORE + timedelta(hours=hours) for hours in (1, 2))
    monkeypatch.setattr(services, "utcnow", lambda: next(moments))
    _event(client, token, concert.uid)
    _edit_link(db, token, {"reminder_minutes": 15})
    between = _event(client, token, concert.uid)
    _edit_link(db, token, {"reminder_minutes": 30})
    assert _event(client, token, concert.uid).last_modified > between.last_modified


def _edit_link(db, token, changes) -> None:
    loaded = settings_of(token)
    update_settings(db.session, token, replace(loaded, **changes), loaded)
    db.session.commit()


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC).replace(microsecond=0), usegmt=True)


def test_if_modified_since_alone_sees_a_reminder_added(client, db, aged, monkeypatch):
    token = _feed_token(db, aged["visit"])
    url = f"/feeds/{token.token}.ics"
    start = datetime.now(UTC)
    monkeypatch.setattr(serve, "utcnow", lambda: start + timedelta(seconds=5))
    first = client.get(url)
    monkeypatch.setattr(services, "utcnow", lambda: start + timedelta(seconds=7))
    _edit_link(db, token, {"reminder_minutes": 15})
    monkeypatch.setattr(serve, "utcnow", lambda: start + timedelta(seconds=10))
    again = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 200 and "TRIGGER" in again.get_data(as_text=True)


def test_two_changes_in_one_second_are_not_taken_for_one(client, db, aged, monkeypatch):
    visit, concert = aged["visit"], aged["concert"]
    token = _feed_token(db, visit)
    url = f"/feeds/{token.token}.ics"
    second = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    moments = iter([second.replace(microsecond=300_000), second.replace(microsecond=800_000)])
    monkeypatch.setattr(invalidation, "utcnow", lambda: next(moments))
    monkeypatch.setattr(serve, "utcnow", lambda: second.replace(microsecond=500_000))
    update_event(db.session, concert, {"notes": LocalizedText(ru="Вход с 18:30")})
    db.session.commit()
    first = client.get(url)  # between the two changes, in the same second
    update_event(db.session, concert, {"notes": LocalizedText(ru="Вход с 18:00")})
    db.session.commit()
    # A client that revalidates with the date alone: ours, or the second it fetched in.
    for since in {first.headers["Last-Modified"], _http_date(second)}:
        again = client.get(url, headers={"If-Modified-Since": since})
        assert again.status_code == 200 and "18:00" in again.get_data(as_text=True)
    # Once that second is over, the date it names is exact: a poll gets 304.
    monkeypatch.setattr(serve, "utcnow", lambda: second + timedelta(seconds=3))
    settled = client.get(url).headers["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": settled}).status_code == 304


def test_a_save_that_changes_nothing_keeps_the_feed_version(db, scene):
    visit, meeting = scene["visit"], scene["meeting"]
    before = visit.feed_version
    same = {
        "title": LocalizedText(ru="Встреча с акимом", en="Meeting with the akim"),
        "starts_at": to_utc(DAY, time(10, 0), visit.timezone),
        "ends_at": to_utc(DAY, time(11, 30), visit.timezone),
        "notes": meeting.notes,
    }
    update_event(db.session, meeting, same, participants_of(meeting))
    scene["venue"].name = LocalizedText(ru="«Ертіс концерт»")
    db.session.commit()
    db.session.refresh(visit)
    assert visit.feed_version == before
    update_event(db.session, meeting, {"notes": LocalizedText(ru="Без галстуков")})
    db.session.commit()
    db.session.refresh(visit)
    assert visit.feed_version == before + 1
