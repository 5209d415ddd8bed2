"""The merge of two staff's saves on the record forms beside the event's: people,
organizations, venues and visits. One colleague changes one field, the user another; the
user's refused save comes back merged, and confirming it keeps both."""

from datetime import date

import pytest

from tests.conftest import sign_in
from tests.events.conftest import text_of
from tests.html_forms import form_fields
from visits.models import LocalizedText, Organization, Person, Role, Venue, Visit

# kind of record → (its edit address, a record, colleague's change, user's change, check)
CASES = {
    "person": (
        "/people/{id}/edit",
        lambda: Person(full_name=LocalizedText(ru="Виталий Снесарь")),
        {"position_ru": "Заместитель председателя"},
        {"phone": "+7 385 200-00-00"},
        lambda p: (p.position.ru, p.phone) == ("Заместитель председателя", "+7 385 200-00-00"),
    ),
    "organization": (
        "/organizations/{id}/edit",
        lambda: Organization(name=LocalizedText(ru="Оркестр «Сибирь»")),
        {"name_kk": "«Сибирь» оркестрі"},
        {"name_en": "Siberia Orchestra"},
        lambda o: (o.name.kk, o.name.en) == ("«Сибирь» оркестрі", "Siberia Orchestra"),
    ),
    "venue": (
        "/venues/{id}/edit",
        lambda: Venue(name=LocalizedText(ru="Ертіс концерт")),
        {"capacity": "600"},
        {"notes": "Вход со двора"},
        lambda v: (v.capacity, v.notes) == (600, "Вход со двора"),
    ),
    "visit": (
        "/visits/{id}/edit",
        lambda: Visit(
            title=LocalizedText(ru="Визит"),
            timezone="Asia/Almaty",
            start_date=date(2025, 4, 21),
            end_date=date(2025, 4, 21),
        ),
        {"end_date": "2025-04-22"},
        {"title_ru": "Визит делегации Алтайского края"},
        lambda v: (
            (v.end_date, v.title.ru) == (date(2025, 4, 22), "Визит делегации Алтайского края")
        ),
    ),
}


@pytest.fixture
def colleague(app, make_user):
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    sign_in(other, make_user(Role.EDITOR, "colleague@example.org"))
    return other


@pytest.fixture
def user(staff_client):
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return staff_client


def opened(client, url: str) -> dict[str, str]:
    page = client.get(url)
    assert page.status_code == 200
    return form_fields(page.get_data(as_text=True))


@pytest.mark.parametrize("kind", CASES)
def test_the_colleagues_change_and_the_users_both_survive(user, colleague, db, kind):
    address, make, theirs_change, my_change, both_saved = CASES[kind]
    record = make()
    db.session.add(record)
    db.session.commit()
    url = address.format(id=record.id)
    mine, theirs = opened(user, url), opened(colleague, url)
    assert colleague.post(url, data=theirs | theirs_change).status_code == 302

    refused = user.post(url, data=mine | my_change)
    assert refused.status_code == 409
    text = text_of(refused)
    assert "Your colleague's changes are now in the form" in text
    assert "colleague@example.org" in text
    assert "Your changes are kept" in text and "Nothing conflicts" in text
    merged = form_fields(refused.get_data(as_text=True))
    assert merged.items() >= (theirs_change | my_change).items()

    assert user.post(url, data=merged).status_code in (302, 303)
    db.session.expire_all()
    assert both_saved(db.session.get(type(record), record.id))


# kind of record → a field both change: (name, colleague's value, user's value, read back)
BOTH = {
    "person": ("phone", "111", "222", lambda p: p.phone),
    "organization": ("name_ru", "Оркестр", "Оркестр «Сибирь» (Барнаул)", lambda o: o.name.ru),
    "venue": ("capacity", "600", "650", lambda v: str(v.capacity)),
    "visit": ("title_ru", "Визит в ВКО", "Визит делегации", lambda v: v.title.ru),
}


@pytest.mark.parametrize("kind", CASES)
def test_a_field_both_changed_waits_for_the_users_choice(user, colleague, db, kind):
    address, make, *_ = CASES[kind]
    name, theirs_value, mine_value, read = BOTH[kind]
    record = make()
    db.session.add(record)
    db.session.commit()
    url = address.format(id=record.id)
    mine, theirs = opened(user, url), opened(colleague, url)
    assert colleague.post(url, data=theirs | {name: theirs_value}).status_code == 302

    refused = user.post(url, data=mine | {name: mine_value})
    assert refused.status_code == 409
    text = text_of(refused)
    assert "You both changed the fields below." in text
    assert f"Yours {mine_value} Your colleague's {theirs_value}" in text
    merged = form_fields(refused.get_data(as_text=True))
    unchosen = user.post(url, data=merged)
    assert unchosen.status_code == 422
    assert "Choose yours or your colleague's value." in text_of(unchosen)
    assert user.post(url, data=merged | {f"keep-{name}": "mine"}).status_code in (302, 303)
    db.session.expire_all()
    assert read(db.session.get(type(record), record.id)) == mine_value
