"""Queueing a message: a row of the outbox, added to the caller's session and committed with
the caller's own decision (one transaction), never here."""

from collections.abc import Mapping
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy.orm import Session

from visits.models import MessageKind, OutboxMessage, OutboxStatus
from visits.orm import utcnow

DEFAULT_FROM = "Protocol office <protocol@visits.invalid>"


def mail_from(config: Mapping[str, Any]) -> str:
    """The From header: MAIL_FROM as given, else the office's address."""
    return config.get("MAIL_FROM") or config.get("PROTOCOL_OFFICE_EMAIL") or DEFAULT_FROM


def enqueue(
    session: Session,
    *,
    to: str,
    message: EmailMessage,
    kind: MessageKind,
    visit_id: int | None,
    feed_token_id: int | None,
    created_by_id: int | None = None,
) -> OutboxMessage:
    """Put `message` to `to` in the outbox: From, To, Date and a fresh Message-ID are set on
    it, and it is added to `session` as it will be sent. The caller commits."""
    sender = mail_from(current_app.config)
    for header in ("From", "To", "Date", "Message-ID"):
        del message[header]
    message["From"] = sender
    message["To"] = to
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=_domain(sender))
    # Text parts that are not ASCII travel as 8-bit UTF-8: `raw` holds them as text.
    raw = message.as_bytes(policy=SMTP).decode("utf-8")
    row = OutboxMessage(
        created_at=utcnow(),
        created_by_id=created_by_id,
        visit_id=visit_id,
        feed_token_id=feed_token_id,
        kind=kind,
        recipient=to,
        subject=str(message.get("Subject", ""))[:300],
        message_id=str(message["Message-ID"]).strip().strip("<>"),
        raw=raw,
        status=OutboxStatus.QUEUED,
        attempts=0,
        next_attempt_at=utcnow(),
    )
    session.add(row)
    return row


def _domain(address: str) -> str:
    _name, email = parseaddr(address)
    domain = email.rpartition("@")[2]
    return domain or "visits.invalid"


def writes_files(config: Mapping[str, Any]) -> bool:
    """True when no mail server is set: messages are written as .eml files instead."""
    return not config.get("MAIL_URL")


def eml_folder(app: Flask) -> Path:
    """Where messages are written as .eml files when no mail server is set."""
    return Path(app.instance_path) / "outbox"
