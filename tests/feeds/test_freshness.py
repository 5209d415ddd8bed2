"""What a feed shows must look newer when it changes, and only then.

LAST-MODIFIED, DTSTAMP and SEQUENCE follow everything an event shows, even what lives
outside its own row (its venue, its participants' names, the link's language and
reminder); the HTTP validators follow the link's settings and never take two changes in
one second for one; a save that changes nothing leaves the feed version alone.
"""

from datetime import UTC, date, datetime, time

from visits.events.services import participants_of, update_event
from visits.models import LocalizedText
from visits.scheduling.timezones import to_utc

DAY = date(2025, 4, 21)
# Long before the scene's events: they are not over yet, and their rows look old.
BEFORE = datetime(2025, 1, 10, 9, 0, tzinfo=UTC)


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
