"""The history in a real browser: change an event, open the history, undo the change, and
see the event as it was."""

import re
from datetime import date, time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.models import EventStatus

pytestmark = pytest.mark.browser


def test_a_change_is_undone_from_the_history(
    page: Page, live_server, make_user, make_visit, make_event
):
    visit = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 21))
    event = make_event(visit, date(2025, 4, 21), time(10), time(11), status=EventStatus.TENTATIVE)
    sign_in(page, live_server, make_user("editor").email, PASSWORD)

    page.goto(f"{live_server}/events/{event.id}/edit")
    page.locator("#title_ru").fill("Встреча с акимом области")
    page.locator("#start_time").fill("10:20")
    page.locator("#end_time").fill("11:20")
    page.locator("form.edit button.primary[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/events/\d+/edit$"))

    page.goto(f"{live_server}/visits/{visit.id}/history")
    latest = page.locator("table.history tbody tr").first
    expect(latest).to_contain_text("Встреча с акимом области")
    expect(latest).to_contain_text("21.04.2025 10:00")  # the old start, in the visit's zone
    latest.get_by_role("button", name="Отменить изменение").click()

    expect(page.locator(".flash.success")).to_contain_text("Изменение отменено.")
    expect(page.locator("table.history tbody tr").nth(1)).to_contain_text("отменено")
    page.goto(f"{live_server}/events/{event.id}/edit")
    expect(page.locator("#title_ru")).to_have_value("Встреча")
    expect(page.locator("#start_time")).to_have_value("10:00")
    expect(page.locator("#end_time")).to_have_value("11:00")
