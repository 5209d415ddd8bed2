"""Delivery through a real SMTP server on the loopback: arrival, retries, refusals, and a
message whose sender died is never sent again by itself."""

from datetime import timedelta
from email.header import decode_header, make_header

from sqlalchemy import select

from tests.outbox.conftest import queue
from visits.extensions import db
from visits.models import OutboxAttempt, OutboxMessage, OutboxStatus
from visits.orm import utcnow
from visits.outbox.sender import STALE_REASON, send_due


def _attempts(message: OutboxMessage) -> list[OutboxAttempt]:
    return list(
        db.session.scalars(
            select(OutboxAttempt)
            .where(OutboxAttempt.message_id == message.id)
            .order_by(OutboxAttempt.id)
        )
    )


def test_queued_messages_arrive_with_their_headers_and_body(smtp_app, mail_server):
    first = queue(to="akim@example.org")
    second = queue(to="guest@example.org", subject="Second")

    counts = send_due(smtp_app)

    assert (counts.sent, counts.retried, counts.failed) == (2, 0, 0)
    assert sorted(mail_server.message_ids()) == sorted([first.message_id, second.message_id])
    received = {str(message["To"]): message for message in mail_server.received}
    notice = received["akim@example.org"]
    assert str(notice["From"]) == "Protocol office <protocol@example.org>"
    assert notice["Date"]
    assert str(notice["Message-ID"]).endswith("@example.org>")
    assert str(make_header(decode_header(notice["Subject"]))) == "Изменение программы"
    body = notice.get_payload(decode=True).decode(notice.get_content_charset())
    assert body.replace("\r\n", "\n") == "Встреча в акимате перенесена на 15:00.\n"
    db.session.expire_all()
    assert first.status is OutboxStatus.SENT and first.sent_at is not None
    assert [(a.ok, a.transport, a.error) for a in _attempts(first)] == [(True, "smtp", None)]
    # Nothing is due any more: a second round sends nothing.
    assert send_due(smtp_app).sent == 0
    assert len(mail_server.received) == 2


def test_a_temporary_refusal_is_tried_again_later(smtp_app, mail_server):
    message = queue()
    mail_server.answers.append("451 Try again later")
    now = utcnow()

    counts = send_due(smtp_app, now=now)

    assert (counts.sent, counts.retried) == (0, 1)
    db.session.expire_all()
    assert message.status is OutboxStatus.QUEUED
    assert message.attempts == 1
    assert message.next_attempt_at == now + timedelta(minutes=1)
    assert "451" in (message.last_error or "")
    # Not due yet a moment later; due after the back-off.
    assert send_due(smtp_app, now=now + timedelta(seconds=30)).sent == 0
    assert send_due(smtp_app, now=now + timedelta(minutes=2)).sent == 1
    db.session.expire_all()
    assert message.status is OutboxStatus.SENT
    assert [a.ok for a in _attempts(message)] == [False, True]
    assert mail_server.message_ids() == [message.message_id]


def test_temporary_failures_end_in_failed_after_the_last_attempt(smtp_app, mail_server):
    smtp_app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    message = queue()
    mail_server.answers.extend(["451 Busy", "451 Still busy"])
    now = utcnow()

    send_due(smtp_app, now=now)
    counts = send_due(smtp_app, now=now + timedelta(hours=1))

    assert counts.failed == 1
    db.session.expire_all()
    assert message.status is OutboxStatus.FAILED
    assert "Still busy" in (message.last_error or "")
    assert len(_attempts(message)) == 2


def test_a_refused_recipient_fails_at_once_with_the_reason(smtp_app, mail_server):
    mail_server.refused["nobody@example.org"] = "550 No such mailbox"
    refused = queue(to="nobody@example.org")
    accepted = queue(to="guest@example.org")

    counts = send_due(smtp_app)

    assert (counts.sent, counts.failed) == (1, 1)
    db.session.expire_all()
    assert refused.status is OutboxStatus.FAILED
    assert "550 No such mailbox" in (refused.last_error or "")
    assert accepted.status is OutboxStatus.SENT
    assert mail_server.message_ids() == [accepted.message_id]


def test_an_unreachable_server_is_a_temporary_failure(smtp_app, mail_server):
    smtp_app.config["MAIL_URL"] = "smtp://127.0.0.1:1"
    message = queue()

    counts = send_due(smtp_app)

    assert counts.retried == 1
    db.session.expire_all()
    assert message.status is OutboxStatus.QUEUED
    assert message.last_error


def test_a_message_left_sending_past_its_lease_fails_and_is_not_sent(smtp_app, mail_server):
    message = queue()
    now = utcnow()
    message.status = OutboxStatus.SENDING
    message.locked_until = now - timedelta(minutes=1)
    db.session.commit()

    counts = send_due(smtp_app, now=now)

    assert counts.failed == 1
    assert mail_server.received == []
    db.session.expire_all()
    assert message.status is OutboxStatus.FAILED
    assert message.last_error == STALE_REASON


def test_a_message_still_within_its_lease_is_left_alone(smtp_app, mail_server):
    message = queue()
    now = utcnow()
    message.status = OutboxStatus.SENDING
    message.locked_until = now + timedelta(minutes=5)
    db.session.commit()

    assert send_due(smtp_app, now=now).failed == 0
    db.session.expire_all()
    assert message.status is OutboxStatus.SENDING
    assert mail_server.received == []
