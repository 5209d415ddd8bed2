"""The day timeline in a real browser: a block dragged to a new time and into another
venue's lane, the warning appearing and going away without a page load; the keys."""

import re
from datetime import date, time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.models import (
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
    Visit,
)
from visits.scheduling.timezones import to_local, to_utc

pytestmark = pytest.mark.browser

DAY = date(2025, 4, 21)
ZONE = "Asia/Almaty"


def plan(db) -> tuple[Visit, Event, Event]:
    """Снесарь meets the akim at the akimat 10:00–11:00 and lays flowers at the memorial
    12:00–12:30."""
    snesar = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    akimat = Venue(name=LocalizedText(ru="Акимат"))
    memorial = Venue(name=LocalizedText(ru="Мемориал «Победа»"))
    visit = Visit(title=LocalizedText(ru="Визит"), timezone=ZONE, start_date=DAY, end_date=DAY)

    def event(title: str, start: time, end: time, venue: Venue) -> Event:
        return Event(
            visit=visit,
            kind=EventKind.MEETING,
            title=LocalizedText(ru=title),
            starts_at=to_utc(DAY, start, ZONE),
            ends_at=to_utc(DAY, end, ZONE),
            venue=venue,
            status=EventStatus.CONFIRMED,
            visibility=Visibility.DELEGATION,
            participants=[
                EventParticipant(person=snesar, role=ParticipantRole.GUEST, side=Side.GUEST)
            ],
        )

    meeting = event("Встреча с акимом", time(10), time(11), akimat)
    ceremony = event("Возложение цветов", time(12), time(12, 30), memorial)
    db.session.add_all([meeting, ceremony])
    db.session.commit()
    return visit, meeting, ceremony


def placed(db, event_id: int) -> tuple[str, str, str]:
    db.session.expire_all()
    event = db.session.get(Event, event_id)
    starts, ends = to_local(event.starts_at, ZONE), to_local(event.ends_at, ZONE)
    return f"{starts:%H:%M}", f"{ends:%H:%M}", event.venue.name.ru


def drag(page: Page, event_id: int, minutes: int, lanes: int = 0) -> None:
    """Press on the block, move the pointer `minutes` along the day and `lanes` lanes down
    (up when negative), release."""
    svg = page.locator("#timeline-figure figure > svg")
    per_minute, lane_px = svg.evaluate(
        "s => [s.getScreenCTM().a * Number(s.dataset.scale),"
        " s.getScreenCTM().d * Number(s.dataset.laneHeight)]"
    )
    box = page.locator(f'a.movable[data-event="{event_id}"] rect.block').bounding_box()
    x, y = box["x"] + 6, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + minutes * per_minute / 2, y + lanes * lane_px / 2, steps=4)
    page.mouse.move(x + minutes * per_minute, y + lanes * lane_px, steps=4)
    page.mouse.up()


def test_dragging_a_block_in_time_and_into_another_venue_flags_then_clears_a_warning(
    page: Page, live_server, db, make_user
):
    visit, _, ceremony = plan(db)
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    page.goto(f"{live_server}/visits/{visit.id}/timeline?by=venue")
    expect(page.locator("#timeline-warnings section.warnings")).to_have_count(0)
    lanes = page.locator("#timeline-figure rect.lane")
    expect(lanes).to_have_count(2)  # Акимат, then the memorial
    page_loads = []
    page.on("load", lambda _: page_loads.append(1))

    # Onto the meeting's time: Снесарь would be in two places at once.
    drag(page, ceremony.id, -90)
    note = page.locator("#timeline-note")
    expect(note).to_contain_text("10:30–11:00")
    warning = page.locator("#timeline-warnings section.warnings li")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text("Виталий Снесарь")
    expect(page.locator(f'a.movable[data-event="{ceremony.id}"] rect.conflicting')).to_have_count(1)
    assert placed(db, ceremony.id) == ("10:30", "11:00", "Мемориал «Победа»")

    # Half an hour later, into the akimat's lane: right after the meeting, in its hall.
    drag(page, ceremony.id, 30, lanes=-1)
    expect(note).to_contain_text("Акимат")
    expect(page.locator("#timeline-warnings section.warnings")).to_have_count(0)
    expect(page.locator("#timeline-figure rect.conflicting")).to_have_count(0)
    assert placed(db, ceremony.id) == ("11:00", "11:30", "Акимат")
    # The memorial's lane, now empty, stays drawn so that the block can go back.
    expect(lanes).to_have_count(2)
    assert page_loads == []  # all of it without loading the page again

    # A click on an empty spot of the memorial's lane: a new event there, at that time.
    svg = page.locator("#timeline-figure figure > svg")
    x, y = svg.evaluate(
        """s => {
          const m = s.getScreenCTM(), d = s.dataset;
          const minute = (15 - Number(d.firstHour)) * 60 + 2;
          const x = Number(d.labelWidth) + minute * Number(d.scale);
          const y = Number(d.top) + 1.5 * Number(d.laneHeight);
          return [m.a * x + m.e, m.d * y + m.f];
        }"""
    )
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"/events/new\?"))
    expect(page.locator("#start_time")).to_have_value("15:00")
    expect(page.locator("#venue_id option:checked")).to_have_text("Мемориал «Победа»")


def test_the_keys_move_and_stretch_the_chosen_block_and_a_refusal_puts_it_back(
    page: Page, live_server, db, make_user
):
    visit, _, ceremony = plan(db)
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    page.goto(f"{live_server}/visits/{visit.id}/timeline")
    block = page.locator(f'a.movable[data-event="{ceremony.id}"]')
    block.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    note = page.locator("#timeline-note")
    expect(note).to_contain_text("12:10–12:45")
    expect(note).to_have_class("timeline-note done")
    assert placed(db, ceremony.id)[:2] == ("12:10", "12:45")
    # The redrawn block has the focus again, and Enter opens its form.
    expect(page.locator(f'a.movable[data-event="{ceremony.id}"]')).to_be_focused()

    # The end pulled before the start: refused where the block is, nothing changed.
    for _ in range(8):
        page.keyboard.press("Shift+ArrowLeft")
    expect(note).to_have_class("timeline-note refused")
    expect(note).to_contain_text("Мероприятие должно заканчиваться позже, чем начинается.")
    assert placed(db, ceremony.id)[:2] == ("12:10", "12:45")
    expect(page.locator(f'a.movable[data-event="{ceremony.id}"]')).to_have_attribute(
        "data-end", str(12 * 60 + 45 - 8 * 60)
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/events/{ceremony.id}/edit")
