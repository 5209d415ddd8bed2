"""Configuration classes. Secrets come from the environment or the instance folder."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from visits.scheduling.defaults import DEFAULT_DURATIONS


class Config:
    """Settings for running the application; values come from the environment."""

    TESTING = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "ru"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    SESSION_COOKIE_HTTPONLY = True
    # Behind HTTPS (as in production), cookies must never travel over plain HTTP.
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "") == "1"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # A staff session ends after this long unused, or this long after sign-in at the latest;
    # with "remember me" it lasts REMEMBER_DAYS instead (visits.auth.staff_sessions).
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "120"))
    SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "12"))
    REMEMBER_DAYS = int(os.environ.get("REMEMBER_DAYS", "14"))
    REMEMBER_COOKIE_DURATION = timedelta(days=REMEMBER_DAYS)
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # Fields of one form: an event with a few hundred participant rows (five fields each)
    # must fit; the content length above still bounds a request.
    MAX_FORM_PARTS = 10_000
    # Reverse proxies in front of the app (nginx: 1). Their X-Forwarded-For/-Proto/-Host are
    # trusted that many hops deep, so sign-in limits and logs see the client's address.
    PROXY_HOPS = int(os.environ.get("VISITS_PROXY_HOPS", "0"))
    # The largest file an import (visit document, .ics, CSV, XLSX) accepts.
    IMPORT_MAX_BYTES = int(os.environ.get("VISITS_IMPORT_MAX_BYTES", 2 * 1024 * 1024))
    # Uploads read at once per process (one more is answered 503), and the seconds a
    # reading may take before the file is refused.
    IMPORT_PARSE_SLOTS = int(os.environ.get("VISITS_IMPORT_PARSE_SLOTS", "2"))
    IMPORT_PARSE_SECONDS = int(os.environ.get("VISITS_IMPORT_PARSE_SECONDS", "10"))
    # How long a previewed import waits for its confirmation, in minutes.
    PENDING_UPLOAD_MINUTES = int(os.environ.get("VISITS_PENDING_UPLOAD_MINUTES", "60"))
    # The office as feeds name it: per language (VISITS_OFFICE_NAME_RU, _KK, _EN), else one
    # name for all, else "Protocol office" translated into the feed's language.
    PROTOCOL_OFFICE_NAME = os.environ.get("VISITS_OFFICE_NAME", "")
    PROTOCOL_OFFICE_NAMES = {
        code: os.environ[f"VISITS_OFFICE_NAME_{code.upper()}"]
        for code in ("ru", "kk", "en")
        if os.environ.get(f"VISITS_OFFICE_NAME_{code.upper()}")
    }
    PROTOCOL_OFFICE_EMAIL = os.environ.get("VISITS_OFFICE_EMAIL", "protocol@visits.invalid")
    # E-mail to delegates (visits.outbox): the SMTP server, smtp://user:password@host:port
    # (STARTTLS; `?tls=required` insists) or smtps://…; without it messages are written as
    # .eml files under the instance folder. MAIL_FROM: the From header (default: the office's
    # address). The sender tries a message OUTBOX_MAX_ATTEMPTS times, backing off, and looks
    # for due messages every OUTBOX_POLL_SECONDS.
    MAIL_URL = os.environ.get("MAIL_URL", "")
    MAIL_FROM = os.environ.get("MAIL_FROM", "")
    MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", "30"))
    OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "6"))
    OUTBOX_POLL_SECONDS = float(os.environ.get("OUTBOX_POLL_SECONDS", "5"))
    # How long a sender owns a message it took; one left `sending` longer is marked failed.
    OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "600"))
    # Programme PDFs and .docx files are rendered off the request path (visits.prints).
    # PRINT_RENDERING: "worker" (the `flask prints work --loop` process that `make serve`
    # starts beside gunicorn), "thread" (a thread of the server process, for `make run`) or
    # "inline" (in the request). PRINT_CONCURRENCY: renders at once by the worker (each holds
    # a core: 1 on 2 cores). A render longer than PRINT_RENDER_SECONDS is stopped and tried
    # once more; finished prints are kept PRINT_KEEP_HOURS; the worker looks for queued
    # prints every PRINT_POLL_SECONDS.
    PRINT_RENDERING = os.environ.get("VISITS_PRINT_RENDERING", "thread")
    PRINT_CONCURRENCY = int(os.environ.get("VISITS_PRINT_CONCURRENCY", "1"))
    PRINT_RENDER_SECONDS = int(os.environ.get("VISITS_PRINT_RENDER_SECONDS", "120"))
    PRINT_KEEP_HOURS = float(os.environ.get("VISITS_PRINT_KEEP_HOURS", "24"))
    PRINT_POLL_SECONDS = float(os.environ.get("VISITS_PRINT_POLL_SECONDS", "1"))
    # The print worker's scheduling priority (`nice`, 0–19): renders give way to web requests.
    PRINT_NICENESS = int(os.environ.get("VISITS_PRINT_NICENESS", "10"))
    # Where delegates reach the application: feed and subscribe links are built on it.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    # How often calendar clients are asked to poll, and how long caches may keep a feed.
    FEED_REFRESH_MINUTES = 15
    FEED_CACHE_SECONDS = 60
    # Per worker, in bytes: whole feed bodies kept by ETag, and the shared renderings of
    # events, calendar headers and time zones they are assembled from (the least recently
    # used leave first).
    FEED_CACHE_BYTES = int(os.environ.get("VISITS_FEED_CACHE_BYTES", 8 * 1024 * 1024))
    RENDER_CACHE_BYTES = int(os.environ.get("VISITS_RENDER_CACHE_BYTES", 8 * 1024 * 1024))
    # A worker answers a feed poll from the token's row it read before while it hears of no
    # change (PostgreSQL LISTEN/NOTIFY, SQLite's data version), reading it again at the
    # latest this many seconds after (0: read it on every poll).
    FEED_RECHECK_SECONDS = float(os.environ.get("VISITS_FEED_RECHECK_SECONDS", "2"))
    # How many visits' conflicts each worker keeps computed (one entry per visit version).
    CONFLICT_CACHE_VISITS = int(os.environ.get("VISITS_CONFLICT_CACHE_VISITS", "64"))
    # How long a new event of each kind lasts when staff add it (minutes).
    EVENT_DURATIONS = dict(DEFAULT_DURATIONS)
    # Sign-in throttling: failed attempts allowed per e-mail and per client address in the window.
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    LOGIN_WINDOW_MINUTES = 15

    def __init__(self, instance_path: str) -> None:
        self.SQLALCHEMY_DATABASE_URI = database_url(instance_path)
        self.SECRET_KEY = secret_key(instance_path)


class TestConfig(Config):
    """Settings for the test suite: the database is given by the test run."""

    __test__ = False  # a settings class, not a test case
    TESTING = True
    WTF_CSRF_ENABLED = False
    MAIL_URL = ""  # tests give their own mail server
    PRINT_RENDERING = "inline"  # a print request answers with the file
    FEED_RECHECK_SECONDS = 0.0  # tests that remember polls give their memory themselves

    def __init__(self, instance_path: str, database_uri: str = "sqlite://") -> None:
        super().__init__(instance_path)
        self.SQLALCHEMY_DATABASE_URI = database_uri
        self.SECRET_KEY = "test-" + secrets.token_hex(16)


def database_url(instance_path: str) -> str:
    """The database of DATABASE_URL, or a SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL")
    if url:
        # Hosting platforms still hand out the old scheme; psycopg 3 wants its own.
        if url.startswith("postgres://"):
            url = "postgresql://" + url.removeprefix("postgres://")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
    return "sqlite:///" + str(Path(instance_path) / "visits.sqlite3")


def secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, else one generated once into the instance folder."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker wrote it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip()
