"""Staff notify the delegation in a real browser: the head of the demo delegation asked for
calendar invitations; after the concert moves, the preview shows the one invitation he
will receive, and sending it queues it in the outbox."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.demo import demo_feed_tokens, load_demo
from visits.models import Event, MessageKind, OutboxMessage

pytestmark = pytest.mark.browser


def test_a_moved_concert_is_previewed_then_queued_for_the_head(
    page: Page, live_server, db, make_user
):
    visit = load_demo(db.session)
    demo_feed_tokens(db.session, visit)  # the head's link: invitations, his programme told
    db.session.commit()
    concert = db.session.scalar(select(Event).where(Event.uid.like("%concert%")))
    concert.starts_at += timedelta(hours=1)
    concert.ends_at += timedelta(hours=1)
    db.session.commit()
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    page.goto(f"{live_server}/visits/{visit.id}")

    page.get_by_text("Печать и рассылка").click()
    page.get_by_role("link", name="Оповестить делегацию").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Оповестить делегацию")
    expect(page.get_by_text("Писем к отправке: 1. Получателей: 1.")).to_be_visible()
    letter = page.locator("details.letter")
    expect(letter.locator("summary")).to_contain_text("Изменено: Концертная программа")
    expect(letter.locator("pre")).to_contain_text("Перенесено: Концертная программа")
    page.get_by_role("button", name="Отправить письма").click()

    expect(page).to_have_url(re.compile(rf"/visits/{visit.id}$"))
    expect(page.get_by_text("Писем поставлено в очередь на отправку: 1.")).to_be_visible()
    db.session.expire_all()
    (queued,) = db.session.scalars(select(OutboxMessage)).all()
    assert (queued.kind, queued.recipient) == (MessageKind.REQUEST, "head.altai-krai@example.org")
