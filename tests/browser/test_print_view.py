"""The printed programme's page in a real browser on a phone: back, print and download
controls on screen (print only with its script), none of them on paper, no sideways
scrolling at 390 px."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.demo import load_demo

pytestmark = pytest.mark.browser


def test_print_view_on_a_phone(page: Page, live_server, db, make_user):
    visit = load_demo(db.session)
    db.session.commit()
    sign_in(page, live_server, make_user("viewer").email, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/visits/{visit.id}/program?lang=kk&day=2025-04-21")
    controls = page.locator("nav.print-controls")
    expect(controls.get_by_role("link", name="Сапарға оралу")).to_have_attribute(
        "href", f"/visits/{visit.id}"
    )
    expect(controls.get_by_role("link", name="PDF жүктеп алу")).to_have_attribute(
        "href", f"/visits/{visit.id}/program.pdf?variant=guest&lang=kk&day=2025-04-21"
    )
    page.evaluate("window.print = () => { window.printed = true; }")
    controls.get_by_role("button", name="Басып шығару").click()
    assert page.evaluate("window.printed") is True
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.emulate_media(media="print")
    expect(controls).to_be_hidden()
