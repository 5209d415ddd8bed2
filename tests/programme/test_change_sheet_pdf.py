"""The change sheet as a PDF: the guests' copy (the default) leaves internal events out,
the working copy has them; the compare page links both."""

from datetime import time

from tests.programme.conftest import DAY, pdf_pages
from visits.models import LocalizedText, Visibility


def issue(client, visit):
    response = client.post(f"/visits/{visit.id}/revisions", data={"comment": "", "anyway": "1"})
    assert response.status_code == 302


def sheet_url(visit, **params) -> str:
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return f"/visits/{visit.id}/revisions/compare.pdf?from=1&to=draft&{query}"


def changed_visit(db, client, make_visit, make_event):
    visit = make_visit()
    kept = make_event(visit, DAY, time(10), time(11), title=LocalizedText(ru="Переговоры"))
    issue(client, visit)
    kept.starts_at, kept.ends_at = kept.starts_at.replace(hour=6), kept.ends_at.replace(hour=7)
    kept.internal_notes = "Встреча у служебного входа"
    make_event(visit, DAY, time(15), time(16), title=LocalizedText(ru="Концерт", kk="Концерт"))
    make_event(
        visit,
        DAY,
        time(8),
        time(9),
        title=LocalizedText(ru="Служебный инструктаж", kk="Қызметтік нұсқама"),
        visibility=Visibility.INTERNAL,
    )
    db.session.commit()
    return visit


def test_guest_sheet_leaves_internal_out_working_has_it(
    db, staff_client, make_visit, make_event, sqlite_only
):
    visit = changed_visit(db, staff_client, make_visit, make_event)
    guest = staff_client.get(sheet_url(visit, lang="ru"))
    assert guest.status_code == 200 and guest.mimetype == "application/pdf"
    assert (
        f'filename="changes-{visit.id}-1-draft-guest-ru.pdf"'
        in (guest.headers["Content-Disposition"])
    )
    flat = " ".join(" ".join(pdf_pages(guest.data)).split())
    assert "Концерт" in flat and "Переговоры" in flat
    assert "Служебный инструктаж" not in flat
    assert "служебного входа" not in flat
    assert "Рабочая программа" not in flat

    working = staff_client.get(sheet_url(visit, lang="kk", variant="working"))
    flat = " ".join(" ".join(pdf_pages(working.data)).split())
    assert "Қызметтік нұсқама" in flat
    assert "служебного входа" in flat
    assert "Қосылды" in flat  # "Added", in Kazakh


def test_compare_page_links_both_pdfs_and_refuses_bad_variants(
    db, staff_client, make_visit, make_event
):
    visit = changed_visit(db, staff_client, make_visit, make_event)
    html = staff_client.get(
        f"/visits/{visit.id}/revisions/compare?from=1&to=draft&lang=kk"
    ).get_data(as_text=True)
    assert html.count(f"/visits/{visit.id}/revisions/compare.pdf?") == 2
    assert "variant=guest" in html and "variant=working" in html
    assert "Қызметтік нұсқама" in html  # the page itself is the organizers' view
    guests = staff_client.get(
        f"/visits/{visit.id}/revisions/compare?from=1&to=draft&lang=kk&variant=guest"
    ).get_data(as_text=True)
    assert "Қызметтік нұсқама" not in guests
    assert staff_client.get(sheet_url(visit, variant="all")).status_code == 400
    assert staff_client.get(f"/visits/{visit.id}/revisions/compare.pdf?from=1").status_code == 400
