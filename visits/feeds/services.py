"""Feed-token operations: issuing, changing, revoking and rotating the secret calendar links
handed to delegates, and the lists the staff pages show. They check, then change the
session; the caller commits.

Revoking and rotating are conditional updates (`... WHERE revoked_at IS NULL`), and a
settings change only applies if the settings are still those the editor loaded: two
people acting on the same link at once cannot both succeed.
"""

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, Select, select, update
from sqlalchemy.orm import Session, selectinload

from visits.languages import LANGUAGES
from visits.models import (
    Delivery,
    Event,
    FeedScope,
    FeedToken,
    Person,
    Venue,
    Visit,
)
from visits.orm import utcnow
from visits.participation import people_of, takes_part
from visits.scheduling.timezones import InvalidTimeZone, validate_zone

MAX_REMINDER = 24 * 60
REMINDER_PRESETS = (15, 30, 60, 120)
MAX_LABEL = 200


@dataclass(frozen=True)
class FeedSettings:
    """What staff choose for a link's reader; copied over when the link is rotated."""

    label: str
    language: str
    home_timezone: str | None
    reminder_minutes: int | None
    include_public: bool
    include_travel: bool = True  # a person's own arrival, departure and hotel
    delivery: Delivery = Delivery.SUBSCRIPTION  # how a person learns of changes


@dataclass(frozen=True)
class FeedTarget:
    """Whose calendar: the visit's, a person's in it, or a venue's in it."""

    scope: FeedScope
    visit_id: int
    person_id: int | None = None
    venue_id: int | None = None


class FeedError(Exception):
    """A feed operation that cannot be done; the message says why."""


class InvalidFeed(FeedError, ValueError):
    """Values no feed can have; the forms refuse them first, with a message each."""


class UnknownRecord(FeedError, LookupError):
    def __init__(self, what: str, record_id: int) -> None:
        super().__init__(f"There is no {what} with id {record_id}.")
        self.what = what
        self.record_id = record_id


class AlreadyRevoked(FeedError):
    """The link was revoked meanwhile (by someone else, or by an earlier click)."""

    def __init__(self, token: FeedToken) -> None:
        super().__init__(f"Feed {token.id} is already revoked.")
        self.token = token


class SettingsChanged(FeedError):
    """Someone changed the link's settings after the form was loaded."""

    def __init__(self, token: FeedToken, loaded: FeedSettings | None) -> None:
        super().__init__(f"Feed {token.id} changed since it was loaded.")
        self.token = token
        self.loaded = loaded
        self.current = settings_of(token)

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, the value the editor saw, the value now) for each changed field."""
        before = asdict(self.loaded) if self.loaded else {}
        now = asdict(self.current)
        return [
            (key, before.get(key), value) for key, value in now.items() if before.get(key) != value
        ]


def settings_of(token: FeedToken) -> FeedSettings:
    return FeedSettings(
        label=token.label,
        language=token.language,
        home_timezone=token.home_timezone,
        reminder_minutes=token.reminder_minutes,
        include_public=token.include_public,
        include_travel=token.include_travel,
        delivery=token.delivery,
    )


def check_settings(settings: FeedSettings) -> FeedSettings:
    """The settings with the zone in its proper spelling; InvalidFeed when impossible."""
    label = settings.label.strip()
    if not label or len(label) > MAX_LABEL:
        raise InvalidFeed("Say whom the link is given to (up to 200 characters).")
    if settings.language not in LANGUAGES:
        raise InvalidFeed(f"Unknown language {settings.language!r}: use ru, kk or en.")
    reminder = settings.reminder_minutes
    if reminder is not None and not 0 <= reminder <= MAX_REMINDER:
        raise InvalidFeed(f"A reminder is 0 to {MAX_REMINDER} minutes before the event.")
    try:
        delivery = Delivery(settings.delivery)
    except ValueError:
        raise InvalidFeed(f"Unknown delivery {settings.delivery!r}.") from None
    zone = None
    if settings.home_timezone:
        try:
            zone = validate_zone(settings.home_timezone)
        except InvalidTimeZone as error:
            raise InvalidFeed(str(error)) from None
    return replace(
        settings, label=label, home_timezone=zone, reminder_minutes=reminder, delivery=delivery
    )


def check_target(session: Session, target: FeedTarget) -> None:
    """The scope names its record and only it, and every record named exists."""
    wants_person = target.scope is FeedScope.PERSON
    wants_venue = target.scope is FeedScope.VENUE
    if wants_person != (target.person_id is not None):
        raise InvalidFeed("A person feed names a person; other feeds name none.")
    if wants_venue != (target.venue_id is not None):
        raise InvalidFeed("A venue feed names a venue; other feeds name none.")
    for model, what, record_id in (
        (Visit, "visit", target.visit_id),
        (Person, "person", target.person_id),
        (Venue, "venue", target.venue_id),
    ):
        if record_id is not None and session.get(model, record_id) is None:
            raise UnknownRecord(what, record_id)


def issue_feed(session: Session, target: FeedTarget, settings: FeedSettings) -> FeedToken:
    """A new link with a new secret."""
    check_target(session, target)
    settings = check_settings(settings)
    token = FeedToken(
        scope=target.scope,
        visit_id=target.visit_id,
        person_id=target.person_id,
        venue_id=target.venue_id,
        **asdict(settings),
    )
    if target.scope is not FeedScope.PERSON:
        token.include_public = True  # meaningful for person feeds only
        token.include_travel = True
        token.delivery = Delivery.SUBSCRIPTION
    session.add(token)
    session.flush()
    return token


def _rows_changed(session: Session, statement: Executable) -> int:
    """How many rows an UPDATE changed (a DML statement's result is a CursorResult)."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount


def update_settings(
    session: Session, token: FeedToken, settings: FeedSettings, loaded: FeedSettings | None
) -> None:
    """Apply the settings, unless they changed since `loaded` was read (SettingsChanged)."""
    settings = check_settings(settings)
    if token.scope is not FeedScope.PERSON:  # meaningful for person feeds only
        settings = replace(
            settings, include_public=True, include_travel=True, delivery=Delivery.SUBSCRIPTION
        )
    if loaded is None:
        raise SettingsChanged(token, None)
    # The travel setting adds or removes events: the feed must look newer too.
    rewritten = (settings.language, settings.reminder_minutes, settings.include_travel) != (
        loaded.language,
        loaded.reminder_minutes,
        loaded.include_travel,
    )
    stamp = {"settings_changed_at": utcnow()} if rewritten else {}
    changed = _rows_changed(
        session,
        update(FeedToken)
        .where(
            FeedToken.id == token.id,
            FeedToken.label == loaded.label,
            FeedToken.language == loaded.language,
            FeedToken.home_timezone.is_not_distinct_from(loaded.home_timezone),
            FeedToken.reminder_minutes.is_not_distinct_from(loaded.reminder_minutes),
            FeedToken.include_public == loaded.include_public,
            FeedToken.include_travel == loaded.include_travel,
            FeedToken.delivery == loaded.delivery,
        )
        .values(**asdict(settings), **stamp)
        .execution_options(synchronize_session=False),
    )
    session.expire(token)
    if changed != 1:
        raise SettingsChanged(token, loaded)


def _revoke(session: Session, token: FeedToken, now: datetime) -> None:
    changed = _rows_changed(
        session,
        update(FeedToken)
        .where(FeedToken.id == token.id, FeedToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False),
    )
    session.expire(token, ["revoked_at"])
    if changed != 1:
        raise AlreadyRevoked(token)


def revoke_feed(session: Session, token: FeedToken, now: datetime | None = None) -> None:
    """Stop the link at once: its feed and subscribe page answer 404 from now on."""
    _revoke(session, token, now or utcnow())


def rotate_feed(session: Session, token: FeedToken, now: datetime | None = None) -> FeedToken:
    """A new secret for the same reader: a copy of the link with a new token; the old
    one is revoked in the same transaction."""
    _revoke(session, token, now or utcnow())
    fresh = FeedToken(
        scope=token.scope,
        visit_id=token.visit_id,
        person_id=token.person_id,
        venue_id=token.venue_id,
        **asdict(settings_of(token)),
        # What the holder was told by e-mail stays told: the next notice goes on from it.
        notified_events=token.notified_events,
        notified_at=token.notified_at,
    )
    session.add(fresh)
    session.flush()
    return fresh


def default_label(session: Session, target: FeedTarget) -> str:
    """For the command line: the person's or venue's name, else the delegation's."""
    if target.person_id is not None:
        person = session.get(Person, target.person_id)
        return person.full_name.get("ru") if person else ""
    if target.venue_id is not None:
        venue = session.get(Venue, target.venue_id)
        return venue.name.get("ru") if venue else ""
    visit = session.get(Visit, target.visit_id)
    if visit is None:
        return ""
    return visit.delegation.name.get("ru") if visit.delegation else visit.title.get("ru")


def home_zone_of(visit: Visit) -> str | None:
    return visit.delegation.home_timezone if visit.delegation else None


# Lists


def _with_targets(query: Select) -> Select:
    return query.options(
        selectinload(FeedToken.visit),
        selectinload(FeedToken.person),
        selectinload(FeedToken.venue),
    ).order_by(FeedToken.revoked_at.is_not(None), FeedToken.created_at.desc(), FeedToken.id.desc())


def tokens_of_visit(visit_id: int) -> Select[FeedToken]:
    """The visit's links of every scope: live ones first, newest first."""
    return _with_targets(select(FeedToken).where(FeedToken.visit_id == visit_id))


def tokens_of_person(person_id: int) -> Select[FeedToken]:
    return _with_targets(select(FeedToken).where(FeedToken.person_id == person_id))


def people_of_visit(visit: Visit) -> Select[Person]:
    """The people of the visit (see visits.participation)."""
    return select(Person).where(people_of(visit.id))


def venues_of_visit(visit_id: int) -> Select[Venue]:
    used = select(Event.venue_id).where(Event.visit_id == visit_id, Event.venue_id.is_not(None))
    return select(Venue).where(Venue.id.in_(used))


def visits_of_person(person_id: int) -> Select[Visit]:
    """Visits the person takes part in: through a delegation or an event."""
    return (
        select(Visit)
        .where(takes_part(person_id))
        .order_by(Visit.start_date.desc(), Visit.id.desc())
    )


def all_venues() -> Select[Venue]:
    return select(Venue)
