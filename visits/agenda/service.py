"""Planning an agenda import (what would be created or matched) and applying it.

`plan_agenda` reads the file, matches venues and people by name (any of their Russian,
Kazakh or English names, ignoring case and spacing) and refuses duplicates; it changes
nothing. `apply_agenda` creates what the plan says in the session and flushes; the
caller commits once, so an import is saved whole or not at all. Imported texts go in the
Russian variant, the office's working language.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from visits.agenda.drafts import (
    MAX_EVENTS,
    AgendaError,
    DraftRow,
    Reading,
    Skipped,
    default_kind_names,
    fold,
)
from visits.agenda.ics_reader import read_ics
from visits.agenda.sheet_reader import XLSX_MAGIC, read_sheet
from visits.events.services import Participant, create_event
from visits.labels import label
from visits.languages import LANGUAGES
from visits.models import (
    Event,
    EventKind,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
    Visit,
)
from visits.models.event import new_uid
from visits.scheduling.timezones import to_local, to_utc
from visits.scheduling.validation import event_time_problems
from visits.uploads import too_large_message

__all__ = [
    "AgendaError",
    "AgendaPlan",
    "PlannedEvent",
    "PlannedPerson",
    "apply_agenda",
    "kind_names",
    "plan_agenda",
]

ICS_EXTENSIONS = (".ics", ".ical", ".icalendar", ".ifb")
SHEET_EXTENSIONS = (".csv", ".txt", ".xlsx", ".xls")
UID_CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True)
class PlannedPerson:
    name: str  # as the file writes it, or the matched person's Russian name
    person_id: int | None  # None: a new person
    role: ParticipantRole
    side: Side

    @property
    def is_new(self) -> bool:
        return self.person_id is None


@dataclass(frozen=True)
class PlannedEvent:
    row: DraftRow
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    local_start: datetime  # in the visit's zone, for the preview
    local_end: datetime
    venue: str | None
    venue_id: int | None  # None with a venue name: a new venue
    people: tuple[PlannedPerson, ...]

    @property
    def is_new_venue(self) -> bool:
        return self.venue is not None and self.venue_id is None


@dataclass
class AgendaPlan:
    """What importing the file would do; nothing of it is saved yet."""

    filename: str
    file_format: str  # "ics", "csv" or "xlsx"
    events: list[PlannedEvent] = field(default_factory=list)
    new_venues: list[str] = field(default_factory=list)
    matched_venues: dict[int, str] = field(default_factory=dict)  # id → name
    new_people: list[str] = field(default_factory=list)
    matched_people: dict[int, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


def kind_names() -> dict[str, EventKind]:
    """Event kinds by value and by their label in each interface language (folded)."""
    names = default_kind_names()
    for lang in LANGUAGES:
        with force_locale(lang):
            names.update({fold(label(kind)): kind for kind in EventKind})
    return names


def plan_agenda(session: Session, visit: Visit, filename: str, data: bytes) -> AgendaPlan:
    """Read the file and plan its import into `visit`; AgendaError lists every problem."""
    return _read_and_plan(session, visit, filename, data)


def _read_and_plan(session: Session, visit: Visit, filename: str, data: bytes) -> AgendaPlan:
    limit = current_app.config["IMPORT_MAX_BYTES"]
    if len(data) > limit:
        raise AgendaError([too_large_message(limit)])
    if not data.strip():
        raise AgendaError([_("The file is empty.")])
    file_format = detect_format(filename, data)
    kinds = kind_names()
    if file_format == "ics":
        reading = read_ics(data, visit.timezone, visit.start_date, visit.end_date, kinds)
    else:
        reading = read_sheet(data, filename, visit.start_date, visit.end_date, kinds)
    return _plan(session, visit, filename, file_format, reading)


def detect_format(filename: str, data: bytes) -> str:
    """«ics», «xlsx» or «csv», by the content first, then the extension."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    name = filename.lower()
    if head.startswith(b"BEGIN:VCALENDAR") or name.endswith(ICS_EXTENSIONS):
        return "ics"
    if data.startswith(XLSX_MAGIC) or name.endswith((".xlsx", ".xls")):
        return "xlsx"
    if name.endswith(SHEET_EXTENSIONS):
        return "csv"
    raise AgendaError(
        [_("Unknown kind of file: upload an iCalendar file (.ics), a CSV or an XLSX sheet.")]
    )


def _plan(session, visit, filename, file_format, reading: Reading) -> AgendaPlan:
    plan = AgendaPlan(filename, file_format, skipped=list(reading.skipped))
    problems: list[str] = []
    venues = _index(session.scalars(select(Venue)), "name")
    people = _index(session.scalars(select(Person)), "full_name")
    members = {m.person_id for m in (visit.delegation.members if visit.delegation else [])}
    timed: list[tuple[DraftRow, datetime, datetime]] = []
    for row in reading.rows:
        starts_at, ends_at = _utc(row.starts_at, visit.timezone), _utc(row.ends_at, visit.timezone)
        codes = {
            problem.code
            for problem in event_time_problems(
                starts_at, ends_at, visit.start_date, visit.end_date, visit.timezone
            )
        }
        if "ends_before_start" in codes:
            problems.append(_("%(where)s: the event must end after it starts.", where=row.where))
        elif "outside_visit" in codes:
            reason = _("outside the dates of the visit")
            plan.skipped.append(Skipped(row.unit, row.position, row.title, reason))
        else:
            timed.append((row, starts_at, ends_at))
    if len(timed) > MAX_EVENTS:
        raise AgendaError(
            [
                _(
                    "The file holds %(count)d events within the visit; "
                    "at most %(max)d are imported at once.",
                    count=len(timed),
                    max=MAX_EVENTS,
                )
            ]
        )
    problems.extend(_duplicates(session, visit, timed))
    if problems:
        raise AgendaError(problems)
    new_venues: dict[str, str] = {}
    new_people: dict[str, str] = {}
    for row, starts_at, ends_at in timed:
        venue_id = None
        if row.venue:
            venue = venues.get(fold(row.venue))
            if venue is None:
                new_venues.setdefault(fold(row.venue), row.venue)
            else:
                venue_id = venue.id
                plan.matched_venues[venue.id] = venue.name.get("ru")
        planned_people = [
            _participant(name, people.get(fold(name)), members, plan, new_people)
            for name in row.participants
        ]
        plan.events.append(
            PlannedEvent(
                row=row,
                starts_at=starts_at,
                ends_at=ends_at,
                local_start=to_local(starts_at, visit.timezone),
                local_end=to_local(ends_at, visit.timezone),
                venue=row.venue if venue_id is None else plan.matched_venues[venue_id],
                venue_id=venue_id,
                people=_distinct(planned_people),
            )
        )
    plan.events.sort(key=lambda event: (event.starts_at, event.row.position))
    plan.new_venues = list(new_venues.values())
    plan.new_people = list(new_people.values())
    if not plan.events:
        raise AgendaError([_("No event of the file falls within the dates of the visit.")])
    return plan


def _participant(name, person, members, plan: AgendaPlan, new_people) -> PlannedPerson:
    """A new person is a guest; a known one is a guest when in the delegation, else a host."""
    if person is None:
        new_people.setdefault(fold(name), name)
        return PlannedPerson(name, None, ParticipantRole.GUEST, Side.GUEST)
    known = plan.matched_people[person.id] = person.full_name.get("ru")
    if person.id in members:
        return PlannedPerson(known, person.id, ParticipantRole.GUEST, Side.GUEST)
    return PlannedPerson(known, person.id, ParticipantRole.HOST, Side.HOST)


def _utc(moment: datetime, zone_name: str) -> datetime:
    """Aware moments as they are; naive ones are wall-clock times in the visit's zone."""
    if moment.tzinfo is None:
        return to_utc(moment.date(), moment.time(), zone_name)
    return moment


def _index(records: Iterable, attr: str) -> dict:
    """Records by each of their names (ru, kk, en) folded; the oldest wins a shared name."""
    index: dict = {}
    for record in sorted(records, key=lambda r: r.id):
        text = getattr(record, attr)
        for lang in LANGUAGES:
            name = fold(getattr(text, lang) or "")
            if name:
                index.setdefault(name, record)
    return index


def _distinct(people: list[PlannedPerson]) -> tuple[PlannedPerson, ...]:
    """Each person once (two spellings may match the same record)."""
    seen: set[object] = set()
    result = []
    for person in people:
        key = person.person_id or fold(person.name)
        if key not in seen:
            seen.add(key)
            result.append(person)
    return tuple(result)


def _duplicates(session: Session, visit: Visit, timed) -> list[str]:
    """Rows whose UID exists already, or that repeat another row or an event of the visit."""
    problems = []
    uids = [row.uid for row, _start, _end in timed if row.uid]
    taken: set[str] = set()
    for index in range(0, len(uids), UID_CHUNK):
        chunk = uids[index : index + UID_CHUNK]
        taken.update(session.scalars(select(Event.uid).where(Event.uid.in_(chunk))))
    existing = {
        (event.starts_at, event.ends_at, fold(title))
        for event in session.scalars(select(Event).where(Event.visit_id == visit.id))
        for title in (event.title.ru, event.title.kk, event.title.en)
        if title
    }
    seen_uids: dict[str, DraftRow] = {}
    seen: dict[tuple, DraftRow] = {}
    for row, starts_at, ends_at in timed:
        key = (starts_at, ends_at, fold(row.title))
        if row.uid in taken:
            problems.append(
                _(
                    "%(where)s: an event with the UID “%(uid)s” exists already (imported before?).",
                    where=row.where,
                    uid=row.uid[:80],
                )
            )
        elif row.uid and row.uid in seen_uids:
            problems.append(
                _(
                    "%(where)s: the UID “%(uid)s” is also used at %(other)s.",
                    where=row.where,
                    uid=row.uid[:80],
                    other=seen_uids[row.uid].where,
                )
            )
        elif key in seen:
            problems.append(
                _(
                    "%(where)s: the same event (start, end and title) as at %(other)s.",
                    where=row.where,
                    other=seen[key].where,
                )
            )
        elif key in existing:
            problems.append(
                _(
                    "%(where)s: the visit already has this event (same start, end and title).",
                    where=row.where,
                )
            )
        if row.uid:
            seen_uids.setdefault(row.uid, row)
        seen.setdefault(key, row)
    return problems


def apply_agenda(session: Session, visit: Visit, plan: AgendaPlan) -> list[Event]:
    """Create the plan's venues, people and events in the session (flushed, not committed)."""
    venues = {fold(name): Venue(name=LocalizedText(ru=name)) for name in plan.new_venues}
    people = {fold(name): Person(full_name=LocalizedText(ru=name)) for name in plan.new_people}
    session.add_all([*venues.values(), *people.values()])
    session.flush()
    events = []
    for planned in plan.events:
        row = planned.row
        venue_id = planned.venue_id
        if venue_id is None and planned.venue:
            venue_id = venues[fold(planned.venue)].id
        participants = [
            Participant(
                person.person_id or people[fold(person.name)].id, None, person.role, person.side
            )
            for person in planned.people
        ]
        events.append(
            create_event(
                session,
                visit,
                participants,
                uid=row.uid or new_uid(),
                kind=row.kind,
                title=LocalizedText(ru=row.title),
                notes=LocalizedText(ru=row.notes),
                starts_at=planned.starts_at,
                ends_at=planned.ends_at,
                is_all_day=row.all_day,
                venue_id=venue_id,
                status=row.status
                if row.status in (EventStatus.CONFIRMED, EventStatus.CANCELLED)
                else EventStatus.TENTATIVE,
                visibility=Visibility.DELEGATION,
            )
        )
    return events
