"""The import pages: upload, preview, confirm; refusals; the templates to download."""

import io
import re
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from visits.agenda.service import kind_names
from visits.agenda.sheet_reader import read_sheet
from visits.models import Event, EventKind, LocalizedText, Person, Venue

CSV = "\r\n".join(
    [
        "Дата;Начало;Окончание;Название;Вид;Место;Участники;Примечания",
        "21.04.2025;10:00;11:30;Встреча с акимом;встреча;Акимат;Иванов И. И.;Темы визита",
        "21.04.2025;19:00;21:00;Концерт;концерт;Ертіс концерт;;",
        "30.04.2025;10:00;11:00;Позже;;;;",
    ]
).encode("utf-8-sig")


def counts(db) -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Event, Venue, Person)
    )


@pytest.fixture
def visit(db, make_visit):
    db.session.add(Venue(name=LocalizedText(ru="Акимат", en="Akimat")))
    return make_visit()


def upload(client, visit, data: bytes, name: str):
    return client.post(
        f"/visits/{visit.id}/import?lang=en",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_upload_preview_confirm(staff_client, db, visit):
    form = staff_client.get(f"/visits/{visit.id}/import?lang=en")
    assert form.status_code == 200
    page = form.get_data(as_text=True)
    for lang in ("ru", "kk", "en"):
        assert f"/visits/{visit.id}/import/template.xlsx?lang={lang}" in page
        assert f"/visits/{visit.id}/import/template.csv?lang={lang}" in page

    preview = upload(staff_client, visit, CSV, "agenda.csv")
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "Встреча с акимом" in page and "10:00–11:30" in page and "21.04.2025" in page
    assert re.search(r"Акимат\s*<span class=\"tag\">matched", page)
    assert re.search(r"Ертіс концерт\s*<span class=\"tag new\">new", page)
    assert re.search(r"Иванов И. И.\s*<span class=\"tag new\">new", page)
    assert "row 4: Позже — outside the dates of the visit" in page
    assert counts(db) == (0, 1, 0)  # the preview saves nothing

    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)
    done = staff_client.post(f"/visits/{visit.id}/import/confirm?lang=en", data={"token": token})
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"/visits/{visit.id}")
    assert counts(db) == (2, 2, 1)
    events = db.session.scalars(select(Event).order_by(Event.starts_at)).all()
    almaty = ZoneInfo("Asia/Almaty")
    assert [
        (e.title.ru, e.kind, e.starts_at.astimezone(almaty).strftime("%d %H:%M")) for e in events
    ] == [
        ("Встреча с акимом", EventKind.MEETING, "21 10:00"),
        ("Концерт", EventKind.CONCERT, "21 19:00"),
    ]
    shown = staff_client.get(f"/visits/{visit.id}?lang=en").get_data(as_text=True)
    assert "2 events imported." in shown

    # The parked file is gone: confirming again imports nothing twice.
    again = staff_client.post(f"/visits/{visit.id}/import/confirm", data={"token": token})
    assert again.status_code == 302 and again.headers["Location"].endswith("/import")
    assert counts(db) == (2, 2, 1)


BAD_FILES = [
    (
        "bad.ics",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nnonsense\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n",
        "line 4: this is not an iCalendar line",
    ),
    (
        "zone.ics",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Nowhere/City:20250421T100000"
        b"\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "line 3: unknown time zone",
    ),
    (
        "notitle.ics",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250421T100000Z\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        "line 2: the event has no title",
    ),
    (
        "back.ics",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250421T100000Z\r\n"
        b"DTEND:20250421T090000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "line 4: the event must end after it starts",
    ),
    (
        "a.csv",
        "Дата;Начало;Окончание;Название\n21.04.2025;10:00;11:00;Хорошо\n"
        "21.04.2025;10;11:00;Плохо\n".encode(),
        "row 3, column “Начало”: the time “10”",
    ),
    (
        "a.csv",
        b"Date,Start,End,Title\n2025-04-31,10:00,11:00,x\n",
        "row 2, column “Date”: the date “2025-04-31” cannot be read",
    ),
    (
        "a.csv",
        b"Date,Start,End,Title\n2025-04-21,12:00,11:00,x\n",
        "row 2, column “End”: the event must end after it starts",
    ),
    (
        "a.csv",
        b"Date,Start,End,Title\n2025-04-21,10:00,11:00,\n",
        "row 2, column “Title”: the title is missing",
    ),
    (
        "a.csv",
        b"Date,Start,End,Title,Kind\n2025-04-21,10:00,11:00,x,dance\n",
        "row 2, column “Kind”: unknown kind “dance”",
    ),
    ("a.csv", b"Date,Title\n2025-04-21,x\n", "row 1: required columns are missing"),
    (
        "a.csv",
        b"Date,Start,End,Title\n2025-04-21,10:00,11:00,x\n2025-04-21,10:00,11:00,x\n",
        "row 3: the same event (start, end and title) as at row 2",
    ),
    ("a.pdf", b"%PDF-1.4", "Unknown kind of file"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_bad_files_are_refused_and_nothing_is_saved(staff_client, db, visit, name, data, message):
    response = upload(staff_client, visit, data, name)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Nothing was saved" in page
    assert message.replace("“", "&#34;").replace("”", "&#34;") in page or message in page
    assert counts(db) == (0, 1, 0)


def test_a_uid_already_in_the_database_is_refused(staff_client, db, visit, make_event):
    make_event(visit, date(2025, 4, 21), time(9), time(10), uid="taken@example.org")
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:taken@example.org\r\n"
        b"DTSTART:20250421T100000Z\r\nDTEND:20250421T110000Z\r\nSUMMARY:x\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    response = upload(staff_client, visit, data, "a.ics")
    assert response.status_code == 422
    assert "line 2: an event with the UID" in response.get_data(as_text=True)
    assert counts(db) == (1, 1, 0)


def test_no_file_and_a_file_over_the_limit(app, staff_client, db, visit):
    response = staff_client.post(
        f"/visits/{visit.id}/import?lang=en", data={}, content_type="multipart/form-data"
    )
    assert response.status_code == 422 and "Choose a file" in response.get_data(as_text=True)
    app.config["IMPORT_MAX_BYTES"] = 50
    response = upload(staff_client, visit, CSV, "a.csv")
    assert response.status_code == 422
    assert "is larger than" in response.get_data(as_text=True)


def test_a_confirmation_that_no_longer_fits_saves_nothing(staff_client, db, visit, make_event):
    page = upload(staff_client, visit, CSV, "agenda.csv").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)
    # Meanwhile someone enters the concert by hand.
    make_event(visit, date(2025, 4, 21), time(19), time(21), title=LocalizedText(ru="Концерт"))
    response = staff_client.post(
        f"/visits/{visit.id}/import/confirm?lang=en", data={"token": token}
    )
    assert response.status_code == 422
    assert "row 3: the visit already has this event" in response.get_data(as_text=True)
    assert counts(db) == (1, 1, 0)


def test_viewers_may_not_import(viewer_client, db, visit):
    assert viewer_client.get(f"/visits/{visit.id}/import").status_code == 403
    assert upload(viewer_client, visit, CSV, "a.csv").status_code == 403
    confirm = viewer_client.post(f"/visits/{visit.id}/import/confirm", data={"token": "x" * 30})
    assert confirm.status_code == 403
    assert counts(db) == (0, 1, 0)


def test_the_forms_need_their_csrf_token(app, staff_client, db, visit):
    page = upload(staff_client, visit, CSV, "a.csv").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)
    app.config["WTF_CSRF_ENABLED"] = True
    assert upload(staff_client, visit, CSV, "a.csv").status_code == 400
    confirm = staff_client.post(f"/visits/{visit.id}/import/confirm", data={"token": token})
    assert confirm.status_code == 400
    assert counts(db) == (0, 1, 0)


def test_a_token_of_another_user_or_none_at_all(staff_client, db, visit):
    url = f"/visits/{visit.id}/import/confirm"
    assert staff_client.post(url, data={}).status_code == 400
    response = staff_client.post(url, data={"token": "A" * 32})
    assert response.status_code == 302 and response.headers["Location"].endswith("/import")
    assert counts(db) == (0, 1, 0)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_templates_read_back_and_import(app, staff_client, db, visit, lang, extension):
    response = staff_client.get(f"/visits/{visit.id}/import/template.{extension}?lang={lang}")
    assert response.status_code == 200
    assert (
        f'filename="agenda-{visit.id}-{lang}.{extension}"'
        in response.headers["Content-Disposition"]
    )
    with app.test_request_context("/?lang=en"):
        reading = read_sheet(
            response.data, f"t.{extension}", visit.start_date, visit.end_date, kind_names()
        )
    (row,) = reading.rows
    assert row.kind is EventKind.MEETING and len(row.participants) == 2
    assert (row.starts_at.date(), row.starts_at.hour, row.ends_at.minute) == (
        visit.start_date,
        10,
        30,
    )
    # The whole round trip: the template uploaded as it is imports its example row.
    page = upload(staff_client, visit, response.data, f"t.{extension}").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)
    staff_client.post(f"/visits/{visit.id}/import/confirm", data={"token": token})
    (event,) = db.session.scalars(select(Event)).all()
    assert event.kind is EventKind.MEETING
    assert event.starts_at.astimezone(ZoneInfo("Asia/Almaty")).strftime("%H:%M") == "10:00"


def test_an_unknown_template_language_is_not_found(staff_client, visit):
    assert staff_client.get(f"/visits/{visit.id}/import/template.csv?lang=de").status_code == 404
    assert staff_client.get(f"/visits/{visit.id}/import/template.pdf").status_code == 404


def test_an_all_day_ics_event_in_the_preview(staff_client, db, visit):
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:expo@example.org\r\n"
        b"DTSTART;VALUE=DATE:20250422\r\nSUMMARY:\xd0\x92\xd1\x8b\xd1\x81\xd1\x82\xd0\xb0"
        b"\xd0\xb2\xd0\xba\xd0\xb0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    page = upload(staff_client, visit, data, "a.ics").get_data(as_text=True)
    assert re.search(r"22.04.2025</td>\s*<td>all day</td>\s*<td>Выставка", page)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)
    staff_client.post(f"/visits/{visit.id}/import/confirm", data={"token": token})
    (event,) = db.session.scalars(select(Event)).all()
    almaty = ZoneInfo("Asia/Almaty")
    assert (event.starts_at.astimezone(almaty).isoformat(), event.uid) == (
        "2025-04-22T00:00:00+05:00",
        "expo@example.org",
    )
    assert event.ends_at.astimezone(almaty).isoformat() == "2025-04-23T00:00:00+05:00"
