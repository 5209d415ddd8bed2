"""A real SMTP server on the loopback (aiosmtpd) that keeps what it receives, and a helper
that queues a message as the code that sends notices does."""

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage, Message
from threading import Lock

import pytest
from aiosmtpd.controller import Controller

from visits.extensions import db
from visits.models import MessageKind, OutboxMessage
from visits.outbox.queue import enqueue


@dataclass
class MailServer:
    """What the server received; `answers` are given, one per DATA, before it accepts."""

    port: int
    received: list[Message] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    lock: Lock = field(default_factory=Lock)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]).strip("<>") for message in self.received]

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.refused:
            return self.refused[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.answers:
                return self.answers.pop(0)
            self.received.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    server = MailServer(port=_free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def smtp_app(app, mail_server):
    """The app, delivering through the test's mail server."""
    app.config["MAIL_URL"] = mail_server.url
    app.config["MAIL_FROM"] = "Protocol office <protocol@example.org>"
    return app


def queue(
    to: str = "guest@example.org",
    subject: str = "Изменение программы",
    body: str = "Встреча в акимате перенесена на 15:00.\n",
    kind: MessageKind = MessageKind.NOTICE,
) -> OutboxMessage:
    """A message queued and committed, as the sending code does with its decision."""
    message = EmailMessage()
    message["Subject"] = subject
    message.set_content(body)
    row = enqueue(
        db.session(), to=to, message=message, kind=kind, visit_id=None, feed_token_id=None
    )
    db.session.commit()
    return row
