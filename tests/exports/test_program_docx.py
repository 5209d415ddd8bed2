"""The programme as a .docx, from plain objects: no app, no database. Read back with
python-docx: tables, styles, words."""

import io
from dataclasses import replace
from datetime import date

import docx
from docx.oxml.ns import qn

from tests.exports.test_program import GUEST_HEAD, HOST, build, event, participant
from visits.exports.arrangements import Contact, StayLine
from visits.exports.composition import Composition, Member
from visits.exports.program import GUEST, WORKING
from visits.exports.program_docx import STYLES, Texts, render_docx

TEXTS = Texts(
    headline="Programme of the delegation's stay",
    working="Working programme: for the organizers only",
    revision="Draft as of 01.04.2025",
    dates="21–22 April 2025",
    times="local time: Almaty; delegation home time: Barnaul",
    home_column="Barnaul",
    person_label="Programme of",
    delegation_label="Delegation",
    occasion_label="Occasion",
    dates_label="Dates",
    host_label="Host",
    times_label="Times",
    time="Time",
    event="Event",
    venue="Venue",
    participants="Participants",
    notes="Notes",
    all_day="all day",
    internal="internal",
    cancelled="cancelled",
    host_side="host side",
    guest_side="guest side",
    nothing_planned="Nothing is planned on this day.",
    no_events="The programme has no events yet.",
    dress_code=lambda code: f"Dress code: {code}",
    responsible=lambda name: f"Responsible: {name}",
    vehicles=lambda cars: f"Vehicles: {cars}",
)
EVENTS = [
    event(1, 5, "Встреча", [participant(1, HOST, "host"), participant(2, GUEST_HEAD, "guest")]),
    event(2, 6, "Служебное", visibility="internal"),
    event(3, 7, "Концерт", status="cancelled"),
]


def read(body: bytes) -> docx.document.Document:
    assert body[:2] == b"PK"  # a zip package
    return docx.Document(io.BytesIO(body))


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_a_table_per_day_a_row_per_line_and_the_columns():
    programme = build(EVENTS, variant=WORKING)
    document = read(render_docx(programme, TEXTS))
    (first,) = document.tables  # the second day has nothing: no table
    rows = cells(first)
    assert rows[0] == ["Time", "Barnaul", "Event", "Venue", "Participants", "Notes"]
    assert len(rows) == 1 + len(programme.days[0].lines) == 4
    assert rows[1][:4] == ["10:00–10:45", "12:00–12:45", "Встреча", "Зал\nул. Мира, 1"]
    assert rows[1][4] == "host side: Аким\nguest side: Глава"
    assert "служебное" in rows[1][5] and "Responsible: Ответственный, +7 700" in rows[1][5]
    assert "Vehicles: Автобус" in rows[1][5]
    assert rows[2][2] == "Служебное (internal)"
    assert rows[3][2] == "Концерт cancelled"
    assert first.style.name == "Programme Table"
    header = first.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None  # repeats on every page
    texts = [p.text for p in document.paragraphs]
    assert "Nothing is planned on this day." in texts
    assert "Working programme: for the organizers only" in texts


def test_styles_exist_by_name_and_are_used():
    document = read(render_docx(build(EVENTS, keep_cancelled=True), TEXTS))
    names = {style.name for style in document.styles}
    assert set(STYLES) <= names  # the sections' styles too, used when they have content
    used = {p.style.name for p in document.paragraphs}
    assert {"Programme Title", "Programme Headline", "Programme Day"} <= used
    assert "Programme Revision" in used and "Normal" not in used
    cancelled = document.tables[0].rows[2].cells[2].paragraphs[0].runs[0]
    assert cancelled.style.name == "Programme Cancelled" and cancelled.style.font.strike


def test_guest_copy_has_no_internal_event_and_no_staff_details():
    document = read(render_docx(build(EVENTS, variant=GUEST), TEXTS))
    text = "\n".join(cell for table in document.tables for row in cells(table) for cell in row)
    assert "Служебное" not in text
    assert "+7 700" not in text and "Автобус" not in text
    assert "Working programme" not in "\n".join(p.text for p in document.paragraphs)


def test_language_texts_and_title_block():
    programme = build(EVENTS, lang="kk", variant=WORKING)
    document = read(render_docx(replace(programme, occasion="Ынтымақтастық"), TEXTS))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Delegation: Делегация" in text
    assert "Occasion: Ынтымақтастық" in text
    assert "Dates: 21–22 April 2025" in text
    assert "Draft as of 01.04.2025" in text
    assert document.tables[0].rows[1].cells[2].text == "Встреча kk"
    assert document.tables[0].rows[1].cells[3].text.startswith("Әкімдік ғимараты")
    assert document.core_properties.language == "kk-KZ"


def test_empty_programme_and_one_day_without_home_time():
    empty = read(render_docx(build([]), TEXTS))
    assert "The programme has no events yet." in [p.text for p in empty.paragraphs]
    programme = build(EVENTS, day=date(2025, 4, 21))
    one_day = read(render_docx(replace(programme, home_zone=None), TEXTS))
    (table,) = one_day.tables
    assert cells(table)[0] == ["Time", "Event", "Venue", "Participants", "Notes"]


def test_composition_accommodation_and_contacts_come_before_the_days():
    texts = replace(
        TEXTS,
        composition="Composition of the delegation",
        host_officials="On the host side",
        accommodation="Accommodation",
        contacts="Contacts of the organizers",
        liaison="Liaison officer",
    )
    programme = replace(
        build(EVENTS, variant=WORKING),
        composition=Composition(
            guests=(Member("Снесарь В. В.", "заместитель Председателя Правительства"),),
            hosts=(Member("Сактаганов Н. А.", "аким области"),),
        ),
        stays=(StayLine("Гостиница «Иртыш»", "", date(2025, 4, 21), date(2025, 4, 22), "все"),),
        contacts=(Contact("Серикова А.", "", "+7 701 000 00 00", "", is_liaison=True),),
    )
    document = read(render_docx(programme, texts))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    texts_only = [text for _style, text in paragraphs]
    assert "1. Снесарь В. В. — заместитель Председателя Правительства" in texts_only
    assert "1. Сактаганов Н. А. — аким области" in texts_only
    assert "Liaison officer: Серикова А. · +7 701 000 00 00" in texts_only
    order = [texts_only.index(heading) for heading in (
        "Composition of the delegation", "On the host side", "Accommodation",
        "Contacts of the organizers")]  # fmt: skip
    assert order == sorted(order)
    first_day = next(i for i, (style, _text) in enumerate(paragraphs) if style == "Programme Day")
    assert order[-1] < first_day
