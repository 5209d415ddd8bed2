"""Where things are in an .ics file: its lines (unfolded, numbered as the user sees them)
and the VEVENT blocks, so that every message can name the line it is about.

The parser (icalendar) does not say where a component came from; a scan of the text
beside it does, and refuses what no parser could read, line by line.
"""

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from icalendar.parser import Contentline

from visits.agenda.drafts import AgendaError, Unit, where

LINE_BREAK = re.compile(r"\r\n|\n|\r")  # what iCalendar counts as lines (not U+2028)


@dataclass
class Block:
    """Where a VEVENT of the file is: its BEGIN line and the first line of each property."""

    line: int
    properties: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        return self.properties.get(name, self.line)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AgendaError(
            [_("%(where)s: the file is not UTF-8 text.", where=where(Unit.LINE, line))]
        ) from None


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each begins on."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(LINE_BREAK.split(text), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def scan(text: str) -> list[Block]:
    """The VEVENT blocks in order; BEGIN/END that do not pair up are refused by line."""
    blocks: list[Block] = []
    stack: list[tuple[str, int]] = []
    lines = logical_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        number = lines[0][0] if lines else 1
        raise AgendaError(
            [
                _(
                    "%(where)s: not an iCalendar file (it must begin with BEGIN:VCALENDAR).",
                    where=where(Unit.LINE, number),
                )
            ]
        )
    bad = [_not_a_line(number, line) for number, line in lines if not _parses(line)]
    if bad:
        raise AgendaError(bad)
    for number, line in lines:
        name, _sep, value = line.partition(":")
        name = name.split(";", 1)[0].strip().upper()
        value = value.strip().upper()
        if name == "BEGIN":
            if not stack and number != lines[0][0]:
                raise AgendaError(
                    [
                        _(
                            "%(where)s: a second calendar in the file; "
                            "export one calendar at a time.",
                            where=where(Unit.LINE, number),
                        )
                    ]
                )
            stack.append((value, number))
            if value == "VEVENT" and len(stack) == 2:
                blocks.append(Block(number))
        elif name == "END":
            if not stack or stack[-1][0] != value:
                raise AgendaError(
                    [
                        _(
                            "%(where)s: END:%(name)s without its BEGIN.",
                            where=where(Unit.LINE, number),
                            name=value,
                        )
                    ]
                )
            stack.pop()
        elif len(stack) == 2 and stack[-1][0] == "VEVENT":
            blocks[-1].properties.setdefault(name, number)
    if stack:
        name, number = stack[-1]
        raise AgendaError(
            [
                _(
                    "%(where)s: BEGIN:%(name)s is never closed by END:%(name)s.",
                    where=where(Unit.LINE, number),
                    name=name,
                )
            ]
        )
    return blocks


def _parses(line: str) -> bool:
    try:
        Contentline(line).parts()
    except ValueError:
        return False
    return True


def _not_a_line(number: int, line: str) -> str:
    return _(
        "%(where)s: this is not an iCalendar line: “%(text)s”.",
        where=where(Unit.LINE, number),
        text=line[:60],
    )


def unparsable(text: str, error: Exception) -> str:
    """The message for a file the parser refused though each of its lines reads."""
    return _(
        "%(where)s: the iCalendar file cannot be read (%(reason)s).",
        where=where(Unit.LINE, 1),
        reason=str(error)[:120],
    )
