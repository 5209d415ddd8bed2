"""Participants in a real browser: find a person by typing any spelling of the name, arrange
rows without a reload, and create a venue from inside the event form."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.demo import load_demo
from visits.models import Event, LocalizedText, Person, Venue, Visit

pytestmark = pytest.mark.browser

DAY = "2025-04-21"


def open_new_event(page: Page, live_server, db, make_user) -> Visit:
    load_demo(db.session)
    db.session.commit()
    visit = db.session.scalars(select(Visit)).one()
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    page.goto(f"{live_server}/visits/{visit.id}/events/new?day={DAY}&lang=en")
    return visit


def test_a_person_is_found_by_typing_a_kazakh_or_an_english_spelling(
    page: Page, live_server, db, make_user
):
    db.session.add_all(
        [
            Person(
                full_name=LocalizedText(
                    ru="Ерлан Ахметов", kk="Ерлан Әхметов", en="Yerlan Akhmetov"
                ),
                position=LocalizedText(ru="Аким", en="Akim"),
            ),
            Person(
                full_name=LocalizedText(ru="Ерлан Ахметов", kk="Ерлан Әхметов"),
                position=LocalizedText(ru="Солист", en="Soloist"),
            ),
        ]
    )
    open_new_event(page, live_server, db, make_user)
    page.locator("#title_ru").fill("Встреча")

    first = page.get_by_role("combobox", name="Person 1")
    first.fill("Yerlan")
    results = page.locator("ul[role=listbox]:visible")
    option = results.get_by_role("option", name=re.compile("Yerlan Akhmetov"))
    expect(option).to_contain_text("Akim")  # the position tells namesakes apart
    first.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    first.press("Enter")
    expect(first).to_have_value(re.compile("Yerlan Akhmetov"))
    expect(page.locator("#participants-0-person_id")).not_to_have_value("")  # the id chosen
    expect(results).to_have_count(0)  # the list is closed

    second = page.get_by_role("combobox", name="Person 2")
    second.fill("Әхмет")  # the Kazakh spelling
    options = results.get_by_role("option")
    expect(options).to_have_count(2)
    soloist = options.filter(has_text="Soloist")
    soloist.click()

    # A row added without a reload, then moved up to the top: the order is kept on save.
    page.get_by_role("button", name="Add a row").click()
    expect(page.locator("table[data-rows] tbody tr")).to_have_count(6)
    page.locator("table[data-rows] tbody tr").nth(1).get_by_role(
        "button", name=re.compile("Move up")
    ).click()
    # (the soloist has no English name: the Russian one stands in)
    expect(page.get_by_role("combobox", name="Person 1")).to_have_value("Ерлан Ахметов")

    page.locator("form.edit button.primary[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/events/\d+/edit$"))
    event = db.session.scalars(select(Event).where(Event.title_ru == "Встреча")).one()
    positions = [p.person.position.en for p in event.participants]
    assert positions == ["Soloist", "Akim"]


def test_a_venue_created_inside_the_event_form_is_chosen_and_nothing_typed_is_lost(
    page: Page, live_server, db, make_user
):
    open_new_event(page, live_server, db, make_user)
    page.locator("#title_ru").fill("Мастер-класс")
    page.get_by_role("button", name="Add the whole delegation").click()
    expect(page.locator("#title_ru")).to_have_value("Мастер-класс")

    page.get_by_role("button", name="New venue…").click()
    dialog = page.get_by_role("dialog", name="New venue")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Capacity").fill("0")
    dialog.get_by_role("button", name="Create and choose").click()
    expect(dialog.locator("[data-error-for=name_ru]")).to_be_visible()  # said in the dialog
    expect(dialog.locator("[data-error-for=capacity]")).to_be_visible()

    dialog.get_by_label("Name (Russian)").fill("Малый зал")
    dialog.get_by_label("Capacity").fill("80")
    dialog.get_by_role("button", name="Create and choose").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#venue_id option:checked")).to_have_text("Малый зал")
    expect(page.locator("#title_ru")).to_have_value("Мастер-класс")
    expect(page.locator("#participants-0-person_name")).to_have_value("Vitaly Snesar")

    page.locator("form.edit button.primary[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/events/\d+/edit$"))
    event = db.session.scalars(select(Event).where(Event.title_ru == "Мастер-класс")).one()
    venue = db.session.scalars(select(Venue).where(Venue.name_ru == "Малый зал")).one()
    assert event.venue_id == venue.id and venue.capacity == 80
    assert len(event.participants) == 3
