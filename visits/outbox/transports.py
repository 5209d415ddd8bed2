"""How a message leaves: through the SMTP server of MAIL_URL, or as an .eml file in the
instance folder when no server is set. A transport is opened once per batch of messages.

Errors are classified: a `TemporaryFailure` is tried again later (SMTP 4xx, a refused or
reset connection, a timeout, any OSError); a `PermanentFailure` is not (SMTP 5xx, every
recipient refused, a MAIL_URL that cannot work).
"""

import ipaddress
import os
import smtplib
import ssl
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from visits.outbox.queue import mail_from


class DeliveryError(Exception):
    """A message was not delivered; `str(error)` is the reason shown to admins."""


class TemporaryFailure(DeliveryError):
    """Worth trying again later."""


class PermanentFailure(DeliveryError):
    """Trying again would fail the same way."""


@dataclass(frozen=True)
class Outgoing:
    """What a transport needs of a queued message."""

    id: int
    kind: str
    recipient: str
    raw: str


class Transport(Protocol):
    name: str

    def send(self, message: Outgoing) -> None: ...

    def close(self) -> None: ...


def transport_for(config: Mapping[str, Any], instance_path: str | Path) -> Transport:
    """The transport of MAIL_URL, or .eml files under `<instance>/outbox` without one.
    A bad MAIL_URL raises PermanentFailure."""
    url = config.get("MAIL_URL")
    if not url:
        return FileTransport(Path(instance_path) / "outbox")
    return SmtpTransport(
        parse_mail_url(url),
        envelope_from=parseaddr(mail_from(config))[1],
        timeout=float(config.get("MAIL_TIMEOUT", 30)),
    )


# Files


class FileTransport:
    """Writes each message as `<folder>/<id>-<kind>.eml` (0600, in a folder of 0700)."""

    name = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: Outgoing) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            target = self.folder / f"{message.id}-{message.kind}.eml"
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as file:  # mkstemp creates it 0600
                    file.write(message.raw.encode("utf-8"))
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise TemporaryFailure(f"Cannot write the file: {error}") from error

    def close(self) -> None:
        return None


# SMTP


@dataclass(frozen=True)
class MailServer:
    ssl: bool
    host: str
    port: int
    user: str | None
    password: str | None
    require_tls: bool


def parse_mail_url(url: str) -> MailServer:
    """`smtp://user:pass@host:port` (STARTTLS when offered; `?tls=required` insists on it)
    or `smtps://…` (TLS from the start). Default ports 587 and 465."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise PermanentFailure(f"MAIL_URL is not a valid URL: {error}") from None
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise PermanentFailure("MAIL_URL must look like smtp://user:password@host:port.")
    query = parse_qs(parts.query)
    ssl = parts.scheme == "smtps"
    return MailServer(
        ssl=ssl,
        host=parts.hostname,
        port=port or (465 if ssl else 587),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        require_tls=query.get("tls", [""])[0] == "required",
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SmtpTransport:
    """One SMTP connection for a batch, opened at the first message."""

    name = "smtp"

    def __init__(self, server: MailServer, *, envelope_from: str, timeout: float) -> None:
        self.server = server
        self.envelope_from = envelope_from
        self.timeout = timeout
        self.connection: smtplib.SMTP | None = None

    def send(self, message: Outgoing) -> None:
        data = message.raw.encode("utf-8")
        options = []
        try:
            connection = self._connect()
            if not data.isascii() and connection.has_extn("8bitmime"):
                options.append("BODY=8BITMIME")
            refused = connection.sendmail(
                self.envelope_from, [message.recipient], data, mail_options=options
            )
        except smtplib.SMTPRecipientsRefused as error:
            self._drop()
            raise _classified(error.recipients.get(message.recipient), "refused") from error
        except smtplib.SMTPNotSupportedError as error:
            self._drop()
            raise PermanentFailure(f"The mail server cannot do this: {error}") from error
        except smtplib.SMTPResponseException as error:
            self._drop()
            raise _classified((error.smtp_code, error.smtp_error), "") from error
        except (smtplib.SMTPException, OSError) as error:  # timeouts are OSErrors
            self._drop()
            raise TemporaryFailure(f"Mail server unreachable: {error}") from error
        if refused:
            raise _classified(refused.get(message.recipient), "refused")

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                self.connection.close()
            self.connection = None

    def _drop(self) -> None:
        """After an error the connection's state is unknown: the next message opens another."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _connect(self) -> smtplib.SMTP:
        if self.connection is not None:
            return self.connection
        server = self.server
        connection: smtplib.SMTP
        if server.ssl:
            connection = smtplib.SMTP_SSL(
                server.host, server.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=self.timeout)
        try:
            self._secure_and_log_in(connection)
        except BaseException:
            connection.close()
            raise
        self.connection = connection
        return connection

    def _secure_and_log_in(self, connection: smtplib.SMTP) -> None:
        server = self.server
        connection.ehlo()
        encrypted = server.ssl
        if not encrypted and connection.has_extn("starttls"):
            connection.starttls(context=ssl.create_default_context())
            connection.ehlo()
            encrypted = True
        if not encrypted and server.require_tls:
            raise PermanentFailure("The mail server does not offer STARTTLS (tls=required).")
        if server.user:
            if not encrypted and not is_loopback(server.host):
                raise PermanentFailure(
                    "The mail server offers no encryption: the password is not sent in clear."
                )
            connection.login(server.user, server.password or "")


def _classified(answer: tuple[int, bytes | str] | None, what: str) -> DeliveryError:
    """An SMTP answer as a failure: 4xx is temporary, anything else permanent."""
    if answer is None:
        return PermanentFailure("The recipient was refused.")
    code, text = answer
    reason = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    line = f"{code} {reason}".strip()
    if what:
        line = f"{line} ({what})"
    return TemporaryFailure(line) if 400 <= code < 500 else PermanentFailure(line)
