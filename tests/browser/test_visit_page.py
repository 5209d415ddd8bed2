"""What a protocol staff member does in a real browser: sign in, open the demo visit, read its
schedule, mistype the password, sign out. The UI is in Russian, as the browser asks."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from visits.demo import load_demo

pytestmark = pytest.mark.browser

SIGN_IN_URL = re.compile(r"/auth/login(\?.*)?$")
VISITS_URL = re.compile(r"/visits/$")


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Open the site root, get sent to the sign-in form, fill it in and submit it."""
    page.goto(base_url + "/")
    expect(page).to_have_url(SIGN_IN_URL)
    page.get_by_label("Электронная почта").fill(email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()


def test_staff_signs_in_and_reads_the_schedule_of_the_demo_visit(
    page: Page, live_server, db, make_user
):
    visit = load_demo(db.session)
    db.session.commit()
    title = visit.title.ru
    email = make_user("editor").email

    sign_in(page, live_server, email, PASSWORD)

    expect(page).to_have_url(VISITS_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Визиты")
    page.get_by_role("link", name=title).click()

    expect(page).to_have_url(re.compile(rf"/visits/{visit.id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("section.day h3")).to_have_text(["понедельник, 21 апреля 2025 г."])
    events = page.locator("tr.event")
    expect(events.locator(".title")).to_have_text(
        [
            re.compile(r"^Встреча с акимом"),
            re.compile(r"^Церемония возложения цветов"),
            "Концертная программа «Во все века»",
        ]
    )
    concert = events.nth(2)
    expect(concert.locator("td.time .local")).to_have_text("19:00–21:00")
    expect(concert.locator("td.time .home")).to_contain_text("Барнаул 21:00–23:00")


def test_a_wrong_password_is_refused_next_to_the_password_field(page: Page, live_server, make_user):
    email = make_user("editor").email

    sign_in(page, live_server, email, PASSWORD + "!")

    expect(page).to_have_url(SIGN_IN_URL)
    password = page.get_by_label("Пароль")
    expect(password).to_have_attribute("aria-invalid", "true")
    password_field = page.locator("div.field", has=password)
    expect(password_field.locator("p.error")).to_have_text("Неверный адрес или пароль.")
    expect(page.get_by_role("button", name="Выйти")).to_have_count(0)


def test_signing_out_returns_to_sign_in_and_locks_the_visit_list(
    page: Page, live_server, make_user
):
    email = make_user("editor").email
    sign_in(page, live_server, email, PASSWORD)
    expect(page).to_have_url(VISITS_URL)

    page.get_by_role("button", name="Выйти").click()

    expect(page).to_have_url(SIGN_IN_URL)
    expect(page.get_by_role("status")).to_have_text("Вы вышли из системы.")
    expect(page.get_by_role("button", name="Войти")).to_be_visible()

    page.goto(live_server + "/visits/")
    expect(page).to_have_url(SIGN_IN_URL)
    expect(page.get_by_label("Электронная почта")).to_be_visible()
    expect(page.get_by_role("button", name="Выйти")).to_have_count(0)
