"""The merge of two staff's saves on the forms beside the records': the delegation's own
form, an arrival or departure, a hotel stay and an event's "Move…". One colleague changes
one field, the user another: the user's refused save comes back merged, and confirming it
keeps both; a field both changed waits for the user's choice."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from tests.conftest import sign_in
from tests.events.conftest import text_of
from tests.html_forms import form_fields
from visits.models import (
    Delegation,
    Direction,
    Event,
    LocalizedText,
    Movement,
    Role,
    Stay,
    TravelMode,
    Venue,
)
from visits.scheduling.timezones import to_utc


@dataclass(frozen=True)
class Case:
    """A form: `make(make_visit, make_event, db)` gives the record; `url` (and the
    colleague's, `their_url`, when they use another form) take `{id}` and `{visit}`."""

    make: Callable[..., Any]
    url: str
    theirs: dict[str, str]  # the colleague's change
    mine: dict[str, str]  # the user's, of another field
    both_saved: Callable[[Any], bool]
    their_url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _delegation(make_visit, make_event, db) -> Delegation:
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    db.session.add(delegation)
    db.session.commit()
    return delegation


def _movement(make_visit, make_event, db) -> Movement:
    visit = make_visit()
    movement = Movement(
        visit=visit,
        at=to_utc(date(2025, 4, 21), time(8, 40), visit.timezone),
        direction=Direction.ARRIVAL,
        mode=TravelMode.FLIGHT,
        number="S7 5271",
        place=LocalizedText(ru="Аэропорт Усть-Каменогорска"),
    )
    db.session.add(movement)
    db.session.commit()
    return movement


def _stay(make_visit, make_event, db) -> Stay:
    hotel = Venue(name=LocalizedText(ru="Гостиница «Иртыш»"))
    stay = Stay(
        visit=make_visit(), hotel=hotel, check_in=date(2025, 4, 20), check_out=date(2025, 4, 22)
    )
    db.session.add(stay)
    db.session.commit()
    return stay


def _event(make_visit, make_event, db) -> Event:
    return make_event(make_visit(), date(2025, 4, 21), time(10), time(11))


CASES = {
    "delegation": Case(
        _delegation,
        "/delegations/{id}/edit",
        {"home_timezone": "Asia/Omsk"},
        {"name_en": "Altai Krai delegation"},
        lambda d: (d.home_timezone, d.name.en) == ("Asia/Omsk", "Altai Krai delegation"),
    ),
    "movement": Case(
        _movement,
        "/visits/{visit}/movements/{id}/edit",
        {"number": "KC 123"},
        {"notes": "Встречает заместитель акима"},
        lambda m: (m.number, m.notes) == ("KC 123", "Встречает заместитель акима"),
    ),
    "stay": Case(
        _stay,
        "/visits/{visit}/stays/{id}/edit",
        {"check_out": "2025-04-23"},
        {"notes": "Номер с видом на реку"},
        lambda s: (s.check_out, s.notes) == (date(2025, 4, 23), "Номер с видом на реку"),
    ),
    "move": Case(
        _event,
        "/events/{id}/move",
        {"title_ru": "Встреча с акимом"},
        {"start_time": "15:00"},
        lambda e: (
            (e.title.ru, e.starts_at, e.ends_at)
            == (
                "Встреча с акимом",
                datetime(2025, 4, 21, 10, tzinfo=UTC),  # 15:00 in Almaty, an hour long
                datetime(2025, 4, 21, 11, tzinfo=UTC),
            )
        ),
        their_url="/events/{id}/edit",
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


@pytest.fixture
def make_record(make_visit, make_event, db):
    def make(kind: str) -> tuple[Any, str, str]:
        """The record of `kind`, the address of its form and the colleague's form."""
        case = CASES[kind]
        record = case.make(make_visit, make_event, db)
        ids = {"id": record.id, "visit": getattr(record, "visit_id", None)}
        return record, case.url.format(**ids), (case.their_url or case.url).format(**ids)

    return make


def opened(client, url: str) -> dict[str, str]:
    page = client.get(url)
    assert page.status_code == 200
    return form_fields(page.get_data(as_text=True))


def stored(db, record: Any) -> Any:
    db.session.expire_all()
    return db.session.get(type(record), record.id)


@pytest.mark.parametrize("kind", CASES)
def test_the_colleagues_change_and_the_users_both_survive(user, colleague, db, make_record, kind):
    case = CASES[kind]
    record, url, their_url = make_record(kind)
    mine, theirs = opened(user, url), opened(colleague, their_url)
    assert colleague.post(their_url, data=theirs | case.theirs).status_code == 302

    refused = user.post(url, data=mine | case.mine)
    assert refused.status_code == 409
    text = text_of(refused)
    assert "A colleague saved this record after you opened it." in text
    assert "Your changes are kept" in text and "Nothing conflicts" in text
    if their_url == url:  # the colleague's change is of a field of this form
        assert "Your colleague's changes are now in the form" in text
        assert "colleague@example.org" in text
    assert not case.both_saved(stored(db, record))  # nothing saved without the user's word
    merged = form_fields(refused.get_data(as_text=True))
    assert merged.items() >= case.mine.items()
    if their_url == url:
        assert merged.items() >= case.theirs.items()

    assert user.post(url, data=merged).status_code == 302
    assert case.both_saved(stored(db, record))


@dataclass(frozen=True)
class Both:
    """A unit both change: the colleague's posted change and the user's, the merge's key,
    how the two read on the page, the unit read back from the record (colleague's, user's),
    and one more field each changes, to be kept whichever side wins."""

    theirs: dict[str, str]
    mine: dict[str, str]
    key: str
    shown: tuple[str, str]
    read: Callable[[Any], Any]
    values: tuple[Any, Any]
    others: tuple[dict[str, str], dict[str, str]]
    kept: Callable[[Any], bool]


def _at(day: int, hour: int, minute: int) -> datetime:
    return to_utc(date(2025, 4, day), time(hour, minute), "Asia/Almaty")


BOTH = {
    "delegation": Both(
        {"name_ru": "Делегация Алтайского края"},
        {"name_ru": "Делегация Алтая"},
        "name_ru",
        ("Делегация Алтая", "Делегация Алтайского края"),
        lambda d: d.name.ru,
        ("Делегация Алтайского края", "Делегация Алтая"),
        ({"origin_region_ru": "Алтайский край"}, {"home_timezone": "Asia/Novosibirsk"}),
        lambda d: (d.origin_region.ru, d.home_timezone) == ("Алтайский край", "Asia/Novosibirsk"),
    ),
    # The day and the time are one unit: the colleague changed the time, the user the day,
    # and the arrival is at one moment or the other, never the user's day at their time.
    "movement": Both(
        {"time": "09:15"},
        {"day": "2025-04-22"},
        "when",
        ("22.04.2025 08:40", "21.04.2025 09:15"),
        lambda m: m.at,
        (_at(21, 9, 15), _at(22, 8, 40)),
        ({"number": "KC 123"}, {"notes": "Встречает заместитель акима"}),
        lambda m: (m.number, m.notes) == ("KC 123", "Встречает заместитель акима"),
    ),
    "stay": Both(
        {"check_out": "2025-04-23"},
        {"check_out": "2025-04-24"},
        "check_out",
        ("2025-04-24", "2025-04-23"),
        lambda s: s.check_out,
        (date(2025, 4, 23), date(2025, 4, 24)),
        ({"check_in": "2025-04-21"}, {"notes": "Номер с видом на реку"}),
        lambda s: (s.check_in, s.notes) == (date(2025, 4, 21), "Номер с видом на реку"),
    ),
    "move": Both(
        {"start_time": "12:00"},
        {"day": "2025-04-22"},
        "when",
        ("22.04.2025 10:00", "21.04.2025 12:00"),
        lambda e: e.starts_at,
        (_at(21, 12, 0), _at(22, 10, 0)),
        ({}, {}),
        lambda e: e.ends_at - e.starts_at == (_at(21, 11, 0) - _at(21, 10, 0)),
    ),
}


@pytest.mark.parametrize("side", ["theirs", "mine"])
@pytest.mark.parametrize("kind", CASES)
def test_a_field_both_changed_waits_for_the_users_choice(
    user, colleague, db, make_record, kind, side
):
    both = BOTH[kind]
    record, url, _ = make_record(kind)
    mine, theirs = opened(user, url), opened(colleague, url)
    their_others, my_others = both.others
    assert colleague.post(url, data=theirs | both.theirs | their_others).status_code == 302

    refused = user.post(url, data=mine | both.mine | my_others)
    assert refused.status_code == 409
    text = text_of(refused)
    assert "You both changed the fields below." in text
    my_shown, their_shown = both.shown
    assert f"Yours {my_shown} Your colleague's {their_shown}" in text
    merged = form_fields(refused.get_data(as_text=True))
    assert f"keep-{both.key}" not in merged  # no side is chosen for the user

    unchosen = user.post(url, data=merged)
    assert unchosen.status_code == 422
    assert "Choose yours or your colleague's value." in text_of(unchosen)
    assert both.read(stored(db, record)) == both.values[0]  # still the colleague's

    chosen = user.post(url, data=merged | {f"keep-{both.key}": side})
    assert chosen.status_code == 302
    saved = stored(db, record)
    assert both.read(saved) == both.values[0 if side == "theirs" else 1]
    assert both.kept(saved)


@pytest.mark.parametrize("kind", CASES)
def test_the_stale_form_posted_again_is_refused_again(user, colleague, db, make_record, kind):
    both = BOTH[kind]
    record, url, _ = make_record(kind)
    mine, theirs = opened(user, url), opened(colleague, url)
    assert colleague.post(url, data=theirs | both.theirs).status_code == 302
    for _ in range(2):  # resubmitting the stale page never overwrites the colleague
        assert user.post(url, data=mine | both.mine).status_code == 409
    assert both.read(stored(db, record)) == both.values[0]
