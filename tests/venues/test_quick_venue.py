"""Creating a venue from a dialog of another form (POST /venues/quick)."""

from sqlalchemy import func, select

from visits.models import Venue


def count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Venue))


def test_a_venue_is_created_and_named_in_the_answer(staff_client, db):
    answer = staff_client.post(
        "/venues/quick",
        data={"name_ru": "Ертіс концерт", "address_ru": "ул. Горького, 59", "capacity": "600"},
    )
    assert answer.status_code == 201 and answer.json["name"] == "Ертіс концерт"
    venue = db.session.get(Venue, answer.json["id"])
    assert venue.capacity == 600 and venue.address.ru == "ул. Горького, 59"


def test_bad_input_is_refused_by_input_name_and_nothing_is_saved(staff_client, db):
    answer = staff_client.post("/venues/quick", data={"name_ru": "", "capacity": "0"})
    assert answer.status_code == 422
    assert set(answer.json["errors"]) == {"name_ru", "capacity"}
    assert count(db) == 0


def test_viewers_may_not_create_venues(viewer_client, db):
    assert viewer_client.post("/venues/quick", data={"name_ru": "Зал"}).status_code == 403
    assert count(db) == 0
