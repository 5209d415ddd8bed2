"""Two staff in two browsers edit one event at once: the later save comes back merged,
the one field both changed is chosen, and both people's changes end up saved."""

import os
import re
from datetime import date, time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.models import Event, LocalizedText, Role, Venue

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("VISITS_SCREENSHOTS")  # a folder, to look at the pages


def staff_page(browser: Browser, live_server: str, email: str) -> Page:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 1400})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    sign_in(page, live_server, email, PASSWORD)
    return page


def save(page: Page) -> None:
    page.locator("form.edit button.primary[type=submit]").click()


def test_two_staff_edit_one_event_and_neither_change_is_lost(
    browser: Browser, live_server, db, make_user, make_visit, make_event
):
    visit = make_visit()
    hall = Venue(name=LocalizedText(ru="Ертіс концерт"))
    db.session.add(hall)
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    url = f"{live_server}/events/{event.id}/edit"
    me = staff_page(browser, live_server, make_user(Role.EDITOR, "me@example.org").email)
    colleague = staff_page(browser, live_server, make_user(Role.EDITOR, "kz@example.org").email)
    try:
        me.goto(url)
        colleague.goto(url)

        colleague.locator("#title_ru").fill("Встреча с акимом области")
        colleague.locator("#dress_code_ru").fill("Деловой")
        save(colleague)
        expect(colleague.locator("p.flash.success")).to_be_visible()

        me.locator("#title_ru").fill("Встреча в акимате")
        me.locator("#venue_id").select_option(label="Ертіс концерт")
        save(me)
        merge = me.locator("section.merge")
        expect(merge).to_contain_text("Коллега сохранил эту запись")
        expect(merge).to_contain_text("kz@example.org")
        expect(me.locator("#dress_code_ru")).to_have_value("Деловой")  # the colleague's
        expect(me.locator("#venue_id option:checked")).to_have_text("Ертіс концерт")  # mine
        choice = merge.locator("fieldset.merge-choice")
        expect(choice).to_contain_text("Встреча в акимате")
        expect(choice).to_contain_text("Встреча с акимом области")
        if SCREENSHOTS:
            me.screenshot(path=os.path.join(SCREENSHOTS, "merge-event-ru.png"), full_page=True)

        choice.get_by_label(re.compile("Значение коллеги")).check()
        save(me)
        expect(me).to_have_url(url)
        expect(me.locator("section.merge")).to_have_count(0)
    finally:
        me.context.close()
        colleague.context.close()

    db.session.expire_all()
    saved = db.session.get(Event, event.id)
    assert saved.title.ru == "Встреча с акимом области"
    assert saved.dress_code.ru == "Деловой"
    assert saved.venue_id == hall.id
