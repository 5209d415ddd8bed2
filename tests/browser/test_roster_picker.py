"""The roster's picker in a real browser: a member found by typing part of the name (in
Russian, on the Russian page), chosen from the list and added."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.test_visit_page import sign_in
from tests.conftest import PASSWORD
from visits.models import Delegation, DelegationMember, LocalizedText, MemberRole, Person

pytestmark = pytest.mark.browser


def test_a_member_is_found_by_typing_and_added(page: Page, live_server, db, make_user):
    head = Person(full_name=LocalizedText(ru="Снесарь Виталий"))
    db.session.add_all(
        [
            Person(
                full_name=LocalizedText(ru="Иванова Анна", en="Anna Ivanova"),
                position=LocalizedText(ru="переводчик"),
            ),
            Person(
                full_name=LocalizedText(ru="Иванов Пётр"), position=LocalizedText(ru="советник")
            ),
            Delegation(
                name=LocalizedText(ru="Делегация Алтайского края"),
                home_timezone="Asia/Barnaul",
                members=[DelegationMember(person=head, role=MemberRole.HEAD, precedence=1)],
            ),
        ]
    )
    db.session.commit()
    delegation = db.session.scalars(select(Delegation)).one()
    sign_in(page, live_server, make_user("editor").email, PASSWORD)
    page.goto(f"{live_server}/delegations/{delegation.id}?lang=ru")

    person = page.get_by_role("combobox", name="Персона", exact=True)
    person.fill("Иванов")
    option = page.locator("ul[role=listbox]:visible").get_by_role(
        "option", name=re.compile("Иванова Анна")
    )
    expect(option).to_contain_text("переводчик")
    option.click()
    expect(person).to_have_value("Иванова Анна")
    page.get_by_role("button", name="Добавить в делегацию").click()
    expect(page.get_by_role("table").first).to_contain_text("Иванова Анна")
    db.session.expire_all()
    assert [m.display_name.ru for m in delegation.members] == ["Снесарь Виталий", "Иванова Анна"]
