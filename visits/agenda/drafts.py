"""What the readers of .ics files and spreadsheets give: draft rows, not yet events.

A draft row keeps where it came from (a line of the .ics, a row of the sheet) so that
every message about it can point there. Messages go through Flask-Babel; outside a
request they read in English.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import gettext as _

from visits.importing.flow import ImportRefused
from visits.models import Event, EventKind, EventStatus, Person, Venue
from visits.models.columns import max_length


def _bounded(attribute: Any) -> int:
    """The most characters a column takes; these columns all declare a limit."""
    limit = max_length(attribute)
    if limit is None:
        raise TypeError(f"{attribute} declares no maximum length")
    return limit


# The longest texts the database takes, as the models declare them.
MAX_TITLE = _bounded(Event.title)
MAX_VENUE = _bounded(Venue.name)
MAX_PERSON = _bounded(Person.full_name)
MAX_UID = _bounded(Event.uid)
# The most events one import creates (a recurrence every hour of a long visit stays under).
MAX_EVENTS = 1000
# Beyond this many problems the rest are summed up in one line.
MAX_MESSAGES = 50


class Unit(StrEnum):
    LINE = "line"  # a line of an .ics file (1-based, before unfolding)
    ROW = "row"  # a row of a spreadsheet (1-based, the header is row 1)


class AgendaError(ImportRefused):
    """The agenda cannot be imported; `messages` name every problem and where it is."""

    def __init__(self, messages: Iterable[str]) -> None:
        messages = list(messages)
        if len(messages) > MAX_MESSAGES:
            rest = len(messages) - MAX_MESSAGES
            messages = [*messages[:MAX_MESSAGES], _("… and %(count)d more.", count=rest)]
        super().__init__(messages)


@dataclass(frozen=True)
class DraftRow:
    """One event as the file gives it.

    `starts_at`/`ends_at` are aware when the file says which moment it means (.ics with a
    zone or UTC); naive ones are wall-clock times in the visit's zone (spreadsheets).
    """

    unit: Unit
    position: int
    uid: str | None
    starts_at: datetime
    ends_at: datetime
    title: str
    kind: EventKind = EventKind.MEETING
    status: EventStatus = EventStatus.TENTATIVE
    all_day: bool = False
    venue: str | None = None
    participants: tuple[str, ...] = ()
    notes: str | None = None

    @property
    def where(self) -> str:
        return where(self.unit, self.position)


@dataclass(frozen=True)
class Skipped:
    """A row of the file left out, and why (already translated)."""

    unit: Unit
    position: int
    title: str
    reason: str

    @property
    def where(self) -> str:
        return where(self.unit, self.position)


@dataclass
class Reading:
    """What a reader found: the rows to import and the rows it left out."""

    rows: list[DraftRow] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def where(unit: Unit, position: int, column: str | None = None) -> str:
    """«line 12», «row 3», «row 3, column “start”»."""
    if unit is Unit.LINE:
        return _("line %(number)d", number=position)
    if column:
        return _("row %(number)d, column “%(column)s”", number=position, column=column)
    return _("row %(number)d", number=position)


def clean(text: object) -> str:
    """A text value stripped, with NUL characters (no database stores them) dropped."""
    return str(text or "").replace("\x00", "").strip()


def one_line(text: object) -> str:
    """A title or a name: cleaned, its runs of spaces and line breaks made one space."""
    return " ".join(clean(text).split())


def fold(name: str) -> str:
    """A name for matching: case folded, inner whitespace collapsed."""
    return " ".join(clean(name).casefold().split())


def default_kind_names() -> dict[str, EventKind]:
    """Kinds by their values only; the service adds their labels in every language."""
    return {kind.value: kind for kind in EventKind}


def find_kind(text: str, names: Mapping[str, EventKind] | None) -> EventKind | None:
    """The kind a value or label names (any case); an empty text is a meeting."""
    key = fold(text)
    if not key:
        return EventKind.MEETING
    return (names or default_kind_names()).get(key)


def split_names(text: str) -> tuple[str, ...]:
    """Participants separated by ';' or new lines, blanks dropped, each name once."""
    names: list[str] = []
    for part in clean(text).replace("\r", "\n").replace(";", "\n").split("\n"):
        name = " ".join(part.split())
        if name and fold(name) not in {fold(known) for known in names}:
            names.append(name)
    return tuple(names)


def length_problems(
    row_where: str, title: str, venue: str | None, people: Iterable[str]
) -> list[str]:
    """Texts longer than the database takes, as messages."""
    problems = []
    if len(title) > MAX_TITLE:
        problems.append(
            _(
                "%(where)s: the title is longer than %(max)d characters.",
                where=row_where,
                max=MAX_TITLE,
            )
        )
    if venue and len(venue) > MAX_VENUE:
        problems.append(
            _(
                "%(where)s: the venue name is longer than %(max)d characters.",
                where=row_where,
                max=MAX_VENUE,
            )
        )
    problems.extend(
        _(
            "%(where)s: the name “%(name)s” is longer than %(max)d characters.",
            where=row_where,
            name=name[:40] + "…",
            max=MAX_PERSON,
        )
        for name in people
        if len(name) > MAX_PERSON
    )
    return problems
