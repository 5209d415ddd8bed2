"""The whole way: staff notify, the sender delivers through a real SMTP server on the
loopback, the delegate's mail client finds one invitation per change, in Russian."""

from datetime import timedelta
from email import message_from_bytes
from email.policy import default

from ical.calendar_stream import IcsCalendarStream

from tests.notices.test_notify import notify
from visits.models import EventStatus
from visits.outbox.sender import send_due


def _parts(message, content_type: str) -> list:
    return [part for part in message.walk() if part.get_content_type() == content_type]


def test_a_moved_concert_and_a_cancelled_meeting_arrive_as_a_request_and_a_cancel(
    smtp_app, mail_server, staff_client, db, scene, invited
):
    notify(staff_client, scene["visit"].id)
    assert send_due(smtp_app).sent == 2  # his programme as it was: two invitations
    mail_server.received.clear()
    concert, meeting = scene["concert"], scene["meeting"]
    concert.starts_at += timedelta(hours=1)
    concert.ends_at += timedelta(hours=1)
    concert.sequence += 1
    meeting.status = EventStatus.CANCELLED
    meeting.sequence += 1
    db.session.commit()

    notify(staff_client, scene["visit"].id)
    counts = send_due(smtp_app)

    assert (counts.sent, counts.failed) == (2, 0)
    arrived = {}
    for raw in mail_server.received:
        message = message_from_bytes(raw.as_bytes(), policy=default)
        assert str(message["To"]) == "snesar@example.org"
        (calendar,) = _parts(message, "text/calendar")
        parsed = IcsCalendarStream.calendar_from_ics(calendar.get_content())
        assert calendar.get_param("method") == parsed.method
        (event,) = parsed.events
        (text,) = _parts(message, "text/plain")
        arrived[parsed.method] = (event.uid, event.sequence, text.get_content(), message)
    assert set(arrived) == {"REQUEST", "CANCEL"}
    assert arrived["REQUEST"][:2] == (concert.uid, concert.sequence)
    assert arrived["CANCEL"][:2] == (meeting.uid, meeting.sequence)
    assert "Перенесено: Концерт." in arrived["REQUEST"][2]
    assert "Отменено: Встреча с акимом" in arrived["CANCEL"][2]
    assert str(arrived["REQUEST"][3]["Subject"]).startswith("Изменено: Концерт, 21 апреля, 20:00")
