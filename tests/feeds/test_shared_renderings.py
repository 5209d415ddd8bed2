"""Feeds that show the same event share one rendering of it (per language and reminder),
whatever their link's own stamp; the caches they come from stay within their bytes."""

from datetime import UTC, datetime

import icalendar
import pytest
from sqlalchemy import update

from visits.exports.ical import render_cache
from visits.feeds import serve
from visits.feeds.serve import feed_cache
from visits.models import Event, FeedScope

CHANGED = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)  # after the events' rows, before the visit


@pytest.fixture
def renders(monkeypatch):
    """The VEVENTs serialized from now on."""
    render_cache.clear()
    serialized: list = []
    original = icalendar.Event.to_ical

    def counting(self, *args, **kwargs):
        serialized.append(self["UID"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(icalendar.Event, "to_ical", counting)
    return serialized


@pytest.fixture
def links(db, scene, make_token):
    """A visit link, and two links of the person (one of them set anew since)."""
    db.session.execute(update(Event).values(updated_at=datetime(2025, 2, 1, tzinfo=UTC)))
    db.session.commit()
    visit, person = scene["visit"], scene["person"]
    person_link = {"scope": FeedScope.PERSON, "person_id": person.id, "include_public": True}
    return (
        make_token(visit, reminder_minutes=30),
        make_token(visit, reminder_minutes=30, **person_link),
        make_token(visit, reminder_minutes=30, settings_changed_at=CHANGED, **person_link),
    )


def _feed(client, token) -> bytes:
    response = client.get(f"/feeds/{token.token}.ics")
    assert response.status_code == 200
    return response.data


def test_the_visit_feed_and_person_feeds_share_event_renderings(client, links, renders):
    visit_link, person_link, restamped = links
    _feed(client, visit_link)
    shown = len(renders)
    assert shown == 3  # public and delegation events; the internal one never
    assert len(renders) == len(set(renders))
    _feed(client, person_link)
    assert len(renders) == shown  # every event of the person feed was rendered already
    stamped = _feed(client, restamped)
    assert len(renders) == shown
    # The link set anew still makes its events look newer, from the shared bytes.
    assert stamped.count(b"DTSTAMP:20250301T080000Z\r\n") == 3
    assert stamped.count(b"LAST-MODIFIED:20250301T080000Z\r\n") == 3


def test_another_reminder_or_language_is_another_rendering(client, db, links, renders):
    visit_link, person_link, _ = links
    _feed(client, visit_link)
    shown = len(renders)
    person_link.reminder_minutes = 15
    db.session.commit()
    _feed(client, person_link)
    assert len(renders) == shown + 3


def test_the_caches_keep_to_their_bytes(client, links, monkeypatch):
    monkeypatch.setattr(feed_cache, "max_bytes", 6000)
    monkeypatch.setattr(render_cache, "max_bytes", 5000)
    bodies = [_feed(client, link) for link in links]
    assert 0 < feed_cache.bytes <= 6000 and 0 < render_cache.bytes <= 5000
    assert len(feed_cache) < len(links)  # the oldest feed body made way
    feed_cache.clear()
    render_cache.clear()
    assert [_feed(client, link) for link in links] == bodies


def test_the_bounds_come_from_the_configuration(app):
    assert feed_cache.max_bytes == app.config["FEED_CACHE_BYTES"] > 0
    assert render_cache.max_bytes == app.config["RENDER_CACHE_BYTES"] > 0
    assert serve.feed_cache is feed_cache
