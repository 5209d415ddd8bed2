"""The printed programme of a visit as plain data: a title block, days, rows.

Pure: the visit, its events and movements (any objects shaped like the models) and the
words of the reader's language come in; frozen dataclasses go out, ready for the
template that renders both the HTML page and the PDF. No Flask, no database.

Choices made here, for the organizers who print it:
- the guest variant leaves out internal events, internal notes, phone numbers, vehicles
  and the responsible staff, and cancelled events unless asked to keep them (struck
  through); the working variant shows them all;
- a person's programme has the events they or their group (their organization) take part
  in, the public events their delegation attends (see `select_events`), and their own
  arrivals, departures and hotels (or the whole delegation's, when they are a member);
- the composition of both sides, accommodation and (working copy) contacts come from
  exports.composition and exports.arrangements; participants read «Post Surname I. I.»;
- a movement shows its flight or train number in the working copy only;
- every arrival and departure is a row of its own, at its moment (start = end);
- a day after the first starts on a new page when the programme has more than
  LONG_PROGRAMME_ROWS rows (a short programme stays on one sheet).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypedDict

from visits.exports.arrangements import Contact, StayLine, contacts, stay_lines
from visits.exports.composition import Composition, build_composition, participant_label
from visits.exports.fallback import text_in
from visits.scheduling.days import date_range, group_by_day
from visits.scheduling.participants import by_side
from visits.scheduling.timezones import utc_offset_label

GUEST = "guest"
WORKING = "working"
VARIANTS = (GUEST, WORKING)
LONG_PROGRAMME_ROWS = 12


@dataclass(frozen=True)
class Words:
    """The translated words the programme needs (see printing.words)."""

    cancelled: str
    whole_delegation: str
    tentative: str = ""
    directions: dict[str, str] = field(default_factory=dict)
    modes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Options:
    variant: str = GUEST
    lang: str = "ru"
    day: date | None = None
    person: Any = None  # a Person-like object (id, organization_id), or None
    keep_cancelled: bool = False  # the guest variant prints cancelled events, struck


@dataclass(frozen=True)
class Line:
    """One row of a day: an event or a movement, in the reader's language."""

    key: str
    starts: datetime
    ends: datetime
    home_starts: datetime | None
    home_ends: datetime | None
    title: str
    is_cancelled: bool = False
    is_tentative: bool = False
    is_movement: bool = False
    is_internal: bool = False
    is_all_day: bool = False
    venue: str = ""
    address: str = ""
    hosts: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    dress_code: str = ""
    notes: str = ""
    internal_notes: str = ""
    responsible: str = ""
    responsible_phone: str = ""
    vehicles: str = ""
    met_by: str = ""  # an arrival's or departure's: who meets or sees off (working copy)

    @property
    def is_moment(self) -> bool:
        return self.starts == self.ends


@dataclass(frozen=True)
class ProgrammeDay:
    date: date
    heading: str
    lines: tuple[Line, ...]
    break_before: bool


@dataclass(frozen=True)
class Programme:
    title: str
    delegation: str
    origin: str
    occasion: str
    host: str
    city: str
    first_day: date
    last_day: date
    zone: str
    home_zone: str | None  # None when the delegation's clock reads as the local one
    variant: str
    lang: str
    person: str
    days: tuple[ProgrammeDay, ...]
    composition: Composition = field(default_factory=Composition)
    stays: tuple[StayLine, ...] = ()
    contacts: tuple[Contact, ...] = ()  # the working copy's only
    zone_offset: str = ""  # "UTC+5", on the visit's first day
    home_offset: str = ""
    approved_by: str = ""  # the working copy's approval block: name, position
    approved_position: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(day.lines for day in self.days)

    @property
    def row_count(self) -> int:
        return sum(len(day.lines) for day in self.days)


@dataclass(frozen=True)
class _Moment:
    """A movement as a schedule item: it starts and ends at its moment."""

    movement: Any

    @property
    def starts_at(self) -> datetime:
        at: datetime = self.movement.at
        return at

    @property
    def ends_at(self) -> datetime:
        at: datetime = self.movement.at
        return at


def _text(value: Any, lang: str) -> str:
    return text_in(value, lang)  # a text in another language is marked as such


def _names(origin: str, name: str) -> bool:
    """The delegation's name already says where it comes from («Делегация Алтайского
    края», origin «Алтайский край»): each word of the origin appears in it, give or take
    its ending."""
    words = [word[: max(3, len(word) - 2)].lower() for word in origin.replace(",", " ").split()]
    return bool(words) and all(word in name.lower() for word in words)


def takes_part(event: Any, person: Any) -> bool:
    """The person, or the group they belong to, is among the event's participants."""
    group = getattr(person, "organization_id", None)
    return any(
        p.person_id == person.id or (group is not None and p.organization_id == group)
        for p in event.participants
    )


def _member_is(member: Any, person: Any) -> bool:
    group = getattr(person, "organization_id", None)
    return member.person_id == person.id or (group is not None and member.organization_id == group)


def travels(movement: Any, person: Any, members: Sequence[Any]) -> bool:
    """The movement (or hotel stay) is the person's: their own (or their group's), or
    the whole delegation's when they are a member of it."""
    if movement.member is not None:
        return _member_is(movement.member, person)
    return any(_member_is(member, person) for member in members)


def _attends(event: Any, members: Sequence[Any]) -> bool:
    """A member of the delegation (a person or a group) takes part in the event."""
    people = {m.person_id for m in members if m.person_id is not None}
    groups = {m.organization_id for m in members if m.organization_id is not None}
    return any(p.person_id in people or p.organization_id in groups for p in event.participants)


def select_events(
    events: Iterable[Any], options: Options, members: Sequence[Any] = ()
) -> list[Any]:
    """The events the print shows. A person's: those they or their group take part in,
    and the public events their delegation attends. Their calendar link adds the visit's
    public events when it includes them (feeds.queries.visible), which a delegate's link
    does; a print has no link to ask, so it takes the public events of the delegation
    (the head's programme then carries the concert his ensembles give, as his calendar
    does) and leaves out public events no one of the delegation attends."""
    person = options.person
    of_delegation = person is not None and any(_member_is(m, person) for m in members)
    chosen = []
    for event in events:
        if options.variant == GUEST and str(event.visibility) == "internal":
            continue
        cancelled = str(event.status) == "cancelled"
        if options.variant == GUEST and cancelled and not options.keep_cancelled:
            continue
        if person is not None and not (
            takes_part(event, person)
            or (of_delegation and str(event.visibility) == "public" and _attends(event, members))
        ):
            continue
        chosen.append(event)
    return chosen


class _Times(TypedDict):
    starts: datetime
    ends: datetime
    home_starts: datetime | None
    home_ends: datetime | None


def _times(row: Any) -> _Times:
    """A row's times, local and in the delegation's home zone, as every line shows them."""
    return _Times(
        starts=row.starts, ends=row.ends, home_starts=row.home_starts, home_ends=row.home_ends
    )


def _event_line(row: Any, options: Options, words: Words) -> Line:
    event, lang = row.item, options.lang
    working = options.variant == WORKING
    sides = dict(by_side(event.participants))
    venue = event.venue
    responsible = event.responsible if working else None
    return Line(
        key=f"event-{event.id}",
        **_times(row),
        title=_text(event.title, lang),
        is_cancelled=str(event.status) == "cancelled",
        is_tentative=str(event.status) == "tentative",
        is_internal=str(event.visibility) == "internal",
        is_all_day=bool(getattr(event, "is_all_day", False)),
        venue=_text(venue.name, lang) if venue else "",
        address=_text(venue.address, lang) if venue else "",
        hosts=tuple(participant_label(p, lang) for p in sides.get("host", ())),
        guests=tuple(participant_label(p, lang) for p in sides.get("guest", ())),
        dress_code=_text(event.dress_code, lang),
        notes=_text(event.notes, lang),
        internal_notes=(event.internal_notes or "") if working else "",
        responsible=_text(responsible.full_name, lang) if responsible else "",
        responsible_phone=(responsible.phone or "") if responsible else "",
        vehicles=(event.vehicles or "") if working else "",
    )


def _movement_line(row: Any, options: Options, words: Words) -> Line:
    movement, lang = row.item.movement, options.lang
    who = _text(movement.member.display_name, lang) if movement.member else words.whole_delegation
    direction = words.directions.get(str(movement.direction), str(movement.direction))
    mode = words.modes.get(str(movement.mode), str(movement.mode))
    working = options.variant == WORKING
    how = f"{mode} {movement.number}" if movement.number and working else mode
    venue = movement.venue
    return Line(
        key=f"movement-{movement.id}",
        **_times(row),
        title=f"{direction}: {who} ({how})",
        is_movement=True,
        venue=_text(venue.name, lang) if venue else _text(movement.place, lang),
        address=_text(venue.address, lang) if venue else "",
        notes=(movement.notes or "") if working else "",
        vehicles=(getattr(movement, "vehicles", None) or "") if working else "",
        met_by=(getattr(movement, "met_by", None) or "") if working else "",
    )


def build_programme(
    visit: Any,
    events: Iterable[Any],
    movements: Iterable[Any],
    options: Options,
    words: Words,
    heading: Callable[[date], str],
    stays: Iterable[Any] = (),
) -> Programme:
    """The programme of `visit` as the options ask: events and movements by local day,
    the composition of both sides, the hotels and (working copy) the contacts."""
    lang = options.lang
    delegation = visit.delegation
    members = delegation.members if delegation else []
    home_zone = delegation.home_timezone if delegation else None
    chosen = select_events(events, options, members)
    moving = [
        _Moment(m)
        for m in movements
        if options.person is None or travels(m, options.person, members)
    ]
    days = [options.day] if options.day else date_range(visit.start_date, visit.end_date)
    grouped = group_by_day([*chosen, *moving], visit.timezone, home_zone, days=days)
    if options.day:
        grouped = [day for day in grouped if day.date == options.day]
    long = sum(len(day.rows) for day in grouped) > LONG_PROGRAMME_ROWS
    printed = []
    for n, day in enumerate(grouped):
        lines = tuple(
            _movement_line(row, options, words)
            if isinstance(row.item, _Moment)
            else _event_line(row, options, words)
            for row in day.rows
        )
        printed.append(ProgrammeDay(day.date, heading(day.date), lines, long and n > 0))
    shows_home = any(line.home_starts for day in printed for line in day.lines)
    working = options.variant == WORKING
    name = _text(delegation.name, lang) if delegation else ""
    origin = _text(delegation.origin_region, lang) if delegation else ""
    return Programme(
        title=_text(visit.title, lang),
        delegation=name,
        origin="" if _names(origin, name) else origin,
        occasion=_text(visit.occasion, lang),
        host=_text(visit.host_organization.name, lang) if visit.host_organization else "",
        city=_text(visit.city, lang),
        first_day=visit.start_date,
        last_day=visit.end_date,
        zone=visit.timezone,
        home_zone=home_zone if shows_home else None,
        variant=options.variant,
        lang=lang,
        person=_text(options.person.full_name, lang) if options.person is not None else "",
        days=tuple(printed),
        composition=build_composition(visit, chosen, lang),
        stays=stay_lines(
            stays,
            lang,
            words.whole_delegation,
            options.variant == WORKING,
            lambda stay: options.person is None or travels(stay, options.person, members),
        ),
        contacts=contacts(visit, chosen, lang) if options.variant == WORKING else (),
        approved_by=_text(visit.approved_by_name, lang) if working else "",
        approved_position=_text(visit.approved_by_position, lang) if working else "",
        zone_offset=utc_offset_label(visit.timezone, visit.start_date),
        home_offset=utc_offset_label(home_zone, visit.start_date)
        if shows_home and home_zone
        else "",
    )
