"""Reading agenda spreadsheets: CSV and XLSX, headers in Russian, Kazakh or English."""

import io
import zipfile
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook

from visits.agenda import sheet_reader
from visits.agenda.drafts import AgendaError
from visits.agenda.sheet_reader import HEADERS, read_rows, read_sheet
from visits.models import EventKind

FIRST, LAST = date(2025, 4, 21), date(2025, 4, 22)
KINDS = {
    "concert": EventKind.CONCERT,
    "концерт": EventKind.CONCERT,
    "салтанатты рәсім": EventKind.CEREMONY,
    "ceremony": EventKind.CEREMONY,
}


def headers(lang: str) -> list[str]:
    return [names[lang] for names in HEADERS.values()]


def csv_bytes(lines: list[str], bom: bool = True) -> bytes:
    return "\r\n".join(lines).encode("utf-8-sig" if bom else "utf-8")


def test_csv_with_semicolons_bom_and_russian_headers():
    data = csv_bytes(
        [
            ";".join(headers("ru")),
            '21.04.2025;9:00;10.30;Встреча с акимом;;Акимат;"Снесарь В.; Аккенженов Е.";Темы',
            '21/04/2025;19:00;21:00;Концерт;концерт;Ертіс концерт;"Оркестр\nАнсамбль";',
            "2025-04-25;10:00;11:00;После визита;;;;",
            ";;;;;;;",
        ]
    )
    reading = read_sheet(data, "agenda.csv", FIRST, LAST, KINDS)
    meeting, concert = reading.rows
    assert (meeting.starts_at, meeting.ends_at) == (
        datetime(2025, 4, 21, 9, 0),
        datetime(2025, 4, 21, 10, 30),
    )
    assert (meeting.kind, meeting.venue, meeting.notes) == (EventKind.MEETING, "Акимат", "Темы")
    assert meeting.participants == ("Снесарь В.", "Аккенженов Е.")
    assert (meeting.position, meeting.unit, meeting.uid) == (2, "row", None)
    assert concert.kind is EventKind.CONCERT and concert.participants == ("Оркестр", "Ансамбль")
    assert concert.notes is None
    assert [(s.position, s.title) for s in reading.skipped] == [(4, "После визита")]


def test_csv_with_commas_no_bom_english_headers_in_another_order():
    data = csv_bytes(
        [
            "title,date,end,start,kind",
            "Wreath laying,2025-04-22,12:45,12:00,ceremony",
        ],
        bom=False,
    )
    (row,) = read_sheet(data, "agenda.csv", FIRST, LAST, KINDS).rows
    assert (row.title, row.kind, row.starts_at, row.ends_at) == (
        "Wreath laying",
        EventKind.CEREMONY,
        datetime(2025, 4, 22, 12, 0),
        datetime(2025, 4, 22, 12, 45),
    )


def test_csv_in_windows_1251_and_tabs():
    data = "\r\n".join(["\t".join(headers("ru")), "22.04.2025\t23:00\t24:00\tУжин\t\t\t\t"])
    (row,) = read_sheet(data.encode("cp1251"), "a.csv", FIRST, LAST).rows
    assert (row.title, row.ends_at) == ("Ужин", datetime(2025, 4, 23, 0, 0))


def xlsx_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        cells[1].number_format = cells[2].number_format = "hh:mm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_xlsx_with_real_date_and_time_cells(lang):
    data = xlsx_bytes(
        [
            headers(lang),
            [
                datetime(2025, 4, 21),
                time(14, 0),
                time(14, 45),
                "Возложение венков",
                "Салтанатты рәсім",
                "Мемориал «Победа»",
                "Первый\nВторой",
                "Форма: тёмный костюм",
            ],
            [date(2025, 4, 22), "9.00", "10:00", 2025, None, None, None, None],
        ]
    )
    reading = read_sheet(data, "agenda.xlsx", FIRST, LAST, KINDS)
    wreath, numbered = reading.rows
    assert (wreath.starts_at, wreath.ends_at) == (
        datetime(2025, 4, 21, 14, 0),
        datetime(2025, 4, 21, 14, 45),
    )
    assert wreath.kind is EventKind.CEREMONY
    assert wreath.participants == ("Первый", "Второй")
    assert (numbered.title, numbered.starts_at) == ("2025", datetime(2025, 4, 22, 9, 0))


def refused(data: bytes, name: str = "agenda.csv") -> list[str]:
    with pytest.raises(AgendaError) as caught:
        read_sheet(data, name, FIRST, LAST, KINDS)
    return caught.value.messages


def test_every_bad_cell_is_named_by_row_and_column():
    data = csv_bytes(
        [
            ";".join(headers("en")),
            "2025-04-21;9:00;10:00;Fine;;;;",
            "21 April;9:00;10:00;Bad date;;;;",
            "2025-04-21;9-00;25:00;Bad times;;;;",
            "2025-04-21;11:00;10:00;Backwards;;;;",
            "2025-04-21;11:00;12:00;;;;;",
            "2025-04-21;11:00;12:00;Unknown kind;picnic;;;",
        ]
    )
    assert refused(data) == [
        "row 3, column \u201cDate\u201d: the date \u201c21 April\u201d cannot be read; "
        "write it as 2025-04-21 or 21.04.2025.",
        "row 4, column \u201cStart\u201d: the time \u201c9-00\u201d cannot be read; "
        "write it as 09:00.",
        "row 4, column \u201cEnd\u201d: the time \u201c25:00\u201d cannot be read; "
        "write it as 09:00.",
        "row 5, column \u201cEnd\u201d: the event must end after it starts.",
        "row 6, column \u201cTitle\u201d: the title is missing.",
        "row 7, column \u201cKind\u201d: unknown kind \u201cpicnic\u201d.",
    ]


def test_missing_headers_and_other_files():
    messages = refused(csv_bytes(["Дата;Название", "21.04.2025;x"]))
    assert messages == [
        "row 1: required columns are missing: \u201cНачало / Басталуы / Start\u201d, "
        "\u201cОкончание / Аяқталуы / End\u201d."
    ]
    assert refused(csv_bytes([";".join(headers("kk"))])) == [
        "The sheet has a header but no events under it."
    ]
    assert refused(b"") == ["The sheet is empty: it needs a header row and one row per event."]
    assert refused(b"PK\x03\x04broken", "a.xlsx")[0].startswith("The XLSX file cannot be read")
    assert refused(b"\xd0\xcf\x11\xe0old", "a.xls")[0].startswith("Old Excel files (.xls)")


def test_many_bad_rows_are_summed_up_and_long_sheets_refused(monkeypatch):
    data = csv_bytes([";".join(headers("en")), *["x;y;z;;;;;"] * 300])
    messages = refused(data)
    assert len(messages) < 50
    described = {message.split(",")[0] for message in messages[:-1]}
    assert messages[-1] == f"\u2026 and {300 - len(described)} more rows with errors."

    drawn = []

    def rows():
        drawn.append(1)
        yield headers("en")
        while True:
            drawn.append(1)
            yield ["x", "y", "z"]

    monkeypatch.setattr(sheet_reader, "MAX_ROWS", 100)
    with pytest.raises(AgendaError) as caught:
        read_rows(rows(), FIRST, LAST)
    assert caught.value.messages == [
        "The sheet has more than 100 rows; split it or keep only the visit's days."
    ]
    assert len(drawn) == 101


def rewritten(data: bytes, name: str, change) -> bytes:
    """The XLSX `data` with the member `name` changed by `change(text) -> text`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == name:
                content = change(content.decode()).encode()
            target.writestr(member, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_hostile_xlsx_files_are_refused_with_a_message(monkeypatch):
    good = xlsx_bytes([headers("en"), ["2025-04-21", "9:00", "10:00", "Meeting"]])
    assert len(read_sheet(good, "a.xlsx", FIRST, LAST).rows) == 1
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    sheet = "xl/worksheets/sheet1.xml"
    cell = '<c r="D2" t="inlineStr"><is><t>Meeting</t></is></c>'
    hostile = [
        rewritten(good, sheet, lambda t: t.replace(">Meeting<", ">&nowhere;<")),
        rewritten(good, sheet, lambda t: laughs + t.replace(">Meeting<", ">&b;<")),
        rewritten(good, sheet, lambda t: t.replace(cell, '<c r="D2" t="s"><v>99</v></c>')),
    ]
    for data in hostile:
        assert data != good
    assert refused(hostile[0], "a.xlsx")[0].startswith("The XLSX file cannot be read (undefined")
    assert refused(hostile[1], "a.xlsx") == [
        "The XLSX file cannot be read: its part xl/worksheets/sheet1.xml declares XML entities, "
        "which spreadsheets never do."
    ]
    assert refused(hostile[2], "a.xlsx") == [
        "The XLSX file cannot be read (list index out of range)."
    ]
    big = xlsx_bytes([headers("en"), ["2025-04-21", "9:00", "10:00", "x" * 30_000]])
    monkeypatch.setattr(sheet_reader, "MAX_XLSX_UNPACKED", 20_000)
    assert refused(big, "a.xlsx") == [
        "The XLSX file holds more than 0 MB once unpacked; keep only the agenda in it."
    ]
