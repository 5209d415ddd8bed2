"""A feed's events put into the reader's words: the plain values the renderer takes.

Built from plain rows (texts already in the reader's language, chosen by the database),
so that a feed of a thousand events costs two queries and no ORM objects. Called inside
`force_locale(lang)`: the few words of the feed are translated once per request.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from visits.exports.ical import FeedCalendar, FeedEvent
from visits.labels import label
from visits.models import EventKind, FeedScope, FeedToken, Side


@dataclass(frozen=True)
class Words:
    """The feed's vocabulary in one language."""

    sides: dict
    kinds: dict
    dress_code: str

    @classmethod
    def current(cls) -> "Words":
        return cls(
            sides={side.value: label(side) for side in Side},
            kinds={kind.value: label(kind) for kind in EventKind},
            dress_code=_("Dress code: %(code)s", code="{}"),
        )


def _people_by_event(rows: Iterable) -> tuple[dict, dict]:
    """Who takes part in each event (side, name), and the languages of their names."""
    people: dict[int, list[tuple[str, str]]] = defaultdict(list)
    languages: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        people[row.event_id].append((str(row.side.value), row.name))
        languages[row.event_id].add(row.name_lang)
    return people, languages


def one_language(*codes: str) -> str:
    """The language all present parts are written in; "" when they mix (no tag is better
    than a wrong one)."""
    found = set(codes) - {""}
    return found.pop() if len(found) == 1 else ""


def _description_language(row, names: set[str], lang: str) -> str:
    """DESCRIPTION joins the feed's own words (sides, "Dress code") in `lang` to texts that
    may have fallen back to another language."""
    words = lang if names or row.dress_code else ""
    texts = (row.dress_code_lang, row.notes_lang, row.description_lang)
    return one_language(words, *names, *texts)


def describe(row, people: Sequence[tuple[str, str]], words: Words) -> str:
    """Participants by side (hosts first, in protocol order), dress code, notes, description."""
    lines = []
    for side in (Side.HOST.value, Side.GUEST.value):
        names = [name for who_side, name in people if who_side == side]
        if names:
            lines.append(f"{words.sides[side]}: {', '.join(names)}")
    if row.dress_code:
        lines.append(words.dress_code.format(row.dress_code))
    lines += [text for text in (row.notes, row.description) if text]
    return "\n".join(lines)


def feed_events(
    event_rows: Iterable,
    participant_rows: Iterable,
    zone: str,
    url: str | None,
    lang: str,
    settings_changed_at: datetime | None = None,
) -> list[FeedEvent]:
    """The events as the feed shows them; `lang` is the feed's, each text tagged with the
    language it is really in (see `queries.event_rows`). `settings_changed_at`: when the
    link's language or reminder last changed; every event is written anew then, so none
    looks older (LAST-MODIFIED, DTSTAMP)."""
    words = Words.current()
    people, name_languages = _people_by_event(participant_rows)
    events = []
    for row in event_rows:
        where = ", ".join(part for part in (row.venue, row.address, row.city) if part)
        geo = None
        if row.latitude is not None and row.longitude is not None:
            geo = (float(row.latitude), float(row.longitude))
        events.append(
            FeedEvent(
                uid=row.uid,
                sequence=row.sequence,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                zone=zone,
                summary=row.title,
                status=row.status.value,
                category=words.kinds[row.kind.value],
                location=where or None,
                geo=geo,
                description=describe(row, people.get(row.id, ()), words),
                url=url,
                created_at=row.created_at,
                updated_at=max(row.updated_at, settings_changed_at or row.updated_at),
                summary_language=row.title_lang,
                location_language=one_language(row.venue_lang, row.address_lang, row.city_lang),
                description_language=_description_language(
                    row, name_languages.get(row.id, set()), lang
                ),
                all_day=row.is_all_day,
            )
        )
    return events


def calendar_name(token: FeedToken, lang: str) -> str:
    """The visit's title, and whose or which venue's calendar it is, in `lang`."""
    title = token.visit.title.get(lang)
    if token.scope is FeedScope.PERSON and token.person is not None:
        return f"{title} · {token.person.full_name.get(lang)}"
    if token.scope is FeedScope.VENUE and token.venue is not None:
        return f"{title} · {token.venue.name.get(lang)}"
    return title


def office_name(config: dict, lang: str) -> str:
    """The protocol office in `lang`: as configured for `lang`, else as configured for all
    languages, else the translated default (called inside `force_locale(lang)`)."""
    named = config.get("PROTOCOL_OFFICE_NAMES", {}).get(lang)
    return named or config["PROTOCOL_OFFICE_NAME"] or _("Protocol office")


def feed_calendar(
    name: str,
    lang: str,
    zone: str,
    reminder: int | None,
    config: dict,
    stamped_at: datetime | None = None,
) -> FeedCalendar:
    """The calendar-level values of a feed; `config` is the application's configuration;
    `stamped_at`: when the link's language or reminder last changed (no event looks older)."""
    office = office_name(config, lang)
    return FeedCalendar(
        name=name,
        description=_("Programme of the visit, kept up to date by %(office)s.", office=office),
        language=lang,
        refresh_minutes=config["FEED_REFRESH_MINUTES"],
        organizer_name=office,
        organizer_email=config["PROTOCOL_OFFICE_EMAIL"],
        cancelled_prefix=_("CANCELLED: "),
        reminder_minutes=reminder,
        timezone_hint=zone,
        stamped_at=stamped_at,
    )


def stays_shown(poll) -> tuple:
    """The hotel stays as the poll read them, where the feed shows them (a person's, with
    travel): they are outside the visit's feed version."""
    if poll.scope is FeedScope.PERSON and poll.include_travel:
        return (poll.stay_ids, poll.stays_changed_at)
    return ()


def etag(poll, lang: str, config_fields: Iterable) -> str:
    """A strong ETag from a `queries.poll` row: the token's settings and its visit's feed
    version. Nothing is read or rendered to make it (see feeds.invalidation)."""
    material = repr(
        (
            poll.id,
            poll.created_at.isoformat(),  # ids can be reused after a deletion
            poll.scope.value,
            lang,
            poll.reminder_minutes,
            poll.settings_changed_at,  # a setting set back renders newer than before
            poll.include_public,
            poll.include_travel,
            poll.visit_id,
            poll.feed_version,
            *stays_shown(poll),
            *config_fields,
        )
    )
    return hashlib.sha256(material.encode()).hexdigest()[:32]
