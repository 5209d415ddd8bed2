"""The bulk pages: «shift this and later events», the day toolbar of the visit page, and
their preview, applied all or nothing."""

from datetime import date, time

import pytest

from tests.events.conftest import apply_preview, preview_form, text_of
from visits.models import Event, EventParticipant, EventStatus, LocalizedText, ParticipantRole, Side
from visits.scheduling.timezones import to_local

MONDAY = date(2025, 4, 21)


@pytest.fixture
def visit(db, make_visit, make_event, cast):
    """The akim's meeting 10:00–11:00 and the wreath-laying 11:30–12:00 with the same
    person, and the concert 19:00–21:00, on 21 April."""
    visit = make_visit()
    for start, end, title in ((10, 11, "Встреча с акимом"), (11.5, 12, "Возложение")):
        event = make_event(
            visit, MONDAY, _t(start), _t(end), title=LocalizedText(ru=title, en=title)
        )
        event.participants = [
            EventParticipant(person=cast.people[0], role=ParticipantRole.HOST, side=Side.HOST)
        ]
    make_event(visit, MONDAY, time(19), time(21), title=LocalizedText(ru="Концерт", en="Concert"))
    db.session.commit()
    return visit


def _t(hours: float) -> time:
    return time(int(hours), int(hours % 1 * 60))


def events(db, visit) -> list[Event]:
    db.session.expire_all()
    return sorted(db.session.get(type(visit), visit.id).events, key=lambda e: e.id)


def starts(db, visit) -> list[str]:
    return [to_local(e.starts_at, visit.timezone).strftime("%H:%M") for e in events(db, visit)]


def test_shift_the_rest_of_the_day_previews_then_applies(staff_client, db, visit):
    _akim, wreath, _concert = events(db, visit)
    url = f"/events/{wreath.id}/shift-later"
    asked = staff_client.get(url)
    assert asked.status_code == 200 and 'name="minutes"' in asked.get_data(as_text=True)

    preview = staff_client.post(url, data={"minutes": "-40"})
    text = text_of(preview)
    assert preview.status_code == 200 and "2 events change" in text
    assert "21.04 11:30–12:00" in text and "21.04 10:50–11:20" in text
    assert "21.04 18:20–20:20" in text
    assert "1 warning appears" in text and "Аким is in two places at once" in text
    assert starts(db, visit) == ["10:00", "11:30", "19:00"]  # nothing saved yet

    done = apply_preview(staff_client, preview)
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"/visits/{visit.id}?day=2025-04-21#day-2025-04-21")
    assert starts(db, visit) == ["10:00", "10:50", "18:20"]
    page = text_of(staff_client.get(done.headers["Location"]))
    assert "2 events shifted 40 min earlier." in page and "is in two places at once" in page


def test_shift_without_minutes_is_refused_beside_the_field(staff_client, db, visit):
    wreath = events(db, visit)[1]
    response = staff_client.post(f"/events/{wreath.id}/shift-later", data={"minutes": ""})
    assert response.status_code == 422
    assert "Enter by how many minutes to shift" in text_of(response)


def test_a_shift_out_of_the_visit_names_the_event_and_saves_nothing(staff_client, db, visit):
    wreath = events(db, visit)[1]
    response = staff_client.post(f"/events/{wreath.id}/shift-later", data={"minutes": "2880"})
    assert response.status_code == 422
    text = text_of(response)
    assert "Nothing was changed." in text
    assert "«Concert» (21.04 19:00): The event falls outside the dates of the visit." in text
    assert "«Возложение» (21.04 11:30): The event falls" in text
    assert starts(db, visit) == ["10:00", "11:30", "19:00"]


def test_the_visit_page_ticks_events_into_the_day_form(staff_client, db, visit):
    akim = events(db, visit)[0]
    html = staff_client.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert f'name="event" value="{akim.id}" form="bulk-2025-04-21"' in html
    assert 'id="bulk-2025-04-21"' in html
    assert f'id="pick-{akim.id}" aria-label="Select 10:00 Встреча с акимом"' in html
    shift = f'href="/events/{akim.id}/shift-later" aria-label="Shift this and later…: 10:00'
    assert shift in html


def test_cancel_a_selection_from_the_day_toolbar(staff_client, db, visit):
    akim, _wreath, concert = events(db, visit)
    data = {"action": "cancel", "event": [str(akim.id), str(concert.id)], "minutes": "", "day": ""}
    preview = staff_client.post(f"/visits/{visit.id}/events/bulk", data=data)
    assert preview.status_code == 200, text_of(preview)
    assert preview_form(preview)["event"] == [str(akim.id), str(concert.id)]
    assert "No warning appears or disappears." in text_of(preview)
    done = apply_preview(staff_client, preview)
    assert done.status_code == 302
    assert [e.status for e in events(db, visit)] == [
        EventStatus.CANCELLED, EventStatus.CONFIRMED, EventStatus.CANCELLED
    ]  # fmt: skip
    assert "2 events cancelled." in text_of(staff_client.get(done.headers["Location"]))


def test_move_a_selection_to_another_day(staff_client, db, visit):
    concert = events(db, visit)[2]
    data = {"action": "move", "event": [str(concert.id)], "day": "2025-04-22"}
    preview = staff_client.post(f"/visits/{visit.id}/events/bulk", data=data)
    done = apply_preview(staff_client, preview)
    assert done.headers["Location"].endswith("#day-2025-04-22")
    moved = events(db, visit)[2]
    assert to_local(moved.starts_at, visit.timezone).date() == date(2025, 4, 22)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "shift", "minutes": "15"}, "Tick the events to change first."),
        ({"action": "move", "event": "EVENT", "day": ""}, "Choose the day."),
        ({"action": "shift", "event": "EVENT", "minutes": "x"}, "Not a valid integer value."),
    ],
)
def test_a_request_that_cannot_be_made_asks_again(staff_client, db, visit, data, message):
    akim = events(db, visit)[0]
    data = {key: str(akim.id) if value == "EVENT" else value for key, value in data.items()}
    response = staff_client.post(f"/visits/{visit.id}/events/bulk", data=data)
    assert response.status_code == 422
    assert message in text_of(response)


def test_a_selection_changed_after_the_preview_is_shown_again(staff_client, db, visit):
    akim, _wreath, concert = events(db, visit)
    data = {"action": "shift", "event": [str(akim.id), str(concert.id)], "minutes": "10"}
    preview = staff_client.post(f"/visits/{visit.id}/events/bulk", data=data)
    concert.title = LocalizedText(ru="Концерт «Во все века»")  # a colleague saves meanwhile
    db.session.commit()
    stale = apply_preview(staff_client, preview)
    assert stale.status_code == 409
    assert "Someone changed these events after the preview was shown." in text_of(stale)
    assert starts(db, visit) == ["10:00", "11:30", "19:00"]
    assert apply_preview(staff_client, stale).status_code == 302  # the fresh preview applies
    assert starts(db, visit) == ["10:10", "11:30", "19:10"]


def test_delete_and_copy_from_the_toolbar(staff_client, db, visit):
    akim, wreath, concert = events(db, visit)
    data = {"action": "copy", "event": [str(concert.id)], "day": "2025-04-22"}
    preview = staff_client.post(f"/visits/{visit.id}/events/bulk", data=data)
    assert "a new copy, tentative: 22.04 19:00–21:00" in text_of(preview)
    apply_preview(staff_client, preview)
    assert len(events(db, visit)) == 4
    data = {"action": "delete", "event": [str(akim.id), str(wreath.id)]}
    preview = staff_client.post(f"/visits/{visit.id}/events/bulk", data=data)
    assert text_of(preview).count("deleted") >= 2
    apply_preview(staff_client, preview)
    assert [e.title.ru for e in events(db, visit)] == ["Концерт", "Концерт"]


def test_viewers_may_not_change_several_events(viewer_client, db, visit):
    akim = events(db, visit)[0]
    assert viewer_client.get(f"/events/{akim.id}/shift-later").status_code == 403
    data = {"action": "cancel", "event": [str(akim.id)]}
    assert viewer_client.post(f"/visits/{visit.id}/events/bulk", data=data).status_code == 403
    html = viewer_client.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert 'name="event"' not in html and "bulk-2025-04-21" not in html
