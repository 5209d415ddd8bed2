"""The new-event form in a real browser: the end follows the start and the kind until the
user types an end of their own; a kind asked for in the address sets the first length."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.demo import load_demo

pytestmark = pytest.mark.browser


def test_the_end_follows_the_start_and_the_kind_until_typed(page: Page, live_server, db, make_user):
    visit = load_demo(db.session)
    db.session.commit()
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    page.goto(f"{live_server}/visits/{visit.id}/events/new?day=2025-04-21")
    start, end = page.locator("#start_time"), page.locator("#end_time")

    start.fill("15:00")
    start.dispatch_event("change")
    expect(end).to_have_value("16:00")  # a meeting lasts an hour
    page.locator("#kind").select_option("ceremony")
    expect(end).to_have_value("15:30")  # a ceremony half an hour
    start.fill("23:50")
    start.dispatch_event("change")
    expect(end).to_have_value("00:20")
    expect(page.locator("#ends_next_day")).to_be_checked()

    end.fill("00:45")
    end.dispatch_event("change")
    page.locator("#kind").select_option("concert")
    expect(end).to_have_value("00:45")  # typed: the kind no longer decides it


def test_a_kind_in_the_address_gives_its_length(page: Page, live_server, db, make_user):
    visit = load_demo(db.session)
    db.session.commit()
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    page.goto(
        f"{live_server}/visits/{visit.id}/events/new?day=2025-04-21&kind=ceremony&start=15:00"
    )
    expect(page.locator("#kind")).to_have_value("ceremony")
    expect(page.locator("#start_time")).to_have_value("15:00")
    expect(page.locator("#end_time")).to_have_value("15:30")
