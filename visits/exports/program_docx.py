"""The printed programme as a Word document (.docx): the same `Programme` the HTML page
and the PDF render, as real tables and named styles.

Pure: a `Programme` (visits.exports.program) and the document's words, already in the
programme's language (`Texts`, made by the caller), come in; the bytes of a .docx go
out. No Flask, no database, no translation here.

Choices made here, for staff who put the programme on their letterhead:
- every paragraph, table and run carries a style named "Programme …" (see STYLES), so
  restyling one style in Word or LibreOffice restyles the whole document; nothing is
  formatted directly except the table's column widths and the page;
- a day is a heading (based on "Heading 1": it shows in the navigation pane) and a table
  with a row per event or movement; the header row repeats on every page and a row is
  never cut across pages;
- the document is built section by section (SECTIONS): a new part of the programme is
  one more function of the same signature in that tuple.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.styles import CT_Style
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from visits.exports.arrangements import StayLine
from visits.exports.program import WORKING, Line, Programme, ProgrammeDay

# Paragraph styles (name, base style, size in points, bold, space after in points).
TITLE = "Programme Title"
APPROVAL = "Programme Approval"
HEADLINE = "Programme Headline"
VARIANT = "Programme Variant"
FACT = "Programme Fact"
REVISION = "Programme Revision"
DAY = "Programme Day"
SECTION = "Programme Section"
LIST_ITEM = "Programme List Item"
CELL = "Programme Cell"
HEADER_CELL = "Programme Header Cell"
CELL_NOTE = "Programme Cell Note"
EMPTY = "Programme Empty"
# Character styles.
FACT_LABEL = "Programme Fact Label"
CANCELLED = "Programme Cancelled"
TAG = "Programme Tag"
SIDE = "Programme Side"
INTERNAL = "Programme Internal"
# The table style.
TABLE = "Programme Table"

PARAGRAPH_STYLES: tuple[tuple[str, str, float, bool, float], ...] = (
    (APPROVAL, "Normal", 9.5, False, 1),
    (TITLE, "Normal", 10, False, 2),
    (HEADLINE, "Title", 16, True, 4),
    (VARIANT, "Normal", 10, True, 4),
    (FACT, "Normal", 9.5, False, 1),
    (REVISION, "Normal", 9, False, 8),
    (DAY, "Heading 1", 12, True, 4),
    (SECTION, "Heading 2", 11, True, 2),
    (LIST_ITEM, "Normal", 9.5, False, 1),
    (CELL, "Normal", 9, False, 0),
    (HEADER_CELL, "Normal", 8.5, True, 0),
    (CELL_NOTE, "Normal", 8, False, 0),
    (EMPTY, "Normal", 9.5, False, 6),
)
CHARACTER_STYLES = (FACT_LABEL, CANCELLED, TAG, SIDE, INTERNAL)
STYLES = (*(style[0] for style in PARAGRAPH_STYLES), *CHARACTER_STYLES, TABLE)

# Word's language tags for proofing: the document is checked in its own language.
LANGUAGE_TAGS = {"ru": "ru-RU", "kk": "kk-KZ", "en": "en-GB"}
# Column widths of A4 portrait with 15 mm margins (180 mm of text); the notes take the
# rest (34 mm, or 51 mm without the column of the delegation's home time).
WIDTHS_MM = {
    "time": 18,
    "home": 17,
    "what": 45,
    "where": 32,
    "who": 34,
}
TEXT_WIDTH_MM = 180


@dataclass(frozen=True)
class Texts:
    """The document's words in the programme's language, made by the caller (translated,
    dates and zones formatted); the callables fill a translated sentence."""

    headline: str  # «Программа пребывания делегации»
    working: str  # the working copy's warning
    revision: str  # the revision mark: a draft, or the revision issued
    dates: str  # the visit's dates, written out
    times: str  # which clocks the times read
    home_column: str  # the heading of the home-time column (a city)
    person_label: str
    delegation_label: str
    occasion_label: str
    dates_label: str
    host_label: str
    times_label: str
    time: str
    event: str
    venue: str
    participants: str
    notes: str
    all_day: str
    internal: str
    cancelled: str
    host_side: str
    guest_side: str
    nothing_planned: str
    no_events: str
    dress_code: Callable[[str], str]
    responsible: Callable[[str], str]
    vehicles: Callable[[str], str]
    # The sections before the days (see composition, arrangements); empty: not shown.
    composition: str = ""
    host_officials: str = ""
    accommodation: str = ""
    contacts: str = ""
    liaison: str = ""
    stay: Callable[[StayLine], str] = lambda stay: stay.hotel
    agreed: str = ""  # the working copy's approval block: «Согласовано»
    tentative: str = ""  # the mark of an event not confirmed yet
    met_by: Callable[[str], str] = lambda who: who  # an arrival's: who meets it


Section = Callable[[DocumentObject, Programme, Texts], None]


def render_docx(programme: Programme, texts: Texts) -> bytes:
    """The .docx of `programme`, its sections in order."""
    document = Document()
    _set_up(document, programme, texts)
    for section in SECTIONS:
        section(document, programme, texts)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- the document -------------------------------------------------------------------


def _set_up(document: DocumentObject, programme: Programme, texts: Texts) -> None:
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Mm(15))
    properties = document.core_properties
    properties.title = f"{texts.headline} · {programme.title}"
    properties.language = LANGUAGE_TAGS.get(programme.lang, programme.lang)
    properties.author = programme.host
    _add_styles(document, LANGUAGE_TAGS.get(programme.lang, programme.lang))


def _add_styles(document: DocumentObject, language: str) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"  # has Cyrillic and the Kazakh letters in every office
    normal.font.size = Pt(10)
    _language(normal.element, language)
    for name, base, size, bold, after in PARAGRAPH_STYLES:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(6 if name == DAY else 0)
        style.paragraph_format.space_after = Pt(after)
    styles[DAY].paragraph_format.keep_with_next = True
    styles[APPROVAL].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    styles[HEADLINE].font.all_caps = True
    for name in CHARACTER_STYLES:
        styles.add_style(name, WD_STYLE_TYPE.CHARACTER).quick_style = True
    styles[FACT_LABEL].font.bold = True
    styles[CANCELLED].font.strike = True
    styles[TAG].font.italic = True
    styles[SIDE].font.italic = True
    styles[INTERNAL].font.italic = True
    table = styles.add_style(TABLE, WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]


def _language(style_element: CT_Style, language: str) -> None:
    run_properties = style_element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    run_properties.append(lang)


# --- sections -----------------------------------------------------------------------


def title_block(document: DocumentObject, programme: Programme, texts: Texts) -> None:
    """The approval block (working copy), the headline, the visit's title, the facts of the
    visit and the revision mark."""
    if programme.approved_by:
        for line in (texts.agreed, programme.approved_position, f"______ {programme.approved_by}"):
            if line:
                document.add_paragraph(line, style=APPROVAL)
    document.add_paragraph(texts.headline, style=TITLE)
    document.add_paragraph(programme.title, style=HEADLINE)
    if programme.variant == WORKING:
        document.add_paragraph(texts.working, style=VARIANT)
    delegation = programme.delegation
    if delegation and programme.origin:
        delegation = f"{delegation} ({programme.origin})"
    dates = texts.dates
    facts = (
        (texts.person_label, programme.person),
        (texts.delegation_label, delegation),
        (texts.occasion_label, programme.occasion),
        (texts.dates_label, dates),
        (texts.host_label, programme.host),
        (texts.times_label, texts.times),
    )
    for label, value in facts:
        if value:
            paragraph = document.add_paragraph(style=FACT)
            paragraph.add_run(f"{label}: ", style=FACT_LABEL)
            paragraph.add_run(value)
    document.add_paragraph(texts.revision, style=REVISION)


def composition(document: DocumentObject, programme: Programme, texts: Texts) -> None:
    """The delegation in order of precedence, then the host side's officials."""
    sides = (
        (texts.composition, programme.composition.guests),
        (texts.host_officials, programme.composition.hosts),
    )
    for heading, members in sides:
        if not members:
            continue
        document.add_paragraph(heading, style=SECTION)
        for number, member in enumerate(members, start=1):
            text = f"{member.name} — {member.post}" if member.post else member.name
            document.add_paragraph(f"{number}. {text}", style=LIST_ITEM)


def arrangements(document: DocumentObject, programme: Programme, texts: Texts) -> None:
    """The hotels, and in the working copy the organizers' contacts."""
    if programme.stays:
        document.add_paragraph(texts.accommodation, style=SECTION)
        for stay in programme.stays:
            document.add_paragraph(texts.stay(stay), style=LIST_ITEM)
    if programme.contacts:
        document.add_paragraph(texts.contacts, style=SECTION)
        for contact in programme.contacts:
            parts = [contact.name, contact.post, contact.phone, contact.email]
            text = " · ".join(part for part in parts if part)
            if contact.is_liaison:
                text = f"{texts.liaison}: {text}"
            document.add_paragraph(text, style=LIST_ITEM)


def days(document: DocumentObject, programme: Programme, texts: Texts) -> None:
    """Each day: its heading and the table of its rows (or a line that nothing is planned)."""
    for day in programme.days:
        heading = document.add_paragraph(_capitalized(day.heading), style=DAY)
        if day.break_before:
            heading.paragraph_format.page_break_before = True
        if day.lines:
            _day_table(document, programme, day, texts)
        else:
            document.add_paragraph(texts.nothing_planned, style=EMPTY)


def nothing_yet(document: DocumentObject, programme: Programme, texts: Texts) -> None:
    if programme.is_empty:
        document.add_paragraph(texts.no_events, style=EMPTY)


SECTIONS: tuple[Section, ...] = (title_block, composition, arrangements, days, nothing_yet)


# --- a day's table ------------------------------------------------------------------


def _columns(programme: Programme, texts: Texts) -> list[tuple[str, str]]:
    """(key, heading) of each column, in order."""
    columns = [("time", texts.time)]
    if programme.home_zone:
        columns.append(("home", texts.home_column))
    columns += [
        ("what", texts.event),
        ("where", texts.venue),
        ("who", texts.participants),
        ("notes", texts.notes),
    ]
    return columns


def _day_table(
    document: DocumentObject, programme: Programme, day: ProgrammeDay, texts: Texts
) -> None:
    columns = _columns(programme, texts)
    table = document.add_table(rows=1, cols=len(columns), style=TABLE)
    table.autofit = False
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, (_key, heading) in zip(header.cells, columns, strict=True):
        _write(cell, heading, HEADER_CELL)
    for line in day.lines:
        row = table.add_row()
        _keep_together(row)
        for cell, (key, _heading) in zip(row.cells, columns, strict=True):
            CELLS[key](cell, line, texts)
    _widths(table, [key for key, _heading in columns])


def _widths(table: Table, keys: list[str]) -> None:
    fixed = sum(WIDTHS_MM[key] for key in keys if key in WIDTHS_MM)
    for column, key in zip(table.columns, keys, strict=True):
        width = Mm(WIDTHS_MM.get(key, TEXT_WIDTH_MM - fixed))
        column.width = width
        for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
            cell.width = width


def _time_cell(cell: _Cell, line: Line, texts: Texts) -> None:
    _write(cell, texts.all_day if line.is_all_day else _span(line.starts, line.ends), CELL)


def _home_cell(cell: _Cell, line: Line, texts: Texts) -> None:
    if line.home_starts and line.home_ends and not line.is_all_day:
        _write(cell, _span(line.home_starts, line.home_ends), CELL)


def _what_cell(cell: _Cell, line: Line, texts: Texts) -> None:
    paragraph = _first(cell, CELL)
    paragraph.add_run(line.title, style=CANCELLED if line.is_cancelled else None)
    if line.is_cancelled:
        paragraph.add_run(f" {texts.cancelled}", style=FACT_LABEL)
    if line.is_tentative:
        paragraph.add_run(f" ({texts.tentative})", style=TAG)
    if line.is_internal:
        paragraph.add_run(f" ({texts.internal})", style=TAG)


def _where_cell(cell: _Cell, line: Line, texts: Texts) -> None:
    _write(cell, line.venue, CELL)
    if line.address:
        cell.add_paragraph(line.address, style=CELL_NOTE)


def _who_cell(cell: _Cell, line: Line, texts: Texts) -> None:
    paragraph = _first(cell, CELL)
    for side, names in ((texts.host_side, line.hosts), (texts.guest_side, line.guests)):
        if names:
            if paragraph.runs:
                paragraph = cell.add_paragraph(style=CELL)
            paragraph.add_run(f"{side}: ", style=SIDE)
            paragraph.add_run(", ".join(names))


def _notes_cell(cell: _Cell, line: Line, texts: Texts) -> None:
    responsible = line.responsible
    if responsible and line.responsible_phone:
        responsible = f"{responsible}, {line.responsible_phone}"
    notes = (
        (texts.dress_code(line.dress_code) if line.dress_code else "", CELL),
        (line.notes, CELL),
        (line.internal_notes, INTERNAL),
        (texts.responsible(responsible) if responsible else "", CELL),
        (texts.met_by(line.met_by) if line.met_by else "", CELL),
        (texts.vehicles(line.vehicles) if line.vehicles else "", CELL),
    )
    paragraph = _first(cell, CELL)
    for text, style in notes:
        if text:
            if paragraph.runs:
                paragraph = cell.add_paragraph(style=CELL)
            paragraph.add_run(text, style=style if style != CELL else None)


CELLS: dict[str, Callable[[_Cell, Line, Texts], None]] = {
    "time": _time_cell,
    "home": _home_cell,
    "what": _what_cell,
    "where": _where_cell,
    "who": _who_cell,
    "notes": _notes_cell,
}


# --- helpers ------------------------------------------------------------------------


def _span(starts: datetime, ends: datetime) -> str:
    start = starts.strftime("%H:%M")
    return start if starts == ends else f"{start}–{ends.strftime('%H:%M')}"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first(cell: _Cell, style: str) -> Paragraph:
    """The cell's own first paragraph (a new cell has one, empty), in `style`."""
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph.style = style
    return paragraph


def _write(cell: _Cell, text: str, style: str) -> None:
    paragraph = _first(cell, style)
    if text:
        paragraph.add_run(text)


def _row_property(row: _Row, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    properties.append(element)


def _repeat_as_header(row: _Row) -> None:
    _row_property(row, "w:tblHeader")


def _keep_together(row: _Row) -> None:
    _row_property(row, "w:cantSplit")
