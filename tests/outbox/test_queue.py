"""Queueing: a message belongs to the caller's transaction; without a mail server it is
written as an .eml file that reads back as the message."""

import stat
from email import message_from_bytes
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from tests.outbox.conftest import queue
from visits.extensions import db
from visits.models import MessageKind, OutboxMessage, OutboxStatus
from visits.outbox import transports
from visits.outbox.queue import eml_folder, enqueue, writes_files
from visits.outbox.sender import send_due
from visits.outbox.transports import PermanentFailure, parse_mail_url, transport_for


def test_enqueue_never_commits_a_rollback_leaves_nothing(app):
    message = EmailMessage()
    message["Subject"] = "Приглашение"
    message.set_content("Ждём вас.")
    row = enqueue(
        db.session(),
        to="guest@example.org",
        message=message,
        kind=MessageKind.REQUEST,
        visit_id=None,
        feed_token_id=None,
    )
    db.session.flush()
    assert row.status is OutboxStatus.QUEUED
    assert row.subject == "Приглашение"
    assert row.raw.startswith("Subject: ") and "\r\n\r\n" in row.raw

    db.session.rollback()

    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0


def test_each_message_gets_its_own_message_id_on_the_from_domain(app):
    app.config["MAIL_FROM"] = "Protocol office <protocol@akimat.example.kz>"
    first, second = queue(), queue()
    assert first.message_id != second.message_id
    assert first.message_id.endswith("@akimat.example.kz")


def test_without_a_mail_server_messages_are_eml_files(app):
    assert writes_files(app.config)
    message = queue(kind=MessageKind.CANCEL)

    assert send_due(app).sent == 1

    folder = eml_folder(app)
    path = folder / f"{message.id}-cancel.eml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left
    parsed = message_from_bytes(path.read_bytes())
    assert parsed["To"] == "guest@example.org"
    assert str(parsed["Message-ID"]).strip("<>") == message.message_id
    body = parsed.get_payload(decode=True).decode("utf-8")
    assert "перенесена на 15:00" in body
    db.session.expire_all()
    assert message.status is OutboxStatus.SENT
    assert [a.transport for a in message.attempt_rows] == ["file"]


def test_mail_urls_are_read_with_their_defaults():
    plain = parse_mail_url("smtp://mail%40office:p%3Ass@mail.example.org")
    assert (plain.ssl, plain.host, plain.port) == (False, "mail.example.org", 587)
    assert (plain.user, plain.password) == ("mail@office", "p:ss")
    assert not plain.require_tls
    secure = parse_mail_url("smtps://mail.example.org")
    assert (secure.ssl, secure.port, secure.user) == (True, 465, None)
    assert parse_mail_url("smtp://mail.example.org:25?tls=required").require_tls


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "smtp://host:port"])
def test_a_bad_mail_url_is_refused_before_any_message_is_touched(app, url):
    message = queue()
    app.config["MAIL_URL"] = url
    with pytest.raises(PermanentFailure):
        transport_for(app.config, app.instance_path)
    with pytest.raises(PermanentFailure):
        send_due(app)
    db.session.expire_all()
    assert message.status is OutboxStatus.QUEUED


def test_tls_required_refuses_a_server_without_starttls(app, mail_server):
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{mail_server.port}?tls=required"
    message = queue()

    assert send_due(app).failed == 1

    db.session.expire_all()
    assert message.status is OutboxStatus.FAILED
    assert "STARTTLS" in (message.last_error or "")
    assert mail_server.received == []


def test_a_password_is_not_sent_in_clear_but_to_a_loopback_host(app, mail_server, monkeypatch):
    assert transports.is_loopback("127.0.0.1") and transports.is_loopback("::1")
    assert not transports.is_loopback("mail.example.org")
    # The test server is on the loopback: let the sender take it for another host.
    monkeypatch.setattr(transports, "is_loopback", lambda host: False)
    app.config["MAIL_URL"] = f"smtp://user:secret@127.0.0.1:{mail_server.port}"
    message = queue()

    assert send_due(app).failed == 1

    db.session.expire_all()
    assert "password is not sent in clear" in (message.last_error or "")
    assert mail_server.received == []
