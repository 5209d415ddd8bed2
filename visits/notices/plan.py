"""Who receives what when staff notify delegates: a plan per recipient, shown first as a
preview, then queued in the outbox in the same transaction that records what was told.

A recipient is a live person link of the visit whose delivery is a notice or invitations.
Their programme is exactly what their link's feed shows (internal events never; the
feed's UIDs and SEQUENCEs), compared with what the last message told them.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, cast

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session, joinedload

from visits.exports.ical import FeedEvent
from visits.feeds.content import calendar_name, feed_calendar, office_name
from visits.feeds.links import subscribe_url
from visits.feeds.programme import programme_of
from visits.feeds.services import home_zone_of
from visits.languages import LANGUAGES
from visits.models import Delivery, FeedScope, FeedToken, MessageKind, Visit
from visits.notices.changes import Change, Snapshot, changes
from visits.notices.letters import About, Letter, Recipient, email_of, letters_for
from visits.notices.wording import Clocks
from visits.orm import utcnow
from visits.outbox.queue import enqueue
from visits.scheduling.timezones import to_utc


@dataclass(frozen=True)
class RecipientPlan:
    """One link's holder: what changed for them and the messages that say it. `email`
    None: nobody can be reached, nothing is sent (the preview says so)."""

    token: FeedToken
    name: str
    email: str | None
    language: str
    delivery: Delivery
    changes: list[Change]
    letters: list[Letter]
    snapshot: Snapshot

    @property
    def sends(self) -> bool:
        return self.email is not None and bool(self.letters)


@dataclass(frozen=True)
class Plan:
    visit: Visit
    recipients: list[RecipientPlan]
    made_at: datetime

    @property
    def sending(self) -> list[RecipientPlan]:
        return [recipient for recipient in self.recipients if recipient.sends]

    @property
    def message_count(self) -> int:
        return sum(len(recipient.letters) for recipient in self.sending)

    def digest(self) -> str:
        """What the preview showed, to tell whether it still holds when staff confirm."""
        material = repr(
            [
                (r.token.id, r.email, r.language, r.delivery.value,
                 [(letter.kind, letter.subject, letter.text) for letter in r.letters])
                for r in self.recipients
            ]
        )  # fmt: skip
        return hashlib.sha256(material.encode()).hexdigest()


def _wanting_mail(visit_id: int):
    return (
        FeedToken.visit_id == visit_id,
        FeedToken.scope == FeedScope.PERSON,
        FeedToken.revoked_at.is_(None),
        FeedToken.delivery != Delivery.SUBSCRIPTION,
    )


def recipient_count(session: Session, visit_id: int) -> int:
    """How many live links of the visit ask for e-mail."""
    return session.scalar(select(func.count(FeedToken.id)).where(*_wanting_mail(visit_id))) or 0


def recipients_of(session: Session, visit: Visit) -> list[FeedToken]:
    """The visit's live person links that want e-mail, by holder's name."""
    tokens = session.scalars(
        select(FeedToken)
        .where(*_wanting_mail(visit.id))
        .options(joinedload(FeedToken.person), joinedload(FeedToken.visit))
        .order_by(FeedToken.id)
    ).all()
    return sorted(tokens, key=lambda token: (token.person.full_name.get("ru") if token.person
                                             else "", token.id))  # fmt: skip


def language_of(token: FeedToken) -> str:
    """The person's own language for messages, else the link's."""
    chosen = token.person.preferred_language if token.person else None
    return chosen if chosen in LANGUAGES else token.language


def clocks_of(token: FeedToken) -> Clocks:
    """The visit's clock, and the holder's home clock when it reads otherwise."""
    visit = token.visit
    home = token.home_timezone or home_zone_of(visit)
    if home is None:
        return Clocks(visit.timezone)
    noon = time(12)
    at_start = to_utc(visit.start_date, noon, visit.timezone)
    if to_utc(visit.start_date, noon, home) == at_start:
        return Clocks(visit.timezone)
    return Clocks(visit.timezone, home)


def _recipient_plan(session: Session, token: FeedToken, now: datetime) -> RecipientPlan:
    lang = language_of(token)
    person = token.person
    name = person.full_name.get(lang) if person else token.label
    programme: list[FeedEvent] = programme_of(session, token, lang)
    before = Snapshot.from_json(token.notified_events)
    found = changes(before, programme, lang)
    recipient = Recipient(
        name=name,
        email=(person.email or None) if person else None,
        language=lang,
        delivery=token.delivery,
        subscribe_url=subscribe_url(token.token),
        clocks=clocks_of(token),
    )
    config = current_app.config
    with force_locale(lang):
        about = About(
            visit=token.visit.title.get(lang),
            office=office_name(config, lang),
            since=token.notified_at,
            now=now,
        )
        zone = token.visit.timezone
        calendar = feed_calendar(
            calendar_name(token, lang), lang, zone, token.reminder_minutes, config
        )
        letters = letters_for(recipient, about, found, calendar)
    return RecipientPlan(
        token=token,
        name=name,
        email=recipient.email,
        language=lang,
        delivery=token.delivery,
        changes=found,
        letters=letters,
        snapshot=Snapshot.of(programme, lang),
    )


def plan_for(session: Session, visit: Visit, now: datetime | None = None) -> Plan:
    """What "notify delegates" would send now."""
    now = now or utcnow()
    return Plan(
        visit,
        [_recipient_plan(session, token, now) for token in recipients_of(session, visit)],
        now,
    )


_KINDS = {"notice": MessageKind.NOTICE, "request": MessageKind.REQUEST,
          "cancel": MessageKind.CANCEL}  # fmt: skip


def queue(session: Session, plan: Plan, user_id: int | None) -> int:
    """Put the plan's messages in the outbox and remember what each holder was told; the
    caller commits both at once. Returns how many messages were queued."""
    queued = 0
    for recipient in plan.sending:
        assert recipient.email is not None
        for letter in recipient.letters:
            enqueue(
                session,
                to=recipient.email,
                message=email_of(letter, recipient.language),
                kind=_KINDS[letter.kind],
                visit_id=plan.visit.id,
                feed_token_id=recipient.token.id,
                created_by_id=user_id,
            )
            queued += 1
        _record(session, recipient, plan.made_at)
    return queued


class AlreadyNotified(Exception):
    """Someone else notified the holder since the plan was made: nothing is queued."""


def _record(session: Session, recipient: RecipientPlan, now: datetime) -> None:
    """What the holder was told, unless someone recorded another message meanwhile."""
    token = recipient.token
    told = session.execute(
        update(FeedToken)
        .where(
            FeedToken.id == token.id, FeedToken.notified_at.is_not_distinct_from(token.notified_at)
        )
        .values(notified_events=recipient.snapshot.as_json(), notified_at=now)
        .execution_options(synchronize_session=False)
    )
    session.expire(token, ["notified_events", "notified_at"])
    if cast(CursorResult[Any], told).rowcount != 1:
        raise AlreadyNotified


def mark_told(session: Session, token: FeedToken, now: datetime | None = None) -> None:
    """Record the holder's programme as told without sending anything (a link whose
    holder already has it, e.g. the demo's)."""
    lang = language_of(token)
    token.notified_events = Snapshot.of(programme_of(session, token, lang), lang).as_json()
    token.notified_at = now or utcnow()
