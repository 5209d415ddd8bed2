"""Each form with a picker names its hidden id once: a second, empty copy (a form's
`hidden_tag()` renders hidden inputs) would be what the server reads, and a person chosen
from the picker's list would be lost."""

import re
from collections import Counter
from datetime import date, time

import pytest

from visits.models import Delegation, LocalizedText, Person

PICKED = {"person_id", "organization_id", "responsible_id", "host_organization_id"}


def _named_twice(page: str) -> dict[str, int]:
    names = Counter(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"', page))
    names.update(re.findall(r'<input[^>]*name="([^"]+)"[^>]*type="hidden"', page))
    return {name: n for name, n in names.items() if n > 1 and name.split("-")[-1] in PICKED}


def test_every_picker_form_names_its_hidden_id_once(staff_client, db, make_visit, make_event):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("page rendering is database-independent: tested on SQLite")
    visit = make_visit()
    person = Person(full_name=LocalizedText(ru="Иванов Пётр"))
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    db.session.add_all([person, delegation])
    db.session.commit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    for url in (
        f"/delegations/{delegation.id}",
        f"/people/{person.id}/edit",
        "/people/new",
        f"/visits/{visit.id}/edit",
        f"/visits/{visit.id}/events/new",
        f"/events/{event.id}/edit",
        f"/visits/{visit.id}/feeds/new",
    ):
        page = staff_client.get(url)
        assert page.status_code == 200, url
        assert _named_twice(page.text) == {}, url
