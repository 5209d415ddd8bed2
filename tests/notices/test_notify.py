"""«Notify delegates»: the preview per recipient, then the messages queued in the outbox
with what each holder was told; invitations follow iMIP (RFC 6047) with the feed's UID and
SEQUENCE; internal events never appear."""

from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from ical.calendar_stream import IcsCalendarStream
from sqlalchemy import select

from tests.feeds.helpers import text_of
from visits.extensions import db as database
from visits.feeds.services import rotate_feed
from visits.models import (
    Delivery,
    EventStatus,
    MessageKind,
    OutboxMessage,
    Venue,
)
from visits.notices.plan import plan_for

pytestmark = pytest.mark.usefixtures("english")


def queued(db) -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def notify(client, visit_id: int):
    """Open the preview, then send what it shows."""
    page = client.get(f"/visits/{visit_id}/notify")
    assert page.status_code == 200
    digest = _field(page, "digest")
    token = _field(page, "csrf_token")
    return client.post(f"/visits/{visit_id}/notify", data={"digest": digest, "csrf_token": token})


def _field(page, name: str) -> str:
    import re

    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page.get_data(as_text=True))
    if found is None:
        found = re.search(rf'value="([^"]*)"[^>]*name="{name}"', page.get_data(as_text=True))
    assert found, name
    return found.group(1)


def parsed(message: OutboxMessage):
    return message_from_bytes(message.raw.encode("utf-8"), policy=default)


def calendar_part(message: OutboxMessage):
    (part,) = [
        part for part in parsed(message).walk() if part.get_content_type() == "text/calendar"
    ]
    return part, IcsCalendarStream.calendar_from_ics(part.get_content())


def text_part(message: OutboxMessage) -> str:
    (part,) = [part for part in parsed(message).walk() if part.get_content_type() == "text/plain"]
    return part.get_content()


def test_the_first_notice_invites_to_every_event_the_feed_shows_and_nothing_internal(
    staff_client, db, scene, invited
):
    page = staff_client.get(f"/visits/{scene['visit'].id}/notify")
    assert "Снесарь" in text_of(page) or "Виталий Снесарь" in text_of(page)
    assert "Messages to send: 2. Recipients: 1." in text_of(page)
    assert "Служебный брифинг" not in page.get_data(as_text=True)  # internal

    response = notify(staff_client, scene["visit"].id)
    assert response.status_code == 302
    messages = queued(db)
    assert [message.kind for message in messages] == [MessageKind.REQUEST, MessageKind.REQUEST]
    assert {message.recipient for message in messages} == {"snesar@example.org"}
    uids = set()
    for message in messages:
        part, parsed = calendar_part(message)
        assert part.get_param("method") == "REQUEST"
        assert parsed.method == "REQUEST"
        (event,) = parsed.events
        uids.add(event.uid)
        assert [attendee.rsvp for attendee in event.attendees] == [False]
        assert "Служебный брифинг" not in message.raw
    # The meeting he takes part in and the public concert; not the cancelled ceremony he
    # was never told of, nor the internal briefing.
    assert uids == {scene["meeting"].uid, scene["concert"].uid}
    db.session.refresh(invited)
    assert invited.notified_at is not None
    # What he was told: his whole programme, the cancelled ceremony included.
    assert set(invited.notified_events["events"]) == uids | {scene["ceremony"].uid}


def test_after_a_move_and_a_cancellation_one_request_and_one_cancel_in_russian(
    staff_client, db, scene, invited
):
    notify(staff_client, scene["visit"].id)
    concert, meeting = scene["concert"], scene["meeting"]
    concert.starts_at += timedelta(hours=1)
    concert.ends_at += timedelta(hours=1)
    concert.sequence += 1
    meeting.status = EventStatus.CANCELLED
    meeting.sequence += 1
    db.session.commit()

    assert notify(staff_client, scene["visit"].id).status_code == 302
    by_kind = {message.kind: message for message in queued(db)[2:]}
    assert len(queued(db)) == 4
    request, cancel = by_kind[MessageKind.REQUEST], by_kind[MessageKind.CANCEL]
    assert (request.kind, cancel.kind) == (MessageKind.REQUEST, MessageKind.CANCEL)
    _, requested = calendar_part(request)
    assert (requested.method, requested.events[0].uid, requested.events[0].sequence) == (
        "REQUEST",
        concert.uid,
        concert.sequence,
    )
    part, cancelled = calendar_part(cancel)
    assert part.get_param("method") == "CANCEL"
    assert (cancelled.method, cancelled.events[0].uid, cancelled.events[0].sequence) == (
        "CANCEL",
        meeting.uid,
        meeting.sequence,
    )
    assert cancelled.events[0].status == "CANCELLED"
    moved = text_part(request)
    assert "Перенесено: Концерт." in moved
    assert (
        "Было: 21 апреля, 19:00–21:00 по местному времени (21:00–23:00 по вашему времени)" in moved
    )
    assert "Стало: 21 апреля, 20:00–22:00" in moved
    assert "Отменено: Встреча с акимом" in text_part(cancel)
    assert parsed(request)["Content-Language"] == "ru"


def test_a_changed_internal_event_sends_nothing(staff_client, db, scene, invited):
    notify(staff_client, scene["visit"].id)
    scene["briefing"].starts_at += timedelta(minutes=30)
    scene["briefing"].ends_at += timedelta(minutes=30)
    scene["briefing"].sequence += 1
    db.session.commit()
    assert plan_for(database.session(), scene["visit"]).message_count == 0
    page = staff_client.get(f"/visits/{scene['visit'].id}/notify")
    assert "Nothing has changed in their programme since the last message." in text_of(page)


def test_a_change_notice_lists_the_new_address_in_kazakh(staff_client, db, scene, invited):
    invited.delivery = Delivery.NOTICE
    scene["person"].preferred_language = "kk"
    db.session.commit()
    notify(staff_client, scene["visit"].id)
    hall = db.session.get(Venue, scene["venue"].id)
    hall.address_ru = "пр. Ауэзова, 2"
    db.session.commit()

    notify(staff_client, scene["visit"].id)
    _first, notice = queued(db)
    assert notice.kind is MessageKind.NOTICE
    text = text_part(notice)
    assert "Жаңа орын: Концерт." in text
    assert "пр. Ауэзова, 2" in text
    assert f"/feeds/{invited.token}" in text  # the holder's own subscribe page
    assert parsed(notice).get_content_type() == "text/plain"


def test_a_preview_that_no_longer_holds_is_shown_again_and_nothing_is_queued(
    staff_client, db, scene, invited
):
    page = staff_client.get(f"/visits/{scene['visit'].id}/notify")
    scene["concert"].starts_at += timedelta(hours=1)
    db.session.commit()
    response = staff_client.post(
        f"/visits/{scene['visit'].id}/notify",
        data={"digest": _field(page, "digest"), "csrf_token": _field(page, "csrf_token")},
    )
    assert response.status_code == 409
    assert "changed while you were reading the preview" in text_of(response)
    assert queued(db) == []


def test_without_an_address_nothing_is_sent_and_the_preview_says_so(
    staff_client, db, scene, invited
):
    scene["person"].email = None
    db.session.commit()
    page = staff_client.get(f"/visits/{scene['visit'].id}/notify")
    assert "No e-mail address: nothing will be sent to this person." in text_of(page)
    assert "Messages to send: 0. Recipients: 0." in text_of(page)


def test_viewers_cannot_notify(viewer_client, scene, invited):
    assert viewer_client.get(f"/visits/{scene['visit'].id}/notify").status_code == 403


def test_issuing_a_revision_leads_to_the_preview(staff_client, scene, invited):
    page = staff_client.get(f"/visits/{scene['visit'].id}/revisions")
    response = staff_client.post(
        f"/visits/{scene['visit'].id}/revisions",
        data={"csrf_token": _field(page, "csrf_token"), "comment": "", "anyway": "1"},
    )
    assert response.status_code == 302
    assert f"/visits/{scene['visit'].id}/notify?revision=1" in response.headers["Location"]


def test_the_visit_page_says_where_messages_go_without_a_mail_server(
    staff_client, app, scene, invited
):
    app.config["MAIL_URL"] = ""
    page = staff_client.get(f"/visits/{scene['visit'].id}")
    assert "e-mail notices to delegates are written as .eml files in" in text_of(page)


def test_a_rotated_link_goes_on_from_what_its_holder_was_told(staff_client, db, scene, invited):
    notify(staff_client, scene["visit"].id)
    db.session.refresh(invited)
    fresh = rotate_feed(db.session(), invited)
    db.session.commit()
    assert (fresh.delivery, fresh.notified_events) == (invited.delivery, invited.notified_events)
    assert plan_for(database.session(), scene["visit"]).message_count == 0
