"""Planning in a real browser: create a visit, give one person two overlapping events, see
the warning, move one event, see the warning go."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.demo import load_demo
from visits.models import Event, LocalizedText, Person, Visit

pytestmark = pytest.mark.browser

DAY = "2025-04-21"


def add_event(page: Page, title: str, start: str, end: str) -> None:
    page.locator(f'a[href*="/events/new?day={DAY}"]').first.click()
    page.locator("#title_ru").fill(title)
    page.locator("#start_time").fill(start)
    page.locator("#end_time").fill(end)
    box = page.locator("#participants-0-person_name")
    box.fill("Снесарь")  # typed: the matches are offered
    page.locator("ul[role=listbox]:visible li[role=option]", has_text="Виталий Снесарь").click()
    expect(box).to_have_value("Виталий Снесарь")
    page.locator("form.edit button.primary[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/events/\d+/edit$"))


def test_a_double_booking_is_flagged_then_cleared_by_moving_an_event(
    page: Page, live_server, db, make_user
):
    db.session.add(Person(full_name=LocalizedText(ru="Виталий Снесарь")))
    db.session.commit()
    sign_in(page, live_server, make_user("editor").email, PASSWORD)

    page.goto(live_server + "/visits/new")
    page.locator("#title_ru").fill("Визит делегации Алтайского края")
    page.locator("#start_date").fill(DAY)
    page.locator("#end_date").fill(DAY)
    page.locator("#timezone").fill("Asia/Almaty")
    page.locator("form.edit button.primary[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/visits/\d+$"))
    visit_url = page.url

    add_event(page, "Встреча с акимом", "10:00", "11:30")
    page.goto(visit_url)
    expect(page.locator("section.warnings")).to_have_count(0)

    add_event(page, "Церемония возложения цветов", "11:00", "12:00")
    # The form of the event just saved warns at its top, naming the person and the minutes.
    warning = page.locator("section.warnings li").first
    expect(warning).to_contain_text("Виталий Снесарь")
    expect(warning).to_contain_text("30")

    page.goto(visit_url)
    expect(page.locator("section.warnings li")).to_have_count(1)
    expect(page.locator("tr.event.conflict")).to_have_count(2)

    ceremony = page.locator("tr.event", has_text="Церемония возложения цветов")
    ceremony.locator('a[href$="/move"]').click()
    page.locator("#start_time").fill("12:00")
    page.locator("form.edit button.primary[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/visits/\d+(\?day=[\d-]+)?(#.*)?$"))
    expect(page.locator("section.warnings")).to_have_count(0)
    expect(page.locator("tr.event.conflict")).to_have_count(0)
    expect(page.locator("tr.event", has_text="Церемония")).to_contain_text("12:00–13:00")


def test_the_whole_delegation_joins_an_event_in_one_move(page: Page, live_server, db, make_user):
    load_demo(db.session)
    db.session.commit()
    visit = db.session.scalars(select(Visit)).one()
    sign_in(page, live_server, make_user("editor").email, PASSWORD)

    page.goto(f"{live_server}/visits/{visit.id}/events/new?day={DAY}&lang=en")
    page.locator("#title_ru").fill("Обед")
    page.get_by_role("button", name="Add the whole delegation").click()
    head = page.locator("#participants-0-person_name")
    expect(head).to_have_value("Vitaly Snesar")  # the demo's head, in English
    expect(page.locator("#participants-1-role option:checked")).to_have_text("performer")
    expect(page.locator("#title_ru")).to_have_value("Обед")  # nothing typed is lost
    page.locator("form.edit button.primary[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/events/\d+/edit$"))
    event = db.session.scalars(select(Event).where(Event.title_ru == "Обед")).one()
    assert [p.person_id or p.organization_id for p in event.participants] == [
        member.person_id or member.organization_id for member in visit.delegation.members
    ]
