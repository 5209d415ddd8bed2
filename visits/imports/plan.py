"""What importing a visit document will do, worked out before anything is written.

An organization, person or venue of the document is matched to a record of the database
only when every field the document gives is equal (for a person, that includes being of
the same, matched organization); otherwise a new one is made. Matching never merges: each
record of the database stands for at most one of the document. A document whose events
are already in the database (by UID) is refused: the visit was imported before.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from flask_babel import gettext as _
from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session

from visits.exports.visit_document import (
    coordinate,
    organization_data,
    texts,
    venue_data,
)
from visits.i18n import current_language
from visits.imports.reading import load_document
from visits.imports.schema import DocumentError
from visits.languages import LANGUAGES
from visits.models import Event, LocalizedText, Organization, Person, TravelTime, User, Venue

Data = dict[str, Any]
LISTED_DUPLICATES = 10

# The kinds of record a document's records are matched to.
MatchedT = TypeVar("MatchedT", Organization, Person, Venue)


def localized(texts: Data | None) -> LocalizedText:
    texts = texts or {}
    return LocalizedText(texts.get("ru"), texts.get("kk"), texts.get("en"))


@dataclass
class Match:
    """One record of the document and the database record it will be (None: a new one)."""

    key: str
    name: LocalizedText
    existing: Any | None = None

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclass
class ImportPlan:
    document: Data
    organizations: list[Match]
    people: list[Match]
    venues: list[Match]
    # Travel times already known between two matched venues: those stay as they are.
    kept_travel_times: list[Data] = field(default_factory=list)
    issuers: dict[str, User] = field(default_factory=dict)
    unknown_issuers: list[str] = field(default_factory=list)

    @property
    def title(self) -> LocalizedText:
        return localized(self.document["visit"]["title"])

    @property
    def start_date(self) -> date:
        return self.document["visit"]["start_date"]

    @property
    def end_date(self) -> date:
        return self.document["visit"]["end_date"]

    def count(self, part: str) -> int:
        """Events, movements, stays or revisions the import creates."""
        return len(self.document[part])

    @property
    def new_travel_times(self) -> int:
        return len(self.document["travel_times"]) - len(self.kept_travel_times)

    @property
    def members(self) -> int:
        delegation = self.document["delegation"]
        return len(delegation["members"]) if delegation else 0


def plan_import(session: Session, document: Any) -> ImportPlan:
    """Check `document` (a visit document as JSON data) and plan its import.

    Raises DocumentError with every problem found, or when its events exist already.
    """
    document = load_document(document)
    _refuse_duplicates(session, document)
    organizations = _match(
        session,
        Organization,
        "name",
        document["organizations"],
        _organization_fields,
        organization_data,
    )
    by_key = {m.key: m for m in organizations}
    people = _match(
        session,
        Person,
        "full_name",
        document["people"],
        lambda record: _person_fields(record, by_key),
        _person_row,
    )
    venues = _match(session, Venue, "name", document["venues"], _venue_fields, venue_data)
    plan = ImportPlan(document, organizations, people, venues)
    plan.kept_travel_times = _known_travel_times(session, document, venues)
    _issuers(session, plan)
    return plan


def _refuse_duplicates(session: Session, document: Data) -> None:
    uids = [event["uid"] for event in document["events"]]
    if not uids:
        return
    found = list(
        session.scalars(select(Event).where(Event.uid.in_(uids)).order_by(Event.starts_at))
    )
    if not found:
        return
    lang = current_language()
    names = [f"«{e.title.get(lang)}» ({e.uid})" for e in found[:LISTED_DUPLICATES]]
    if len(found) > LISTED_DUPLICATES:
        names.append(_("and %(count)d more", count=len(found) - LISTED_DUPLICATES))
    raise DocumentError(
        [
            _(
                "This visit was imported before: its events are in the database already: "
                "%(events)s.",
                events="; ".join(names),
            )
        ]
    )


def _texts(texts: Data | None) -> Data:
    texts = texts or {}
    return {lang: texts.get(lang) for lang in LANGUAGES}


def _organization_fields(record: Data) -> Data:
    return {
        "name": _texts(record["name"]),
        "kind": record["kind"],
        "country": record["country"],
        "notes": record["notes"],
    }


def _person_fields(record: Data, organizations: dict[str, Match]) -> Data:
    """The person's fields as the database would give them; the organization as the id of
    the matched record (None for a new one: no existing person can be of it)."""
    key = record["organization"]
    if key is None:
        organization = None
    else:
        match = organizations[key]
        organization = match.existing.id if match.existing is not None else "new"
    return {
        "full_name": _texts(record["full_name"]),
        "position": _texts(record["position"]),
        "organization": organization,
        "languages": record["languages"],
        "phone": record["phone"],
        "email": record["email"],
        "notes": record["notes"],
    }


def _person_row(person: Person) -> Data:
    return {
        "full_name": texts(person.full_name),
        "position": texts(person.position),
        "organization": person.organization_id,
        "languages": person.languages,
        "phone": person.phone,
        "email": person.email,
        "notes": person.notes,
    }


def _venue_fields(record: Data) -> Data:
    def exact(value: float | None) -> float | None:
        return coordinate(Decimal(repr(value))) if value is not None else None

    return {
        "name": _texts(record["name"]),
        "address": _texts(record["address"]),
        "city": _texts(record["city"]),
        "latitude": exact(record["latitude"]),
        "longitude": exact(record["longitude"]),
        "capacity": record["capacity"],
        "shared": record["shared"],
        "contact": record["contact"],
        "notes": record["notes"],
    }


def _match(
    session: Session,
    model: type[MatchedT],
    name_field: str,
    records: list[Data],
    fields_of: Callable[[Data], Data],
    describe: Callable[[MatchedT], Data],
) -> list[Match]:
    """A Match for each record, with the first unused database record equal in every field.

    One query: the candidates share the Russian name (a required field) with a record.
    """
    column = inspect(model).columns[f"{name_field}_ru"]
    names = {record[name_field]["ru"] for record in records}
    candidates: dict[str, list[Any]] = defaultdict(list)
    if names:
        for row in session.scalars(select(model).where(column.in_(names)).order_by(model.id)):
            candidates[_canonical(describe(row))].append(row)
    matches = []
    for record in records:
        same = candidates.get(_canonical(fields_of(record)))
        existing = same.pop(0) if same else None
        matches.append(Match(record["key"], localized(record[name_field]), existing))
    return matches


def _canonical(data: Data) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def _known_travel_times(session: Session, document: Data, venues: list[Match]) -> list[Data]:
    """The document's travel times between two matched venues that already have one."""
    matched = {m.key: m.existing.id for m in venues if m.existing is not None}
    pairs = [t for t in document["travel_times"] if all(k in matched for k in t["venues"])]
    if not pairs:
        return []
    wanted = [tuple(sorted(matched[k] for k in t["venues"])) for t in pairs]
    known = set(
        session.execute(
            select(TravelTime.from_venue_id, TravelTime.to_venue_id).where(
                or_(
                    *(
                        (TravelTime.from_venue_id == a) & (TravelTime.to_venue_id == b)
                        for a, b in wanted
                    )
                )
            )
        ).all()
    )
    return [t for t, pair in zip(pairs, wanted, strict=True) if pair in known]


def _issuers(session: Session, plan: ImportPlan) -> None:
    emails = {r["issued_by"].strip().lower() for r in plan.document["revisions"] if r["issued_by"]}
    if not emails:
        return
    users = session.scalars(select(User).where(User.email.in_(emails)))
    plan.issuers = {user.email: user for user in users}
    plan.unknown_issuers = sorted(emails - plan.issuers.keys())
