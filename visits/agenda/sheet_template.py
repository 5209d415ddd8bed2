"""The downloadable agenda sheet: the headers in one language and an example row.

CSV for Russian and Kazakh is written as Excel in those locales opens it (UTF-8 with a
BOM, ';' between columns, dates as 21.04.2025); the English one uses ',' and ISO dates.
The XLSX holds real date and time cells. Both read back through `sheet_reader`.
"""

import csv
import io
from datetime import date, datetime, time

from flask_babel import force_locale
from flask_babel import gettext as _

from visits.agenda.sheet_reader import HEADERS
from visits.labels import label
from visits.models import EventKind

EXAMPLE_START = time(10, 0)
EXAMPLE_END = time(11, 30)


def example_row(lang: str, day: date) -> dict[str, object]:
    """One example event on `day`, its texts in `lang` (a real date and times)."""
    with force_locale(lang):
        return {
            "date": day,
            "start": EXAMPLE_START,
            "end": EXAMPLE_END,
            "title": _("Meeting with the head of the region"),
            "kind": label(EventKind.MEETING),
            "venue": _("Regional administration, small hall"),
            "participants": _("First Participant; Second Participant"),
            "notes": _("Dress code: business suit"),
        }


def headers(lang: str) -> list[str]:
    return [names[lang] for names in HEADERS.values()]


def template_csv(lang: str, day: date) -> bytes:
    row = example_row(lang, day)
    row["date"] = day.isoformat() if lang == "en" else day.strftime("%d.%m.%Y")
    row["start"] = EXAMPLE_START.strftime("%H:%M")
    row["end"] = EXAMPLE_END.strftime("%H:%M")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="," if lang == "en" else ";", lineterminator="\r\n")
    writer.writerow(headers(lang))
    writer.writerow([row[key] for key in HEADERS])
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(lang: str, day: date) -> bytes:
    from openpyxl import Workbook  # only this download needs it

    row = example_row(lang, day)
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has this one sheet, the active one
    with force_locale(lang):
        sheet.title = _("Agenda")[:31]  # the longest sheet name Excel takes
    sheet.append(headers(lang))
    sheet.append([row[key] for key in HEADERS])
    sheet["A2"].value = datetime.combine(day, time(0))
    sheet["A2"].number_format = "yyyy-mm-dd" if lang == "en" else "dd.mm.yyyy"
    for cell in ("B2", "C2"):
        sheet[cell].number_format = "hh:mm"
    for column, width in zip("ABCDEFGH", (12, 8, 11, 40, 14, 30, 36, 30), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
