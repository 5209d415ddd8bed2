"""The day of the visit in a real browser: the akim's meeting overruns by twenty minutes;
staff stretch it on the timeline, shift everything after it in one action, and can undo
the shift from the history."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.demo import load_demo

pytestmark = pytest.mark.browser


def local_times(page: Page) -> dict[str, str]:
    rows = page.locator("tr.event")
    return {
        title: rows.filter(has_text=title).locator("td.time .local").inner_text()
        for title in ("Встреча с акимом", "Церемония", "Концертная")
    }


def test_the_meeting_overruns_and_the_rest_of_the_day_follows_it(
    page: Page, live_server, db, make_user
):
    visit = load_demo(db.session)
    db.session.commit()
    meeting = next(e for e in visit.events if e.kind.value == "meeting")
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    page.goto(f"{live_server}/visits/{visit.id}/timeline?day=2025-04-21&by=venue")

    block = page.locator(f'a.movable[data-event="{meeting.id}"]')
    block.focus()
    for _ in range(4):  # four steps of 5 minutes: the meeting ends at 11:50
        page.keyboard.press("Shift+ArrowRight")
    note = page.locator("#timeline-note")
    expect(note).to_contain_text("10:00–11:50")
    note.get_by_role("link", name="Сдвинуть и 2 следующих мероприятия на 20 мин позже…").click()

    expect(page.get_by_label("Минуты (отрицательное число — раньше)")).to_have_value("20")
    page.get_by_role("button", name="Посмотреть изменение").click()
    expect(page.locator("table.changes caption")).to_have_text("Изменятся 2 мероприятия")
    page.get_by_role("button", name="Применить изменение").click()
    expect(page.get_by_role("status")).to_have_text("2 мероприятия сдвинуты на 20 мин позже.")
    assert local_times(page) == {
        "Встреча с акимом": "10:00–11:50",
        "Церемония": "12:20–13:05",
        "Концертная": "19:20–21:20",
    }

    page.goto(f"{live_server}/visits/{visit.id}/history")
    page.locator("table.history tbody tr").first.get_by_role(
        "button", name="Отменить изменение"
    ).click()
    expect(page.locator(".flash.success")).to_contain_text("Изменение отменено.")
    page.goto(f"{live_server}/visits/{visit.id}")
    assert local_times(page) == {
        "Встреча с акимом": "10:00–11:50",  # the stretch was a change of its own
        "Церемония": "12:00–12:45",
        "Концертная": "19:00–21:00",
    }
