"""Accommodation: the form, its refusals, the optimistic lock, deletion."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.logistics.conftest import text_of
from visits.models import Stay


def stay_form(hotel, **changes) -> dict:
    return {
        "member_id": "",
        "hotel_id": str(hotel.id),
        "check_in": "2025-04-20",
        "check_out": "2025-04-22",
        "notes": "",
    } | changes


def stays(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Stay))


def test_a_stay_is_saved(staff_client, db, visit, hotel):
    member = visit.delegation.members[1]
    data = stay_form(hotel, member_id=member.id, notes="Номер с видом на реку")
    response = staff_client.post(f"/visits/{visit.id}/stays/new", data=data)
    assert response.status_code == 302
    stay = db.session.scalar(select(Stay))
    assert (stay.check_in, stay.check_out, stay.nights) == (date(2025, 4, 20), date(2025, 4, 22), 2)
    assert stay.member is member and stay.hotel is hotel
    assert stay.notes == "Номер с видом на реку"


@pytest.mark.parametrize("check_out", ["2025-04-20", "2025-04-19"])
def test_a_check_out_not_after_the_check_in_is_refused(staff_client, db, visit, hotel, check_out):
    data = stay_form(hotel, check_out=check_out)
    response = staff_client.post(f"/visits/{visit.id}/stays/new", data=data)
    assert response.status_code == 422
    assert "Check-out must be after check-in." in text_of(response)
    assert f'value="{check_out}"' in response.get_data(as_text=True)
    assert stays(db) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hotel_id": ""}, "Choose the hotel."),
        ({"hotel_id": "999"}, "Not a valid choice."),
        ({"check_in": ""}, "This field is required."),
        ({"check_in": "2024-04-20"}, "more than 3 days away from the dates of the visit"),
        ({"notes": "x" * 2001}, "Field cannot be longer than 2000 characters."),
    ],
)
def test_bad_input_is_refused_beside_the_field(staff_client, db, visit, hotel, changes, message):
    response = staff_client.post(f"/visits/{visit.id}/stays/new", data=stay_form(hotel, **changes))
    assert response.status_code == 422
    assert message in text_of(response)
    assert stays(db) == 0


def test_an_edit_is_saved(staff_client, db, visit, hotel, make_stay):
    stay = make_stay(visit, hotel, date(2025, 4, 20), date(2025, 4, 22))
    url = f"/visits/{visit.id}/stays/{stay.id}/edit"
    assert 'value="2025-04-20"' in staff_client.get(url).get_data(as_text=True)
    data = stay_form(hotel, check_in="2025-04-21", version_id="1")
    assert staff_client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert stay.check_in == date(2025, 4, 21) and stay.nights == 1


def test_a_save_racing_another_is_refused(staff_client, db, visit, hotel, make_stay):
    stay = make_stay(visit, hotel, date(2025, 4, 20), date(2025, 4, 22))
    url = f"/visits/{visit.id}/stays/{stay.id}/edit"
    first = staff_client.post(url, data=stay_form(hotel, check_out="2025-04-23", version_id="1"))
    assert first.status_code == 302
    second = staff_client.post(url, data=stay_form(hotel, check_out="2025-04-24", version_id="1"))
    assert second.status_code == 409
    assert "Yours 2025-04-24 Your colleague's 2025-04-23" in text_of(second)
    assert 'value="2025-04-24"' in second.get_data(as_text=True)
    db.session.expire_all()
    assert stay.check_out == date(2025, 4, 23)


def test_delete_asks_then_deletes(staff_client, db, visit, hotel, make_stay):
    stay = make_stay(visit, hotel, date(2025, 4, 20), date(2025, 4, 22))
    url = f"/visits/{visit.id}/stays/{stay.id}/delete"
    assert "Delete Whole delegation · 20 April – 22 April?" in text_of(staff_client.get(url))
    assert staff_client.post(url).status_code == 302
    assert stays(db) == 0


def test_viewers_cannot_write(viewer_client, db, visit, hotel, make_stay):
    stay = make_stay(visit, hotel, date(2025, 4, 20), date(2025, 4, 22))
    base = f"/visits/{visit.id}/stays"
    assert viewer_client.post(f"{base}/new", data=stay_form(hotel)).status_code == 403
    assert viewer_client.post(f"{base}/{stay.id}/delete").status_code == 403
    assert stays(db) == 1


def test_the_form_needs_its_csrf_token(app, staff_client, db, visit, hotel):
    app.config["WTF_CSRF_ENABLED"] = True
    response = staff_client.post(f"/visits/{visit.id}/stays/new", data=stay_form(hotel))
    assert response.status_code == 400
    assert stays(db) == 0
