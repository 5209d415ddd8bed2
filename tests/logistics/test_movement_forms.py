"""Arrivals and departures: the form, its refusals, the optimistic lock, deletion."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from tests.logistics.conftest import text_of
from visits.models import Direction, Movement, TravelMode

ARRIVAL = {
    "member_id": "",
    "direction": "arrival",
    "mode": "flight",
    "number": "S7 5271",
    "place_ru": "Аэропорт Усть-Каменогорска",
    "place_kk": "",
    "place_en": "Ust-Kamenogorsk Airport",
    "venue_id": "",
    "day": "2025-04-21",
    "time": "08:40",
    "show_as_transfer": "y",
    "notes": "Встречает заместитель акима",
}


def movements(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Movement))


def test_an_arrival_is_saved_in_utc_from_the_visits_local_time(staff_client, db, visit, hotel):
    data = ARRIVAL | {"member_id": str(visit.delegation.members[0].id), "venue_id": hotel.id}
    response = staff_client.post(f"/visits/{visit.id}/movements/new", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/visits/{visit.id}/logistics")
    movement = db.session.scalar(select(Movement))
    assert movement.at == datetime(2025, 4, 21, 3, 40, tzinfo=UTC)  # Almaty is UTC+5
    assert movement.member is visit.delegation.members[0]
    assert movement.direction is Direction.ARRIVAL and movement.mode is TravelMode.FLIGHT
    assert movement.place.en == "Ust-Kamenogorsk Airport" and movement.place.kk is None
    assert movement.venue is hotel and movement.show_as_transfer
    assert movement.notes == "Встречает заместитель акима"


def test_the_whole_delegation_may_travel_together(staff_client, db, visit):
    data = ARRIVAL | {"show_as_transfer": "", "number": ""}
    response = staff_client.post(f"/visits/{visit.id}/movements/new", data=data)
    assert response.status_code == 302
    movement = db.session.scalar(select(Movement))
    assert movement.member_id is None and movement.number is None
    assert not movement.show_as_transfer


@pytest.mark.parametrize("member", [None, 0])
def test_an_arrival_after_the_same_travellers_departure_is_refused(
    staff_client, db, visit, make_movement, member
):
    member_id = None if member is None else visit.delegation.members[member].id
    make_movement(
        visit, date(2025, 4, 22), time(18, 0), direction=Direction.DEPARTURE, member_id=member_id
    )
    data = ARRIVAL | {"day": "2025-04-22", "time": "19:00", "member_id": member_id or ""}
    response = staff_client.post(f"/visits/{visit.id}/movements/new", data=data)
    assert response.status_code == 422
    page = text_of(response)
    assert "Overlapping arrival/departure" in page
    assert "22 April 18:00" in page
    assert 'value="19:00"' in response.get_data(as_text=True)  # the input is kept
    assert movements(db) == 1


def test_a_departure_before_the_same_travellers_arrival_is_refused(
    staff_client, db, visit, make_movement
):
    make_movement(visit, date(2025, 4, 21), time(8, 40))
    data = ARRIVAL | {"direction": "departure", "time": "07:00"}
    response = staff_client.post(f"/visits/{visit.id}/movements/new", data=data)
    assert response.status_code == 422
    assert "Overlapping arrival/departure" in text_of(response)
    assert movements(db) == 1


def test_other_travellers_do_not_overlap(staff_client, db, visit, make_movement):
    make_movement(visit, date(2025, 4, 21), time(8, 40), direction=Direction.DEPARTURE)
    data = ARRIVAL | {"member_id": visit.delegation.members[1].id, "time": "12:00"}
    assert staff_client.post(f"/visits/{visit.id}/movements/new", data=data).status_code == 302
    assert movements(db) == 2


@pytest.mark.parametrize("day", ["2025-04-17", "2025-04-26", "0001-01-01", "9999-12-31"])
def test_a_date_far_from_the_visit_is_refused(staff_client, db, visit, day):
    response = staff_client.post(f"/visits/{visit.id}/movements/new", data=ARRIVAL | {"day": day})
    assert response.status_code == 422
    assert "more than 3 days away from the dates of the visit" in text_of(response)
    assert movements(db) == 0


@pytest.mark.parametrize("day", ["2025-04-18", "2025-04-25"])
def test_a_date_a_few_days_around_the_visit_is_accepted(staff_client, db, visit, day):
    response = staff_client.post(f"/visits/{visit.id}/movements/new", data=ARRIVAL | {"day": day})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number", "x" * 51, "Field cannot be longer than 50 characters."),
        ("place_ru", "x" * 201, "Field cannot be longer than 200 characters."),
        ("notes", "x" * 2001, "Field cannot be longer than 2000 characters."),
        ("time", "", "This field is required."),
        ("day", "21.04.2025", "Not a valid date value."),
        ("direction", "sideways", "Invalid Choice: could not coerce."),
        ("member_id", "999", "Not a valid choice."),
    ],
)
def test_bad_input_is_refused_beside_the_field(staff_client, db, visit, field, value, message):
    response = staff_client.post(f"/visits/{visit.id}/movements/new", data=ARRIVAL | {field: value})
    assert response.status_code == 422
    assert message in text_of(response)
    assert movements(db) == 0


def test_an_edit_is_saved_and_does_not_overlap_itself(staff_client, db, visit, make_movement):
    movement = make_movement(visit, date(2025, 4, 21), time(8, 40))
    url = f"/visits/{visit.id}/movements/{movement.id}/edit"
    html = staff_client.get(url).get_data(as_text=True)
    assert 'value="2025-04-21"' in html and 'value="08:40"' in html
    data = ARRIVAL | {"time": "09:15", "version_id": "1"}
    assert staff_client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert movement.at == datetime(2025, 4, 21, 4, 15, tzinfo=UTC)
    assert movement.version_id == 2


def test_a_save_racing_another_is_refused_and_asks_about_what_both_changed(
    staff_client, db, visit, make_movement
):
    movement = make_movement(visit, date(2025, 4, 21), time(8, 40))
    url = f"/visits/{visit.id}/movements/{movement.id}/edit"
    staff_client.get(url)
    first = staff_client.post(url, data=ARRIVAL | {"number": "KC 123", "version_id": "1"})
    assert first.status_code == 302
    second = staff_client.post(url, data=ARRIVAL | {"number": "DV 777", "version_id": "1"})
    assert second.status_code == 409
    page = text_of(second)
    assert "A colleague saved this record after you opened it" in page
    assert "Yours DV 777 Your colleague's KC 123" in page
    html = second.get_data(as_text=True)
    assert 'value="DV 777"' in html
    assert 'name="version_id" type="hidden" value="2"' in html
    db.session.expire_all()
    assert movement.number == "KC 123"


def test_delete_asks_then_deletes(staff_client, db, visit, make_movement):
    movement = make_movement(visit, date(2025, 4, 21), time(8, 40))
    url = f"/visits/{visit.id}/movements/{movement.id}/delete"
    page = text_of(staff_client.get(url))
    assert "Delete arrival · Whole delegation · 21 April 08:40?" in page
    assert staff_client.post(url).status_code == 302
    assert movements(db) == 0


def test_movements_of_another_visit_are_not_found(staff_client, visit, make_visit, make_movement):
    other = make_visit()
    movement = make_movement(other, date(2025, 4, 21), time(8, 40))
    for path in ("edit", "delete"):
        url = f"/visits/{visit.id}/movements/{movement.id}/{path}"
        assert staff_client.get(url).status_code == 404
    assert staff_client.get("/visits/999/movements/new").status_code == 404


def test_viewers_cannot_write(viewer_client, db, visit, make_movement):
    movement = make_movement(visit, date(2025, 4, 21), time(8, 40))
    base = f"/visits/{visit.id}/movements"
    assert viewer_client.post(f"{base}/new", data=ARRIVAL).status_code == 403
    edit = ARRIVAL | {"version_id": "1", "number": "X"}
    assert viewer_client.post(f"{base}/{movement.id}/edit", data=edit).status_code == 403
    assert viewer_client.post(f"{base}/{movement.id}/delete").status_code == 403
    db.session.expire_all()
    assert movements(db) == 1 and movement.number == "S7 5271"


def test_the_form_needs_its_csrf_token(app, staff_client, db, visit):
    app.config["WTF_CSRF_ENABLED"] = True
    response = staff_client.post(f"/visits/{visit.id}/movements/new", data=ARRIVAL)
    assert response.status_code == 400
    assert movements(db) == 0


def test_who_meets_an_arrival_and_its_cars_are_kept_for_the_working_programme(
    staff_client, db, visit
):
    data = ARRIVAL | {"met_by": "Нургалиев Е.", "vehicles": "Toyota Land Cruiser 123 ABC 16"}
    assert staff_client.post(f"/visits/{visit.id}/movements/new", data=data).status_code == 302
    movement = db.session.scalar(select(Movement))
    assert (movement.met_by, movement.vehicles) == (
        "Нургалиев Е.",
        "Toyota Land Cruiser 123 ABC 16",
    )
    working = staff_client.get(f"/visits/{visit.id}/program?variant=working&lang=ru").text
    assert "Встречает или провожает: Нургалиев Е." in working
    assert "Toyota Land Cruiser 123 ABC 16" in working
    guest = staff_client.get(f"/visits/{visit.id}/program?lang=ru").text
    assert "Нургалиев Е." not in guest and "Toyota" not in guest
