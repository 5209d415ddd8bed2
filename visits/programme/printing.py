"""Services of the printed programme: reading the request's options, the version of what
a print shows (one query, for the ETag), loading a visit in a fixed number of queries,
rendering the PDF with WeasyPrint, and a bounded in-process cache of rendered PDFs.

The ETag is built from the visit's `feed_version` (bumped in the same transaction as any
change a programme shows, see visits.feeds.invalidation), the latest revision number,
the options, the reader's feed token (QR code) and the versions of the staff, members and
organizations a print names that the feed hook does not follow (responsible staff,
delegation members, the host). A repeat request costs that one query and no rendering.
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import BindParameter, Select, bindparam, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from visits.exports.program import VARIANTS, Words
from visits.labels import label
from visits.languages import LANGUAGES
from visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    Event,
    EventParticipant,
    EventStatus,
    FeedScope,
    FeedToken,
    Movement,
    Person,
    ProgrammeRevision,
    Stay,
    TravelMode,
    Visit,
)

# Bump when the look of the print changes: browsers holding an old ETag then re-fetch.
PRINT_FORMAT = 3
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "print.css"
# The stylesheets a printed document may link (the programme's, the change sheet's).
STYLESHEETS = {name: STYLESHEET.with_name(name) for name in ("print.css", "print-diff.css")}
# WeasyPrint reads the page's stylesheet link through this origin; nothing else is fetched.
PDF_BASE_URL = "http://programme.invalid/"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadOption(ValueError):
    """A malformed query parameter (400)."""


class NotInVisit(LookupError):
    """A day or a person the visit does not have (404)."""


@dataclass(frozen=True)
class PrintOptions:
    variant: str
    lang: str
    day: date | None
    person_id: int | None
    keep_cancelled: bool = False

    def key(self) -> tuple:
        day = self.day and self.day.isoformat()
        return (self.variant, self.lang, day, self.person_id, self.keep_cancelled)


def parse_options(args, default_lang: Callable[[], str]) -> PrintOptions:
    """The options of a print request; a malformed or unknown value raises BadOption.
    `default_lang` is asked only when the request names no language."""
    variant = args.get("variant", "guest")
    if variant not in VARIANTS:
        raise BadOption(_l("Unknown variant: choose guest or working."))
    lang = args.get("lang") or default_lang()
    if lang not in LANGUAGES:
        raise BadOption(_l("Unknown language: choose ru, kk or en."))
    day = None
    if args.get("day"):
        text = args["day"]
        try:
            if not _DAY.fullmatch(text):
                raise ValueError(text)
            day = date.fromisoformat(text)
        except ValueError:
            raise BadOption(_l("The day must be a date written as YYYY-MM-DD.")) from None
    person_id = None
    if args.get("person"):
        if not (args["person"].isascii() and args["person"].isdigit()) or len(args["person"]) > 12:
            raise BadOption(_l("The person must be given by their number."))
        person_id = int(args["person"])
    if args.get("cancelled", "0") not in ("0", "1"):
        raise BadOption(_l("Cancelled events are kept with cancelled=1, left out with 0."))
    return PrintOptions(variant, lang, day, person_id, args.get("cancelled") == "1")


def file_name(visit_id: int, options: PrintOptions, extension: str) -> str:
    """The download name of a print, ASCII only, telling each variant, language, day and
    person apart: `programme-1-guest-kk-2025-04-21-person-7.pdf`."""
    parts = ["programme", str(visit_id), options.variant, options.lang]
    if options.day is not None:
        parts.append(options.day.isoformat())
    if options.person_id is not None:
        parts += ["person", str(options.person_id)]
    return f"{'-'.join(parts)}.{extension}"


def _version_row() -> Select:
    visit_id: BindParameter[int] = bindparam("visit_id")
    person_id: BindParameter[int | None] = bindparam("person_id")
    latest = (
        select(func.max(ProgrammeRevision.number))
        .where(ProgrammeRevision.visit_id == visit_id)
        .scalar_subquery()
    )
    token = (
        select(FeedToken.token)
        .where(
            FeedToken.visit_id == visit_id,
            FeedToken.scope == FeedScope.PERSON,
            FeedToken.person_id == person_id,
            FeedToken.revoked_at.is_(None),
        )
        .order_by(FeedToken.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return select(
        Visit.id,
        Visit.created_at,
        Visit.feed_version,
        Visit.start_date,
        Visit.end_date,
        latest.label("revision"),
        token.label("token"),
        # The print shows the hotels, which the feed version does not count (see
        # feeds.invalidation): their ids (never reused) and latest change count here.
        _of_stays(func.coalesce(func.sum(Stay.id), 0), visit_id).label("stay_ids"),
        _of_stays(func.max(Stay.updated_at), visit_id).label("stays_changed_at"),
    ).where(Visit.id == visit_id)


def _of_stays(value, visit_id):
    return select(value).where(Stay.visit_id == visit_id).scalar_subquery()


# What a print's ETag is made of, as one row (none when there is no such visit). Built
# once and run with the ids bound: a revalidation builds no statement.
VERSION_ROW = _version_row()


def version_row(connection, visit_id: int, person_id: int | None):
    """The version row of a print, or None when there is no such visit."""
    return connection.execute(VERSION_ROW, {"visit_id": visit_id, "person_id": person_id}).first()


def etag(version, options: PrintOptions, kind: str, public_base_url: str) -> str:
    """A strong ETag for the print of `options` at `version` (a version_row row)."""
    material = repr(
        (
            PRINT_FORMAT,
            kind,
            version.id,
            version.created_at.isoformat(),  # ids can be reused after a deletion
            version.feed_version,
            version.revision,
            version.token,
            version.stay_ids,
            str(version.stays_changed_at),
            options.key(),
            public_base_url,
        )
    )
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def takes_part(connection, visit_id: int, person_id: int) -> bool:
    """Whether the person is a member of the visit's delegation or takes part in an event
    of it: one query, so that a print of someone else is refused before it is queued."""
    member = (
        select(DelegationMember.id)
        .join(Visit, Visit.delegation_id == DelegationMember.delegation_id)
        .where(Visit.id == visit_id, DelegationMember.person_id == person_id)
    )
    participant = (
        select(EventParticipant.id)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(Event.visit_id == visit_id, EventParticipant.person_id == person_id)
    )
    return bool(connection.execute(select(member.exists() | participant.exists())).scalar())


def check_day(version, day: date | None) -> None:
    if day is not None and not version.start_date <= day <= version.end_date:
        raise NotInVisit(_l("The visit has no such day: %(day)s.", day=day.isoformat()))


def load_visit(session: Session, visit_id: int) -> Visit:
    """The visit with everything its programme shows, in a fixed number of queries."""
    who = (
        joinedload(EventParticipant.person).joinedload(Person.organization),
        joinedload(EventParticipant.organization),
    )
    member = (
        joinedload(DelegationMember.person).joinedload(Person.organization),
        joinedload(DelegationMember.organization),
    )
    statement = (
        select(Visit)
        .where(Visit.id == visit_id)
        .options(
            joinedload(Visit.host_organization),
            joinedload(Visit.liaison_officer),
            joinedload(Visit.delegation).selectinload(Delegation.members).options(*member),
            selectinload(Visit.events).options(
                joinedload(Event.venue),
                joinedload(Event.responsible),
                selectinload(Event.participants).options(*who),
            ),
            selectinload(Visit.stays),  # the working copy's warnings
            selectinload(Visit.movements).options(
                joinedload(Movement.venue), joinedload(Movement.member).options(*member)
            ),
            selectinload(Visit.stays).options(
                joinedload(Stay.hotel), joinedload(Stay.member).options(*member)
            ),
        )
    )
    return session.execute(statement).unique().scalar_one()


def find_person(visit: Visit, person_id: int | None) -> Person | None:
    """The person among the visit's delegation members or event participants."""
    if person_id is None:
        return None
    members = visit.delegation.members if visit.delegation else []
    candidates = [m.person for m in members] + [
        p.person for event in visit.events for p in event.participants
    ]
    for person in candidates:
        if person is not None and person.id == person_id:
            return person
    raise NotInVisit(_l("This person takes no part in the visit."))


def words() -> Words:
    """The programme's words in the current locale (call inside force_locale)."""
    return Words(
        cancelled=label(EventStatus.CANCELLED),
        tentative=label(EventStatus.TENTATIVE),
        whole_delegation=str(_l("the whole delegation")),
        directions={d.value: label(d) for d in Direction},
        modes={m.value: label(m) for m in TravelMode},
    )


@dataclass(frozen=True)
class PageWords:
    """«Page n of m» in the current locale, cut around its two numbers for the CSS of the
    running header: the pieces go between `counter(page)` and `counter(pages)`, in the
    order the language puts them (`pages_first`: «M беттің N-беті»)."""

    before: str
    between: str
    after: str
    pages_first: bool


_PAGE, _PAGES = "\x00", "\x01"


def page_words() -> PageWords:
    text = str(_l("page %(page)s of %(pages)s", page=_PAGE, pages=_PAGES))
    pages_first = text.find(_PAGES) < text.find(_PAGE)
    first, second = (_PAGES, _PAGE) if pages_first else (_PAGE, _PAGES)
    before, _, rest = text.partition(first)
    between, _, after = rest.partition(second)
    return PageWords(before, between, after, pages_first)


# --- PDF ----------------------------------------------------------------------------


def render_pdf(html: str) -> bytes:
    """The PDF of a printed page; its <link> to print.css (or print-diff.css) is read from
    the file."""
    from weasyprint import HTML  # imported on first use: it loads Pango

    body = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=_fetcher()).write_pdf()
    if not body:
        raise RuntimeError("WeasyPrint produced an empty document")
    return body


def _fetcher():
    """WeasyPrint's fetcher: the print stylesheets, read from disk; nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StylesheetOnly(URLFetcher):
        def fetch(self, url, headers=None):
            folder, _, name = urlsplit(url).path.rpartition("/")
            if folder.endswith("/static") and name in STYLESHEETS:
                headers = {"Content-Type": "text/css; charset=utf-8"}
                return URLFetcherResponse(url, STYLESHEETS[name].read_bytes(), headers)
            raise ValueError(f"not fetched while printing: {url}")

    return StylesheetOnly()
