"""Draft rows from a spreadsheet: CSV or XLSX with one event per row.

Columns (headers in English, Russian or Kazakh, in any order, any case): date, start,
end, title (required), kind, venue, participants, notes. Times are wall-clock times in
the visit's zone. Dates and times may be real spreadsheet cells or text (2025-04-21,
21.04.2025, 21/04/2025; 9:00, 09:00, 09.00; an end of 24:00 is midnight). Participants
are separated by ';' or new lines. Every problem names its row and column.
"""

import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _

from visits.agenda.drafts import (
    AgendaError,
    DraftRow,
    Reading,
    Skipped,
    Unit,
    clean,
    find_kind,
    fold,
    length_problems,
    one_line,
    split_names,
    where,
)
from visits.importing.budget import check_deadline
from visits.languages import LANGUAGES
from visits.models.event import EventKind

# The file format's own words (not interface text: a template written in one language is
# read back whatever the reader's language). The order is the template's.
HEADERS: dict[str, dict[str, str]] = {
    "date": {"en": "Date", "ru": "Дата", "kk": "Күні"},
    "start": {"en": "Start", "ru": "Начало", "kk": "Басталуы"},
    "end": {"en": "End", "ru": "Окончание", "kk": "Аяқталуы"},
    "title": {"en": "Title", "ru": "Название", "kk": "Атауы"},
    "kind": {"en": "Kind", "ru": "Вид", "kk": "Түрі"},
    "venue": {"en": "Venue", "ru": "Место", "kk": "Орны"},
    "participants": {"en": "Participants", "ru": "Участники", "kk": "Қатысушылар"},
    "notes": {"en": "Notes", "ru": "Примечания", "kk": "Ескертпелер"},
}
REQUIRED = ("date", "start", "end", "title")
HEADER_NAMES = {
    fold(name): key for key, names in HEADERS.items() for name in (key, *names.values())
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
TIME_TEXT = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
MIDNIGHT = "24:00"
XLSX_MAGIC = b"PK\x03\x04"
# The most rows a sheet may have, empty ones included (a year of events fits).
MAX_ROWS = 10_000
# Problems are described row by row until this many; further rows with problems are counted.
DESCRIBED_PROBLEMS = 40
# The most an XLSX file may hold once unpacked, and the columns read of each row.
MAX_XLSX_UNPACKED = 20 * 1024 * 1024
MAX_COLUMNS = 50

Cell = object  # a cell's value: str, number, date, datetime, time or None


def read_sheet(
    data: bytes,
    filename: str,
    first_day: date,
    last_day: date,
    kinds: Mapping[str, EventKind] | None = None,
) -> Reading:
    """The rows of a CSV or XLSX file (by content, then extension) within the visit's days."""
    name = filename.lower()
    if name.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise AgendaError(
            [_("Old Excel files (.xls) are not read: save the sheet as XLSX or CSV.")]
        )
    rows = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) else _csv_rows(data)
    return read_rows(rows, first_day, last_day, kinds)


def _csv_rows(data: bytes) -> Iterator[list[Cell]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Russian Windows saves CSV in Windows-1251 unless told otherwise.
        text = data.decode("cp1251", errors="replace")
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=header.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        message = _("The CSV file cannot be read (%(reason)s).", reason=str(error))
        raise AgendaError([message]) from None


# What a damaged or hostile XLSX raises while it is read (XML errors are SyntaxErrors).
XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    SyntaxError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    OSError,
)


def _unreadable_xlsx(reason: object) -> AgendaError:
    return AgendaError([_("The XLSX file cannot be read (%(reason)s).", reason=str(reason)[:120])])


def _check_xlsx(data: bytes) -> None:
    """Refuse an XLSX too large once unpacked or declaring XML entities, before reading it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_XLSX_UNPACKED:
                raise AgendaError(
                    [
                        _(
                            "The XLSX file holds more than %(size)d MB once unpacked; "
                            "keep only the agenda in it.",
                            size=MAX_XLSX_UNPACKED // (1024 * 1024),
                        )
                    ]
                )
            for member in members:
                with archive.open(member) as stream:
                    content = stream.read(MAX_XLSX_UNPACKED + 1)
                if b"<!DOCTYPE" in content.upper():  # entities: nothing a spreadsheet needs
                    raise AgendaError(
                        [
                            _(
                                "The XLSX file cannot be read: its part %(part)s declares "
                                "XML entities, which spreadsheets never do.",
                                part=member.filename[:120],
                            )
                        ]
                    )
    except AgendaError:
        raise
    except XLSX_ERRORS as error:
        raise _unreadable_xlsx(error) from None


def _xlsx_rows(data: bytes) -> Iterator[list[Cell]]:
    from openpyxl import load_workbook  # only the import pages need it

    _check_xlsx(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles it does not read
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except XLSX_ERRORS as error:
        raise _unreadable_xlsx(error) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
            for values in rows:
                check_deadline()
                yield list(values)
    except XLSX_ERRORS as error:
        raise _unreadable_xlsx(error) from None
    finally:
        book.close()


def read_rows(
    rows: Iterable[list[Cell]],
    first_day: date,
    last_day: date,
    kinds: Mapping[str, EventKind] | None = None,
) -> Reading:
    """Draft rows from a sheet's rows (the first non-empty one is the header)."""
    reading = Reading()
    problems: list[str] = []
    columns: dict[str, int] | None = None
    headers: list[str] = []
    more = 0  # rows with problems beyond those described
    for number, cells in enumerate(rows, start=1):
        check_deadline()
        if number > MAX_ROWS:
            raise AgendaError(
                [
                    _(
                        "The sheet has more than %(max)d rows; split it or keep only "
                        "the visit's days.",
                        max=MAX_ROWS,
                    )
                ]
            )
        if all(clean(_text(cell)) == "" for cell in cells):
            continue
        if columns is None:
            headers = [clean(_text(cell)) for cell in cells]
            columns = _columns(headers, number)
            continue
        try:
            row = _row(number, cells, columns, headers, kinds)
        except AgendaError as error:
            if len(problems) < DESCRIBED_PROBLEMS:
                problems.extend(error.messages)
            else:
                more += 1
            continue
        day = row.starts_at.date()
        if first_day <= day <= last_day:
            reading.rows.append(row)
        else:
            reason = _("outside the dates of the visit")
            reading.skipped.append(Skipped(Unit.ROW, number, row.title, reason))
    if columns is None:
        raise AgendaError([_("The sheet is empty: it needs a header row and one row per event.")])
    if more:
        problems.append(_("… and %(count)d more rows with errors.", count=more))
    if problems:
        raise AgendaError(problems)
    if not reading.rows and not reading.skipped:
        raise AgendaError([_("The sheet has a header but no events under it.")])
    return reading


def _columns(headers: list[str], number: int) -> dict[str, int]:
    """Which column holds what, from the header row; missing required headers are refused."""
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = HEADER_NAMES.get(fold(header))
        if key and key not in columns:
            columns[key] = index
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        names = ", ".join(
            "“{}”".format(" / ".join(HEADERS[key][lang] for lang in LANGUAGES)) for key in missing
        )
        raise AgendaError(
            [
                _(
                    "%(where)s: required columns are missing: %(names)s.",
                    where=where(Unit.ROW, number),
                    names=names,
                )
            ]
        )
    return columns


def _row(
    number: int,
    cells: list[Cell],
    columns: dict[str, int],
    headers: list[str],
    kinds: Mapping[str, EventKind] | None,
) -> DraftRow:
    problems: list[str] = []

    def value(key: str) -> Cell:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def here(key: str) -> str:
        return where(Unit.ROW, number, headers[columns[key]] or key)

    day = _date(value("date"), lambda: here("date"), problems)
    start = _time(value("start"), lambda: here("start"), problems)
    end = _time(value("end"), lambda: here("end"), problems, end=True)
    title = one_line(_text(value("title")))
    if not title:
        problems.append(_("%(where)s: the title is missing.", where=here("title")))
    kind: EventKind | None = EventKind.MEETING
    if "kind" in columns:
        kind = find_kind(_text(value("kind")), kinds)
        if kind is None:
            problems.append(
                _(
                    "%(where)s: unknown kind “%(kind)s”.",
                    where=here("kind"),
                    kind=clean(_text(value("kind")))[:60],
                )
            )
    venue = one_line(_text(value("venue"))) or None
    people = split_names(_text(value("participants")))
    problems.extend(length_problems(where(Unit.ROW, number), title, venue, people))
    if day and start is not None and end is not None and end <= start:
        problems.append(_("%(where)s: the event must end after it starts.", where=here("end")))
    # A value is None only where a problem says why.
    if problems or day is None or start is None or end is None or kind is None:
        raise AgendaError(problems)
    return DraftRow(
        unit=Unit.ROW,
        position=number,
        uid=None,
        starts_at=datetime.combine(day, time(0)) + start,
        ends_at=datetime.combine(day, time(0)) + end,
        title=title,
        kind=kind,
        venue=venue,
        participants=people,
        notes=clean(_text(value("notes"))) or None,
    )


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _date(cell: Cell, here: Callable[[], str], problems: list[str]) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = clean(_text(cell))
    if not text:
        problems.append(_("%(where)s: the date is missing.", where=here()))
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    problems.append(
        _(
            "%(where)s: the date “%(text)s” cannot be read; write it as 2025-04-21 or 21.04.2025.",
            where=here(),
            text=text[:40],
        )
    )
    return None


def _time(
    cell: Cell, here: Callable[[], str], problems: list[str], end: bool = False
) -> timedelta | None:
    """The time of day as the time since midnight (an end may be 24:00)."""
    if isinstance(cell, datetime):
        cell = cell.time()
    if isinstance(cell, time):
        return timedelta(hours=cell.hour, minutes=cell.minute, seconds=cell.second)
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 0 <= cell <= 1:
        return timedelta(minutes=round(cell * 24 * 60))  # a time cell read as a day fraction
    text = clean(_text(cell))
    if not text:
        problems.append(_("%(where)s: the time is missing.", where=here()))
        return None
    match = TIME_TEXT.match(text)
    if match:
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        if (hours < 24 and minutes < 60 and seconds < 60) or (
            end and text.replace(".", ":").startswith(MIDNIGHT) and not minutes + seconds
        ):
            return timedelta(hours=hours, minutes=minutes, seconds=seconds)
    problems.append(
        _(
            "%(where)s: the time “%(text)s” cannot be read; write it as 09:00.",
            where=here(),
            text=text[:40],
        )
    )
    return None
