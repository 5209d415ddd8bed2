import re
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.html_forms import form_fields
from visits.models import (
    Direction,
    FeedScope,
    FeedToken,
    LocalizedText,
    Movement,
    Stay,
    TravelMode,
    TravelTime,
    Venue,
)


def text_of(response) -> str:
    """The page's visible text with whitespace collapsed."""
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def form_data(**overrides) -> dict:
    return {
        "name_ru": "«Ертіс концерт»",
        "name_kk": "«Ертіс концерт»",
        "name_en": "",
        "city_ru": "Усть-Каменогорск",
        "city_kk": "Өскемен",
        "city_en": "Ust-Kamenogorsk",
        "address_ru": "ул. Кирова, 47",
        "address_kk": "",
        "address_en": "",
        "latitude": "49.9481",
        "longitude": "82.6282",
        "capacity": "800",
        "contact": "+7 7232 00-00-00",
        "notes": "",
    } | overrides


@pytest.fixture
def make_venue(db):
    def make(name: str = "«Ертіс концерт»", **fields) -> Venue:
        venue = Venue(name=LocalizedText(ru=name), **fields)
        db.session.add(venue)
        db.session.commit()
        return venue

    return make


def count(db, model=Venue) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# Creating


def test_a_new_venue_is_saved_and_its_page_opens(staff_client, db):
    assert staff_client.get("/venues/new").status_code == 200
    response = staff_client.post("/venues/new", data=form_data(latitude="49,9481"))
    venue = db.session.scalars(select(Venue)).one()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/venues/{venue.id}/edit")
    assert venue.name == LocalizedText("«Ертіс концерт»", "«Ертіс концерт»", None)
    assert venue.city == LocalizedText("Усть-Каменогорск", "Өскемен", "Ust-Kamenogorsk")
    assert (venue.latitude, venue.longitude) == (Decimal("49.9481"), Decimal("82.6282"))
    assert venue.capacity == 800
    page = staff_client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="49.9481"' in page


def test_a_venue_needs_no_coordinates_nor_capacity(staff_client, db):
    response = staff_client.post(
        "/venues/new", data=form_data(latitude="", longitude=" ", capacity="")
    )
    assert response.status_code == 302
    venue = db.session.scalars(select(Venue)).one()
    assert (venue.latitude, venue.longitude, venue.capacity) == (None, None, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name_ru": ""}, "This field is required."),
        ({"name_ru": "Я" * 301}, "Field cannot be longer than 300 characters."),
        ({"address_ru": "д" * 501}, "Field cannot be longer than 500 characters."),
        ({"contact": "x" * 301}, "Field cannot be longer than 300 characters."),
        ({"latitude": "91"}, "Enter degrees from -90 to 90."),
        ({"latitude": "-90.5"}, "Enter degrees from -90 to 90."),
        ({"longitude": "180.01"}, "Enter degrees from -180 to 180."),
        ({"latitude": "north"}, "Not a valid decimal value."),
        ({"latitude": "NaN"}, "Not a valid decimal value."),
        ({"longitude": "-Infinity"}, "Not a valid decimal value."),
        ({"longitude": ""}, "Give both coordinates, or neither."),
        ({"latitude": ""}, "Give both coordinates, or neither."),
        ({"capacity": "0"}, "Enter a number of seats from 1 upwards."),
        ({"capacity": "-5"}, "Enter a number of seats from 1 upwards."),
        ({"capacity": "99999999999"}, "Enter a number of seats from 1 upwards."),
        ({"capacity": "many"}, "Not a valid integer value."),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_kept(staff_client, db, changes, message):
    response = staff_client.post("/venues/new", data=form_data(**changes))
    assert response.status_code == 422
    page = text_of(response)
    assert message in page
    assert "Please correct the marked fields." in page
    assert 'value="Ust-Kamenogorsk"' in response.get_data(as_text=True)
    assert count(db) == 0


# Changing


def test_an_edit_is_saved(staff_client, db, make_venue):
    venue = make_venue()
    assert staff_client.get(f"/venues/{venue.id}/edit").status_code == 200
    response = staff_client.post(
        f"/venues/{venue.id}/edit", data=form_data(capacity="1200", version_id="1")
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert venue.capacity == 1200
    assert venue.version_id == 2


def test_the_second_of_two_concurrent_edits_is_refused_and_merged(staff_client, db, make_venue):
    venue = make_venue(capacity=800)
    url = f"/venues/{venue.id}/edit"
    for _ in range(2):
        page = staff_client.get(url).get_data(as_text=True)
        assert 'name="version_id" type="hidden" value="1"' in page
    assert staff_client.post(url, data=form_data(capacity="900", version_id="1")).status_code == 302
    refused = staff_client.post(url, data=form_data(capacity="1000", version_id="1"))

    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "A colleague saved this record after you opened it." in text_of(refused)
    assert "Yours 1000 Your colleague's 900" in text_of(refused)  # both, for the user to choose
    assert 'value="1000"' in html
    assert 'name="version_id" type="hidden" value="2"' in html
    db.session.expire_all()
    assert venue.capacity == 900


def test_an_unknown_venue_is_not_found(staff_client):
    assert staff_client.get("/venues/999/edit").status_code == 404
    assert staff_client.post("/venues/999/travel", data={}).status_code == 404


# Halls and shared spaces


def test_a_venue_is_a_hall_unless_the_shared_space_box_is_ticked(staff_client, db):
    form = staff_client.get("/venues/new").get_data(as_text=True)
    assert 'type="checkbox"' in form and "Shared space" in form
    assert "holds one event at a time" in form  # the hint says what the box means
    staff_client.post("/venues/new", data=form_data())
    staff_client.post("/venues/new", data=form_data(name_ru="Площадь Независимости", shared="y"))
    shared = {v.name.ru: v.shared for v in db.session.scalars(select(Venue))}
    assert shared == {"«Ертіс концерт»": False, "Площадь Независимости": True}
    listing = text_of(staff_client.get("/venues/"))
    assert "«Ертіс концерт» Ust-Kamenogorsk ул. Кирова, 47 800 hall" in listing
    assert "Площадь Независимости Ust-Kamenogorsk ул. Кирова, 47 800 shared space" in listing


def test_the_box_shows_what_is_saved_and_unticking_it_makes_a_hall_again(
    staff_client, db, make_venue
):
    venue = make_venue("Лобби гостиницы", shared=True)
    url = f"/venues/{venue.id}/edit"
    fields = form_fields(staff_client.get(url).get_data(as_text=True))
    assert fields["shared"] == "y"
    assert staff_client.post(url, data=fields | {"capacity": "40"}).status_code == 302
    db.session.expire_all()
    assert (venue.shared, venue.capacity) == (True, 40)
    del fields["shared"]  # a browser sends nothing for an unticked box
    fields["version_id"] = "2"
    assert staff_client.post(url, data=fields).status_code == 302
    db.session.expire_all()
    assert venue.shared is False


def test_a_viewer_reads_whether_a_venue_is_a_hall_or_a_shared_space(viewer_client, make_venue):
    hall, square = make_venue(), make_venue("Площадь", shared=True)
    assert "Kind A hall: one event at a time" in text_of(
        viewer_client.get(f"/venues/{hall.id}/edit")
    )
    assert "Kind A shared space: several events at once, up to its capacity" in text_of(
        viewer_client.get(f"/venues/{square.id}/edit")
    )


# Deleting


def test_deleting_asks_first_then_deletes_with_the_travel_times(
    staff_client, db, make_venue, make_visit
):
    venue, other = make_venue(), make_venue("Мемориал «Победа»")
    db.session.add(TravelTime(from_venue_id=venue.id, to_venue_id=other.id, minutes=12))
    db.session.add(FeedToken(scope=FeedScope.VENUE, visit=make_visit(), venue=venue))
    db.session.commit()
    url = f"/venues/{venue.id}/delete"

    page = text_of(staff_client.get(url))
    assert "Delete «Ертіс концерт»?" in page
    assert "Its travel time to another venue is deleted with it." in page
    assert "Its calendar link stops working." in page

    assert staff_client.post(url).status_code == 302
    assert count(db) == 1
    assert count(db, TravelTime) == 0
    assert count(db, FeedToken) == 0


def test_deleting_is_refused_while_an_event_takes_place_there(
    staff_client, db, make_venue, make_visit, make_event
):
    venue = make_venue()
    visit = make_visit(title=LocalizedText(ru="Визит делегации"))
    event = make_event(
        visit,
        date(2025, 4, 21),
        time(19, 0),
        time(21, 0),
        title=LocalizedText(ru="Концерт"),
        venue=venue,
    )
    url = f"/venues/{venue.id}/delete"

    confirm = staff_client.get(url)
    # The event's time reads in the visit's zone (Almaty), not in UTC (14:00).
    assert "Event «Концерт» (Визит делегации, Monday, April 21, 2025, 19:00)" in text_of(confirm)
    assert f'href="/visits/{visit.id}?day=2025-04-21#event-{event.id}"' in confirm.get_data(
        as_text=True
    )
    assert 'class="danger"' not in confirm.get_data(as_text=True)

    refused = staff_client.post(url)
    assert refused.status_code == 409
    assert "Event «Концерт»" in text_of(refused)
    assert count(db) == 1


def test_deleting_is_refused_while_the_delegation_stays_or_arrives_there(
    staff_client, db, make_venue, make_visit
):
    hotel = make_venue("Гостиница «Шығыс»")
    visit = make_visit(title=LocalizedText(ru="Визит"))
    db.session.add(
        Stay(visit=visit, hotel=hotel, check_in=date(2025, 4, 21), check_out=date(2025, 4, 22))
    )
    db.session.add(
        Movement(
            visit=visit,
            direction=Direction.ARRIVAL,
            mode=TravelMode.FLIGHT,
            venue=hotel,
            at=datetime(2025, 4, 21, 3, 30, tzinfo=UTC),
        )
    )
    db.session.commit()

    refused = staff_client.post(f"/venues/{hotel.id}/delete")
    assert refused.status_code == 409
    page = text_of(refused)
    assert "Accommodation of the visit «Визит», Apr 21 – 22, 2025" in page
    assert "Arrival of the visit «Визит», Monday, April 21, 2025, 08:30" in page
    assert f'href="/visits/{visit.id}/logistics"' in refused.get_data(as_text=True)
    assert count(db) == 1


# Travel times


def test_a_travel_time_is_saved_once_per_pair_and_shown_from_both_ends(
    staff_client, db, make_venue
):
    first, second = make_venue("Акимат"), make_venue("Мемориал «Победа»")
    page = staff_client.get(f"/venues/{second.id}/edit").get_data(as_text=True)
    assert f'<option value="{first.id}">Акимат</option>' in page
    assert f'<option value="{second.id}">' not in page  # not to itself

    response = staff_client.post(
        f"/venues/{second.id}/travel",
        data={"travel-to_venue_id": str(first.id), "travel-minutes": "12"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/venues/{second.id}/edit#travel")
    travel = db.session.scalars(select(TravelTime)).one()
    assert (travel.from_venue_id, travel.to_venue_id, travel.minutes) == (first.id, second.id, 12)

    # Saved again from the other end: the same pair is updated.
    staff_client.post(
        f"/venues/{first.id}/travel",
        data={"travel-to_venue_id": str(second.id), "travel-minutes": "15"},
    )
    db.session.expire_all()
    assert count(db, TravelTime) == 1
    assert db.session.scalars(select(TravelTime)).one().minutes == 15
    for venue, other in ((first, second), (second, first)):
        page = text_of(staff_client.get(f"/venues/{venue.id}/edit"))
        assert f"{other.name.ru} 15" in page


@pytest.mark.parametrize(
    ("to", "minutes", "message"),
    [
        ("self", "10", "A venue needs no travel time to itself."),
        ("other", "0", "Enter whole minutes from 1 to 1440."),
        ("other", "1441", "Enter whole minutes from 1 to 1440."),
        ("other", "", "Enter the minutes it takes."),
        ("other", "ten", "Not a valid integer value."),
        ("", "10", "Choose a venue from the list."),
        ("999", "10", "Choose a venue from the list."),
        ("x", "10", "Choose a venue from the list."),
    ],
)
def test_a_bad_travel_time_is_refused_with_a_message(
    staff_client, db, make_venue, to, minutes, message
):
    venue, other = make_venue(), make_venue("Акимат")
    target = {"self": str(venue.id), "other": str(other.id)}.get(to, to)
    response = staff_client.post(
        f"/venues/{venue.id}/travel",
        data={"travel-to_venue_id": target, "travel-minutes": minutes},
    )
    assert response.status_code == 422
    page = text_of(response)
    assert message in page
    assert "The travel time is not saved: see below." in page
    assert count(db, TravelTime) == 0


def test_a_travel_time_is_removed(staff_client, db, make_venue):
    first, second, third = make_venue("А"), make_venue("Б"), make_venue("В")
    travel = TravelTime(from_venue_id=first.id, to_venue_id=second.id, minutes=7)
    db.session.add(travel)
    db.session.commit()
    assert staff_client.post(f"/venues/{third.id}/travel/{travel.id}/delete").status_code == 404
    response = staff_client.post(f"/venues/{second.id}/travel/{travel.id}/delete")
    assert response.status_code == 302
    assert count(db, TravelTime) == 0
    assert staff_client.post(f"/venues/{second.id}/travel/{travel.id}/delete").status_code == 404


# Who may do it


def test_a_viewer_sees_travel_times_but_no_edit_links_and_may_not_write(
    viewer_client, db, make_venue
):
    venue, other = make_venue(), make_venue("Акимат")
    travel = TravelTime(from_venue_id=venue.id, to_venue_id=other.id, minutes=9)
    db.session.add(travel)
    db.session.commit()
    listing = viewer_client.get("/venues/").get_data(as_text=True)
    assert "/venues/new" not in listing
    record = viewer_client.get(f"/venues/{venue.id}/edit")
    assert "Акимат 9" in text_of(record)
    html = record.get_data(as_text=True)
    assert 'method="post" class="edit"' not in html
    assert "/delete" not in html
    assert "/travel" not in html
    assert viewer_client.get("/venues/new").status_code == 403
    assert viewer_client.post("/venues/new", data=form_data()).status_code == 403
    edit = viewer_client.post(f"/venues/{venue.id}/edit", data=form_data(version_id="1"))
    assert edit.status_code == 403
    assert viewer_client.post(f"/venues/{venue.id}/delete").status_code == 403
    saved = viewer_client.post(
        f"/venues/{venue.id}/travel",
        data={"travel-to_venue_id": str(other.id), "travel-minutes": "5"},
    )
    assert saved.status_code == 403
    removed = viewer_client.post(f"/venues/{venue.id}/travel/{travel.id}/delete")
    assert removed.status_code == 403
    assert count(db) == 2
    assert count(db, TravelTime) == 1


def test_a_post_without_the_csrf_token_is_refused(app, staff_client, db, make_venue):
    venue, other = make_venue(), make_venue("Акимат")
    app.config["WTF_CSRF_ENABLED"] = True
    assert staff_client.post("/venues/new", data=form_data()).status_code == 400
    travel = staff_client.post(
        f"/venues/{venue.id}/travel",
        data={"travel-to_venue_id": str(other.id), "travel-minutes": "5"},
    )
    assert travel.status_code == 400
    assert staff_client.post(f"/venues/{venue.id}/delete").status_code == 400
    assert count(db) == 2
    assert count(db, TravelTime) == 0


# The list


def test_the_search_finds_a_cyrillic_name_typed_in_lower_case(staff_client, db, make_venue):
    make_venue("«Ертіс концерт»")
    make_venue("Мемориальный комплекс «Победа»", city=LocalizedText(kk="Өскемен"))
    page = text_of(staff_client.get("/venues/", query_string={"q": "ертіс"}))
    assert "«Ертіс концерт»" in page
    assert "Победа" not in page
    page = text_of(staff_client.get("/venues/", query_string={"q": "мемориальный ӨСКЕМЕН"}))
    assert "Победа" in page
    assert "Ертіс" not in page


def test_the_list_is_paginated(staff_client, db):
    db.session.add_all(Venue(name=LocalizedText(ru=f"Зал {n:03}")) for n in range(51))
    db.session.commit()
    first = staff_client.get("/venues/").get_data(as_text=True)
    assert "Зал 049" in first and "Зал 050" not in first
    assert 'rel="next" href="/venues/?page=2"' in first
    second = text_of(staff_client.get("/venues/?page=2"))
    assert "Зал 050" in second and "Зал 049" not in second


def test_the_list_takes_as_many_queries_for_many_rows_as_for_few(staff_client, db, count_queries):
    def queries_for_the_list() -> int:
        staff_client.get("/venues/")
        with count_queries() as queries:
            assert staff_client.get("/venues/").status_code == 200
        return len(queries)

    db.session.add_all(Venue(name=LocalizedText(ru=f"Зал {n}")) for n in range(2))
    db.session.commit()
    few = queries_for_the_list()
    db.session.add_all(Venue(name=LocalizedText(ru=f"Сцена {n}")) for n in range(30))
    db.session.commit()
    assert queries_for_the_list() == few


def test_the_venue_page_takes_as_many_queries_for_many_travel_times_as_for_few(
    staff_client, db, make_venue, count_queries
):
    venue = make_venue()

    def add_travel_times(n: int) -> None:
        for i in range(n):
            other = make_venue(f"Площадка {n}-{i}")
            db.session.add(TravelTime(from_venue_id=venue.id, to_venue_id=other.id, minutes=i + 1))
        db.session.commit()

    def queries_for_the_page() -> int:
        staff_client.get(f"/venues/{venue.id}/edit")
        with count_queries() as queries:
            assert staff_client.get(f"/venues/{venue.id}/edit").status_code == 200
        return len(queries)

    add_travel_times(2)
    few = queries_for_the_page()
    add_travel_times(20)
    assert queries_for_the_page() == few


def test_nul_characters_are_refused_never_sent_to_the_database(staff_client, db):
    response = staff_client.post("/venues/new", data=form_data(address_kk="Кирова\x00 47"))
    assert response.status_code == 400
    assert db.session.scalars(select(Venue)).all() == []
