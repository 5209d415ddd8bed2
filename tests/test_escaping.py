"""User text is never rendered as markup: script and tags typed into text fields come back
as text on the staff pages, the subscribe page, the feed and the printed programme."""

import io
import json
from datetime import date, time

import pypdf

from tests.conftest import sign_in
from visits.models import (
    EventParticipant,
    FeedScope,
    FeedToken,
    LocalizedText,
    Organization,
    ParticipantRole,
    Person,
    Role,
    Side,
    Venue,
)

HOSTILE = '<script>alert("x")</script><b onmouseover="y()">bold</b>'


def hostile(name: str) -> LocalizedText:
    return LocalizedText(ru=f"{name} {HOSTILE}", kk=f"{name} {HOSTILE}", en=f"{name} {HOSTILE}")


def test_markup_typed_by_staff_is_shown_as_text_everywhere(
    client, db, make_user, make_visit, make_event
):
    visit = make_visit(title=hostile("Визит"), occasion=hostile("Повод"))
    venue = Venue(name=hostile("Зал"), address=hostile("Адрес"))
    event = make_event(
        visit,
        date(2025, 4, 21),
        time(10),
        time(11),
        title=hostile("Встреча"),
        venue=venue,
        description=hostile("Описание"),
        notes=hostile("Заметки"),
        dress_code=hostile("Форма"),
        internal_notes=HOSTILE,
    )
    event.participants.append(
        EventParticipant(
            person=Person(full_name=hostile("Гость"), position=hostile("Должность")),
            role=ParticipantRole.GUEST,
            side=Side.GUEST,
        )
    )
    event.participants.append(
        EventParticipant(
            organization=Organization(name=hostile("Ансамбль")),
            role=ParticipantRole.PERFORMER,
            side=Side.HOST,
        )
    )
    feed = FeedToken(scope=FeedScope.VISIT, visit=visit, label=HOSTILE)
    db.session.add(feed)
    db.session.commit()

    pages = [client.get(f"/feeds/{feed.token}")]
    sign_in(client, make_user(Role.EDITOR))
    for path in (
        f"/visits/{visit.id}",
        f"/visits/{visit.id}/timeline",
        "/visits/",
        f"/events/{event.id}/edit",
        f"/visits/{visit.id}/history",
        f"/visits/{visit.id}/feeds",
        f"/visits/{visit.id}/program?variant=working",
        "/people/",
        "/venues/",
        "/organizations/",
    ):
        pages.append(client.get(path))
    for page in pages:
        html = page.get_data(as_text=True)
        assert page.status_code == 200, page.request.path
        assert "<script>alert" not in html and "<b onmouseover" not in html, page.request.path

    calendar = client.get(f"/feeds/{feed.token}.ics").get_data(as_text=True)
    assert "<script>alert" in calendar.replace("\r\n ", "")  # plain text in a calendar

    pdf = client.get(f"/visits/{visit.id}/program.pdf?variant=working")
    assert pdf.status_code == 200
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "<script>" in " ".join(text.split())  # printed as the characters typed


def test_markup_in_imported_files_is_shown_as_text_in_the_previews(staff_client, db, make_visit):
    """Names and titles from an uploaded agenda or visit document, shown in the previews."""
    visit = make_visit()
    row = f"2025-04-21,10:00,11:00,{HOSTILE},,{HOSTILE},{HOSTILE},"
    sheet = "date,start,end,title,kind,venue,participants,notes\n" + row + "\n"
    agenda = staff_client.post(
        f"/visits/{visit.id}/import",
        data={"file": (io.BytesIO(sheet.encode()), "agenda.csv")},
        content_type="multipart/form-data",
    )
    exported = staff_client.get(f"/imports/visits/{visit.id}.json").get_data(as_text=True)
    document = exported.replace('"Визит"', json.dumps(HOSTILE))
    visit_preview = staff_client.post(
        "/imports/",
        data={"file": (io.BytesIO(document.encode()), "visit.json")},
        content_type="multipart/form-data",
    )
    for page in (agenda, visit_preview):
        html = page.get_data(as_text=True)
        assert "&lt;script&gt;alert" in html  # the text is there …
        assert "<script>alert" not in html and "<b onmouseover" not in html  # … as text
