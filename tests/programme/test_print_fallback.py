"""Text a print shows in another language than its own: marked in a draft, warned of beside
the print links, and asked about before a revision is issued."""

from datetime import time

from markupsafe import escape

from tests.programme.conftest import DAY, pdf_pages
from visits.exports.fallback import FallbackText, count, text_in
from visits.models import LocalizedText


def test_a_text_in_another_language_knows_it():
    text = LocalizedText(ru="Встреча <1>", en="Meeting")
    assert text_in(text, "en") == "Meeting" and not isinstance(text_in(text, "en"), FallbackText)
    marked = text_in(text, "kk")
    assert marked == "Встреча <1>" and isinstance(marked, FallbackText) and marked.lang == "ru"
    html = str(escape(marked))
    assert html.startswith(
        '<span class="fallback" lang="ru">Встреча &lt;1&gt;<span class="fallback-tag">'
    )
    assert text_in(LocalizedText(), "kk") == "" and text_in(None, "kk") == ""
    assert count((marked, "plain", [marked], {"x": marked})) == 2


def test_print_links_warn_of_each_language_with_gaps(staff_client, make_visit, make_event):
    visit = make_visit()
    make_event(visit, DAY, time(10), time(11), title=LocalizedText(ru="Встреча", kk="Кездесу"))
    page = staff_client.get(f"/visits/{visit.id}?lang=en").get_data(as_text=True)
    links = page.split('class="print-links"', 1)[1]
    assert "2 texts have no Kazakh variant: the Kazakh programme prints them" in links
    assert "3 texts have no English variant" in links
    assert f'href="/visits/{visit.id}/translations?content=kk"' in links


def test_the_draft_marks_fallback_text_an_issued_print_does_not(
    db, staff_client, make_visit, make_event, sqlite_only
):
    visit = make_visit(title=LocalizedText(ru="Визит", kk="Сапар"))
    make_event(visit, DAY, time(10), time(11), title=LocalizedText(ru="Встреча"))
    pdf = staff_client.get(f"/visits/{visit.id}/program.pdf?lang=kk")
    flat = " ".join(" ".join(pdf_pages(pdf.data)).split())
    assert "Встреча орыс." in flat  # the Kazakh draft: the Russian title tagged
    assert "Сапар орыс." not in flat
    assert "2 мәтін әлі бағдарлама тіліне аударылмаған" in flat  # the title and the delegation

    issued = staff_client.post(f"/visits/{visit.id}/revisions", data={"comment": "", "anyway": "1"})
    assert issued.status_code == 302
    html = staff_client.get(f"/visits/{visit.id}/program?lang=kk").get_data(as_text=True)
    body = html[html.index("<body") : html.index(">", html.index("<body"))]
    assert "draft" not in body and "fallback-legend" not in html
