"""Importing in a real browser: a draft agenda spreadsheet into a visit (preview, then
confirm), and a personal API token shown once on the account page."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.models import Event

pytestmark = pytest.mark.browser

CSV = (
    "Дата;Начало;Окончание;Название;Вид;Место;Участники;Примечания\n"
    "21.04.2025;10:00;11:30;Встреча с акимом;Встреча;Акимат;Ерлан Аккенженов;\n"
    "21.04.2025;19:00;21:00;Концерт «Во все века»;Концерт;Драмтеатр;;\n"
)


def test_an_agenda_spreadsheet_is_previewed_then_imported(
    page: Page, live_server, db, make_user, make_visit, tmp_path
):
    visit = make_visit()
    agenda = tmp_path / "программа.csv"
    agenda.write_text(CSV, encoding="utf-8-sig")
    sign_in(page, live_server, make_user("editor").email, PASSWORD)

    page.goto(f"{live_server}/visits/{visit.id}")
    page.get_by_text("Печать и рассылка").click()  # the menu of print, share and import links
    page.locator(f'a[href="/visits/{visit.id}/import"]').click()
    page.locator('input[type="file"]').set_input_files(str(agenda))
    page.locator("form.edit button.primary[type=submit]").click()

    # The preview lists both rows, the venues to be created, and nothing is saved yet.
    expect(page.get_by_text("Встреча с акимом")).to_be_visible()
    expect(page.get_by_text("Концерт «Во все века»")).to_be_visible()
    assert db.session.query(Event).count() == 0

    page.locator("form.edit button.primary").click()
    expect(page).to_have_url(re.compile(rf"/visits/{visit.id}$"))
    expect(page.get_by_text("Встреча с акимом")).to_be_visible()
    db.session.expire_all()
    assert db.session.query(Event).count() == 2


def test_a_token_is_shown_once(page: Page, live_server, make_user):
    user = make_user("viewer")
    sign_in(page, live_server, user.email, PASSWORD)
    page.locator('a[href="/me/"]').click()
    page.locator("#name").fill("Календарь аппарата акима")
    page.locator("form button[type=submit]").last.click()
    secret = page.locator("code.secret").inner_text()
    assert secret.startswith("vst_")
    response = page.request.get(
        live_server + "/api/v1/visits/", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status == 200 and response.json()["total"] == 0
    page.goto(live_server + "/me/")
    expect(page.locator("code.secret")).to_have_count(0)
    expect(page.get_by_text("Календарь аппарата акима")).to_be_visible()
