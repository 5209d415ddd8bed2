"""The revisions page, issuing a revision, and the change sheet between two revisions."""

from datetime import date, time

import pytest
from flask import render_template_string
from sqlalchemy import func, select

from visits.demo import load_demo
from visits.events.services import move_event
from visits.models import (
    Event,
    EventParticipant,
    LocalizedText,
    Organization,
    ParticipantRole,
    Person,
    ProgrammeRevision,
    Side,
    Venue,
    Visit,
)
from visits.programme.revisions import revision_state
from visits.scheduling.timezones import to_utc

DAY = date(2025, 4, 21)


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, so the tests read the messages as written in the source."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def demo(db) -> Visit:
    visit = load_demo(db.session)
    db.session.commit()
    return visit


def revisions_url(visit: Visit) -> str:
    return f"/visits/{visit.id}/revisions"


def compare(client, visit: Visit, old, new, **params):
    query = {"from": old, "to": new} | params
    return client.get(f"/visits/{visit.id}/revisions/compare", query_string=query)


def issue(client, visit: Visit, comment: str = ""):
    """Issue a revision, past the confirmation that open warnings ask for."""
    return client.post(revisions_url(visit), data={"comment": comment, "anyway": "1"})


def count(db, visit: Visit) -> int:
    query = select(func.count()).select_from(ProgrammeRevision)
    return db.session.scalar(query.where(ProgrammeRevision.visit_id == visit.id))


def state_of(db, visit: Visit):
    db.session.expire_all()
    return revision_state(db.session, db.session.get(Visit, visit.id))


def section(html: str, name: str) -> str:
    """The HTML of one section of the change sheet (added, removed, moved, changed)."""
    start = html.index(f'<section class="{name}">')
    return html[start : html.index("</section>", start)]


def test_issue_move_and_issue_again(db, staff_client, demo):
    page = staff_client.get(revisions_url(demo)).get_data(as_text=True)
    assert "No revision issued yet" in page
    response = issue(staff_client, demo, "Для организаторов")
    assert response.status_code == 302
    state = state_of(db, demo)
    assert (state.number, state.draft, state.issued_by) == (1, False, "editor@example.org")
    page = staff_client.get(revisions_url(demo)).get_data(as_text=True)
    assert "Revision 1 is issued." in page
    assert "Для организаторов" in page and "Prints show revision 1" in page

    meeting = db.session.scalar(select(Event).where(Event.visit_id == demo.id))
    move_event(db.session, meeting, to_utc(DAY, time(14, 0), demo.timezone))
    db.session.commit()
    assert state_of(db, demo).draft
    page = staff_client.get(revisions_url(demo)).get_data(as_text=True)
    assert "Draft: unissued changes since revision 1." in page

    sheet = compare(staff_client, demo, 1, "draft")
    assert sheet.status_code == 200
    moved = section(sheet.get_data(as_text=True), "moved")
    assert "21.04.2025 10:00–11:30" in moved and "21.04.2025 14:00–15:30" in moved
    assert meeting.title.get("en") in moved  # the reader's language by default

    assert issue(staff_client, demo, "").status_code == 302
    state = state_of(db, demo)
    assert (state.number, state.draft) == (2, False)
    again = section(compare(staff_client, demo, 1, 2).get_data(as_text=True), "moved")
    assert "21.04.2025 10:00–11:30" in again and "21.04.2025 14:00–15:30" in again
    assert "No changes" in compare(staff_client, demo, 2, "draft").get_data(as_text=True)
    page = staff_client.get(revisions_url(demo)).get_data(as_text=True)
    assert f"/visits/{demo.id}/revisions/compare?from=1&amp;to=2" in page


def test_nothing_changed_is_refused(db, staff_client, demo):
    issue(staff_client, demo)
    response = issue(staff_client, demo, "again")
    assert response.status_code == 302
    page = staff_client.get(response.location).get_data(as_text=True)
    assert "Nothing has changed since revision 1: no revision was issued." in page
    assert count(db, demo) == 1


def test_add_remove_and_change_on_the_sheet(db, staff_client, make_visit, make_event):
    visit = make_visit()
    kept = make_event(visit, DAY, time(10), time(11), title=LocalizedText(ru="Встреча", en="Talks"))
    gone = make_event(visit, DAY, time(12), time(13), title=LocalizedText(ru="Обед"))
    issue(staff_client, visit)
    kept.title = LocalizedText(ru="Переговоры", en="Negotiations")
    kept.dress_code = LocalizedText(ru="Деловой")
    db.session.delete(gone)
    db.session.commit()
    make_event(visit, DAY, time(15), time(16), title=LocalizedText(ru="Концерт", kk="Концерт"))

    html = compare(staff_client, visit, 1, "draft", lang="ru").get_data(as_text=True)
    assert "Концерт" in section(html, "added") and "21.04.2025 15:00–16:00" in html
    assert "Обед" in section(html, "removed")
    changed = section(html, "changed")
    assert "<del>Встреча</del> → <ins>Переговоры</ins>" in changed
    assert "<del>—</del> → <ins>Деловой</ins>" in changed
    assert '<section class="moved">' not in html

    english = compare(staff_client, visit, 1, "draft", lang="en").get_data(as_text=True)
    assert "<del>Talks</del> → <ins>Negotiations</ins>" in section(english, "changed")
    assert "Title" in section(english, "changed")


def test_participants_change_is_shown_by_name(db, staff_client, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, DAY, time(10), time(11))
    issue(staff_client, visit)
    db.session.add(
        EventParticipant(
            event=event,
            person=Person(full_name=LocalizedText(ru="Аким области")),
            role=ParticipantRole.HOST,
            side=Side.HOST,
        )
    )
    db.session.commit()
    html = compare(staff_client, visit, 1, "draft", lang="ru").get_data(as_text=True)
    assert "Аким области" in section(html, "changed")


def test_viewer_reads_but_may_not_issue(db, viewer_client, demo):
    page = viewer_client.get(revisions_url(demo)).get_data(as_text=True)
    assert "Programme revisions" in page
    assert "Issue revision" not in page and 'name="comment"' not in page
    assert issue(viewer_client, demo).status_code == 403
    assert count(db, demo) == 0


def test_editor_sees_the_issue_form(staff_client, demo):
    page = staff_client.get(revisions_url(demo)).get_data(as_text=True)
    assert "Issue revision" in page and 'name="comment"' in page


def test_csrf_refusal(app, db, staff_client, demo):
    app.config["WTF_CSRF_ENABLED"] = True
    assert issue(staff_client, demo).status_code == 400
    assert count(db, demo) == 0


def test_too_long_comment_is_refused_and_kept(db, staff_client, demo):
    response = issue(staff_client, demo, "слово " * 500)
    assert response.status_code == 422
    assert "слово слово" in response.get_data(as_text=True)
    assert count(db, demo) == 0


def test_unknown_visit_and_revisions_are_404(staff_client, demo):
    assert staff_client.get("/visits/999/revisions").status_code == 404
    assert compare(staff_client, demo, 1, "draft").status_code == 404
    issue(staff_client, demo)
    assert compare(staff_client, demo, 1, 7).status_code == 404
    assert compare(staff_client, demo, 5, "draft").status_code == 404


@pytest.mark.parametrize(
    ("old", "new", "lang", "message"),
    [
        (1, 1, None, "Choose two different revisions"),
        ("draft", "draft", None, "Choose two revisions to compare"),
        ("x", 1, None, "Choose two revisions to compare"),
        ("", "draft", None, "Choose two revisions to compare"),
        (1, "-2", None, "Choose two revisions to compare"),
        ("١", "draft", None, "Choose two revisions to compare"),
        (1, "draft", "de", "Unknown language"),
    ],
)
def test_malformed_comparisons_are_400(staff_client, demo, old, new, lang, message):
    issue(staff_client, demo)
    params = {"lang": lang} if lang else {}
    response = compare(staff_client, demo, old, new, **params)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_sheet_links_its_print_stylesheet(staff_client, demo):
    issue(staff_client, demo)
    html = compare(staff_client, demo, 1, "draft").get_data(as_text=True)
    assert "/static/print-diff.css" in html and "style=" not in html
    css = staff_client.get("/static/print-diff.css")
    assert css.status_code == 200 and "@media print" in css.get_data(as_text=True)
    css.close()


def test_revision_mark_partial(app, db, staff_client, demo):
    issue(staff_client, demo)
    template = '{% include "programme/_revision_mark.html" %}'
    with app.test_request_context(headers={"Accept-Language": "en"}):
        mark = render_template_string(template, state=state_of(db, demo))
    assert "Revision 1 of " in mark
    meeting = db.session.scalar(select(Event).where(Event.visit_id == demo.id))
    meeting.notes = LocalizedText(ru="Новое")
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        mark = render_template_string(template, state=state_of(db, demo))
        links = render_template_string('{% include "programme/_visit_links.html" %}', visit=demo)
    assert "Draft: changes to revision 1 as of " in mark
    assert f"/visits/{demo.id}/revisions" in links
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        mark = render_template_string(template, state=state_of(db, demo))
    assert "Проект: изменения к редакции 1 на " in mark


def _big_visit(db, make_visit, make_event, events: int) -> Visit:
    visit = make_visit()
    hall = Venue(name=LocalizedText(ru="Зал"))
    group = Organization(name=LocalizedText(ru="Ансамбль"))
    for number in range(events):
        event = make_event(visit, DAY, time(8 + number % 12), time(8 + number % 12, 30), venue=hall)
        person = Person(full_name=LocalizedText(ru=f"Участник {number}"))
        for who in (dict(person=person), dict(organization=group)):
            db.session.add(
                EventParticipant(event=event, role=ParticipantRole.GUEST, side=Side.GUEST, **who)
            )
    db.session.commit()
    return visit


def test_sheet_queries_do_not_grow_with_events(
    db, staff_client, make_visit, make_event, count_queries
):
    counts = []
    for size in (2, 20):
        visit = _big_visit(db, make_visit, make_event, size)
        issue(staff_client, visit)
        db.session.scalar(select(Event).where(Event.visit_id == visit.id)).notes = LocalizedText(
            ru="Изменено"
        )
        db.session.commit()
        db.session.expire_all()
        with count_queries() as queries:
            response = compare(staff_client, visit, 1, "draft")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_issuing_with_open_warnings_asks_first(db, staff_client, make_visit, make_event):
    visit = make_visit()
    hall = Venue(name=LocalizedText(ru="Зал"))
    for start in (10, 11):
        make_event(visit, DAY, time(start), time(start + 1, 30), venue=hall)
    page = staff_client.post(revisions_url(visit), data={"comment": "для штаба"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and count(db, visit) == 0
    assert "1 warning is still open." in text and "Зал is booked twice" in text
    assert 'name="anyway"' in text and 'value="для штаба"' in text
    issued = staff_client.post(revisions_url(visit), data={"comment": "для штаба", "anyway": "1"})
    assert issued.status_code == 302 and count(db, visit) == 1


def translated(ru: str) -> LocalizedText:
    return LocalizedText(ru=ru, kk=f"{ru} (kk)", en=f"{ru} (en)")


def test_issuing_without_warnings_needs_no_confirmation(db, staff_client, make_visit, make_event):
    visit = make_visit(title=translated("Визит"))
    visit.delegation.name = translated("Делегация")
    make_event(visit, DAY, time(10), time(11), title=translated("Встреча"))
    response = staff_client.post(revisions_url(visit), data={"comment": ""})
    assert response.status_code == 302 and count(db, visit) == 1


def test_issuing_with_untranslated_texts_asks_first(db, staff_client, make_visit, make_event):
    visit = make_visit(title=translated("Визит"))
    visit.delegation.name = translated("Делегация")
    make_event(visit, DAY, time(10), time(11), title=LocalizedText(ru="Встреча", en="Meeting"))
    page = staff_client.post(revisions_url(visit), data={"comment": "для штаба"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and count(db, visit) == 0
    assert "Issue the revision with untranslated texts?" in text
    assert "1 text has no Kazakh variant" in text and "English variant" not in text
    assert f"/visits/{visit.id}/translations?content=kk" in text
    assert 'name="anyway"' in text and 'value="для штаба"' in text
    issued = staff_client.post(revisions_url(visit), data={"comment": "для штаба", "anyway": "1"})
    assert issued.status_code == 302 and count(db, visit) == 1


def test_sheet_content_language_leaves_the_interface(db, staff_client, demo):
    """The sheet's language links change its texts only: a Russian reader reading the
    Kazakh sheet keeps a Russian interface; the comparison is one sentence with its lists."""
    issue(staff_client, demo)
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ru"
    page = staff_client.get(revisions_url(demo)).get_data(as_text=True)
    sentence = page.split('class="compare-sentence">', 1)[1].split("</span>", 1)[0]
    assert sentence.startswith("Сравнить редакцию <select") and "</select> с <select" in sentence
    sheet = compare(staff_client, demo, 1, "draft", content="kk").get_data(as_text=True)
    assert '<html lang="ru">' in sheet and '<article class="change-sheet" lang="kk">' in sheet
    assert "Изменения" in sheet or "Нет изменений" in sheet
    toolbar = sheet.split('class="toolbar">', 1)[1].split("</p>", 1)[0]
    assert "?content=en&amp;from=1&amp;to=draft" in toolbar and "?lang=" not in toolbar
