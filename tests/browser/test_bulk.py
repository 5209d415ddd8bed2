"""Changing several events in a real browser: shift the rest of a day from the visit page,
read the preview, apply it; tick events of a day and change them together."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.demo import load_demo

pytestmark = pytest.mark.browser


def open_demo_visit(page: Page, live_server: str, db, make_user) -> str:
    visit = load_demo(db.session)
    db.session.commit()
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    url = f"{live_server}/visits/{visit.id}"
    page.goto(url)
    return url


def test_shift_the_rest_of_the_day_by_20_minutes_with_a_preview(
    page: Page, live_server, db, make_user
):
    visit_url = open_demo_visit(page, live_server, db, make_user)
    ceremony = page.locator("tr.event", has_text="Церемония возложения цветов")
    ceremony.get_by_role("link", name="Сдвинуть это и последующие…").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Церемония возложения цветов")
    page.get_by_label("Минуты (отрицательное число — раньше)").fill("20")
    page.get_by_role("button", name="Посмотреть изменение").click()

    changes = page.locator("table.changes")
    expect(changes.locator("caption")).to_have_text("Изменятся 2 мероприятия")
    expect(changes.locator("tbody tr")).to_have_count(2)
    expect(changes.locator("tbody tr").first).to_contain_text("21.04 12:00–12:45")
    expect(changes.locator("tbody tr").first).to_contain_text("21.04 12:20–13:05")
    expect(changes.locator("tbody tr").nth(1)).to_contain_text("21.04 19:20–21:20")
    expect(page.locator("section.warning-diff")).to_be_visible()

    page.get_by_role("button", name="Применить изменение").click()

    expect(page).to_have_url(re.compile(re.escape(visit_url) + r"\?day=2025-04-21#day-2025-04-21$"))
    expect(page.get_by_role("status")).to_have_text("2 мероприятия сдвинуты на 20 мин позже.")
    rows = page.locator("tr.event")
    expect(rows.filter(has_text="Встреча с акимом").locator("td.time .local")).to_have_text(
        "10:00–11:30"
    )
    expect(rows.filter(has_text="Церемония").locator("td.time .local")).to_have_text("12:20–13:05")
    expect(rows.filter(has_text="Концертная").locator("td.time .local")).to_have_text("19:20–21:20")


def test_tick_two_events_and_cancel_them_together(page: Page, live_server, db, make_user):
    open_demo_visit(page, live_server, db, make_user)
    page.get_by_label("Выбрать: 12:00 Церемония возложения цветов").check()
    page.get_by_label(re.compile("Выбрать: 19:00 Концертная программа")).check()
    toolbar = page.locator("form.bulk-toolbar")
    toolbar.get_by_label("Действие").select_option("cancel")
    toolbar.get_by_role("button", name="Посмотреть…").click()

    expect(page.locator("table.changes tbody tr.cancelled")).to_have_count(2)
    page.get_by_role("button", name="Применить изменение").click()

    expect(page.get_by_role("status")).to_have_text("2 мероприятия отменены.")
    expect(page.locator("tr.event.cancelled")).to_have_count(2)
    expect(page.locator("tr.event", has_text="Встреча с акимом")).not_to_have_class(
        re.compile("cancelled")
    )


def test_the_skip_link_appears_on_focus_and_leads_to_the_content(
    page: Page, live_server, db, make_user
):
    open_demo_visit(page, live_server, db, make_user)
    skip = page.get_by_role("link", name="Перейти к содержанию")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()
    menu = page.locator("details.menu.share")
    expect(menu.get_by_role("link", name="Ссылки на календарь")).to_be_hidden()
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="Ссылки на календарь")).to_be_visible()
    expect(menu.locator("section.print-links")).to_be_visible()


def test_a_shift_of_the_rest_of_the_day_is_undone_in_one_click(
    page: Page, live_server, db, make_user
):
    visit_url = open_demo_visit(page, live_server, db, make_user)
    meeting = page.locator("tr.event", has_text="Встреча с акимом")
    meeting.get_by_role("link", name="Сдвинуть это и последующие…").click()
    page.get_by_label("Минуты (отрицательное число — раньше)").fill("20")
    page.get_by_role("button", name="Посмотреть изменение").click()
    page.get_by_role("button", name="Применить изменение").click()
    expect(page.get_by_role("status")).to_have_text("3 мероприятия сдвинуты на 20 мин позже.")

    page.goto(visit_url + "/history")
    shift = page.locator("table.history tbody tr").first
    expect(shift).to_contain_text("Встреча с акимом")
    expect(shift).to_contain_text("Концертная программа")
    shift.get_by_role("button", name="Отменить изменение").click()
    expect(page.locator(".flash.success")).to_contain_text("Изменение отменено.")

    page.goto(visit_url)
    rows = page.locator("tr.event")
    expect(rows.filter(has_text="Встреча с акимом").locator("td.time .local")).to_have_text(
        "10:00–11:30"
    )
    expect(rows.filter(has_text="Церемония").locator("td.time .local")).to_have_text("12:00–12:45")
    expect(rows.filter(has_text="Концертная").locator("td.time .local")).to_have_text("19:00–21:00")
