"""The logistics page of a visit and the summary partial the visit page includes."""

import re
from datetime import date, time

import pytest
from flask import render_template_string
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tests.logistics.conftest import text_of
from visits.logistics.queries import logistics_options
from visits.logistics.transfers import transfer_rows
from visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    LocalizedText,
    MemberRole,
    Person,
    TravelMode,
    Visit,
)


def test_the_page_shows_local_time_with_the_home_time_beside(
    staff_client, visit, hotel, make_movement, make_stay
):
    make_movement(visit, date(2025, 4, 21), time(8, 40))
    make_movement(
        visit,
        date(2025, 4, 22),
        time(23, 30),
        direction=Direction.DEPARTURE,
        mode=TravelMode.TRAIN,
        number="Поезд 302",
        member=visit.delegation.members[1],
    )
    make_stay(visit, hotel, date(2025, 4, 21), date(2025, 4, 22))
    page = text_of(staff_client.get(f"/visits/{visit.id}/logistics"))
    assert "21 April 08:40 · Barnaul 10:40" in page
    assert "22 April 23:30 · Barnaul 01:30 (+1)" in page  # past midnight at home
    assert "arrival Whole delegation" in page
    assert "departure Переводчик" in page and "train Поезд 302" in page
    assert "Irtysh Hotel" in page and "21 April" in page and "22 April" in page
    assert page.index("08:40") < page.index("23:30")


def test_the_page_reads_in_russian(client, make_user, visit, make_movement):
    from tests.conftest import sign_in

    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")
    sign_in(client, make_user())
    make_movement(visit, date(2025, 4, 21), time(8, 40))
    page = text_of(client.get(f"/visits/{visit.id}/logistics"))
    assert "21 апреля 08:40 · Барнаул 10:40" in page


def test_no_home_time_when_the_clocks_agree(staff_client, db, visit, make_movement):
    visit.delegation.home_timezone = "Asia/Almaty"
    db.session.commit()
    make_movement(visit, date(2025, 4, 21), time(8, 40))
    page = text_of(staff_client.get(f"/visits/{visit.id}/logistics"))
    assert "21 April 08:40" in page and "Almaty 08:40" not in page


def test_a_booking_that_misses_the_arrival_is_pointed_out(
    staff_client, visit, hotel, make_movement, make_stay
):
    make_movement(visit, date(2025, 4, 21), time(8, 40))
    make_stay(visit, hotel, date(2025, 4, 22), date(2025, 4, 23))
    page = text_of(staff_client.get(f"/visits/{visit.id}/logistics"))
    assert "Whole delegation: arrives on 21 April, but the hotel check-in is on 22 April." in page


def test_viewers_see_no_edit_links(viewer_client, visit, hotel, make_movement, make_stay):
    movement = make_movement(visit, date(2025, 4, 21), time(8, 40))
    stay = make_stay(visit, hotel, date(2025, 4, 21), date(2025, 4, 22))
    response = viewer_client.get(f"/visits/{visit.id}/logistics")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "08:40" in html
    for link in ("/new", f"/movements/{movement.id}/edit", f"/stays/{stay.id}/delete"):
        assert link not in html


def test_an_unknown_visit_is_not_found(staff_client):
    assert staff_client.get("/visits/999/logistics").status_code == 404


def _grow(db, visit, hotel, make_movement, make_stay, n: int) -> None:
    for i in range(n):
        member = DelegationMember(
            person=Person(full_name=LocalizedText(ru=f"Артист {i}")),
            role=MemberRole.PERFORMER,
            precedence=10 + i,
        )
        visit.delegation.members.append(member)
        db.session.commit()
        make_movement(visit, date(2025, 4, 21), time(9, i), member=member, venue=hotel)
        make_stay(visit, hotel, date(2025, 4, 21), date(2025, 4, 22), member=member)


def test_the_page_loads_in_a_fixed_number_of_queries(
    staff_client, db, visit, hotel, make_movement, make_stay, count_queries
):
    _grow(db, visit, hotel, make_movement, make_stay, 1)
    url = f"/visits/{visit.id}/logistics"
    staff_client.get(url)  # warm up: the signed-in user's session
    db.session.expunge_all()
    with count_queries() as few:
        staff_client.get(url)
    visit = db.session.get(Visit, int(url.split("/")[2]))
    _grow(db, visit, hotel, make_movement, make_stay, 8)
    db.session.expunge_all()
    with count_queries() as many:
        page = text_of(staff_client.get(url))
    assert "Артист 7" in page
    assert len(many) == len(few), "\n\n".join(many)


@pytest.fixture
def summary_probe(app, db, count_queries) -> dict:
    """A page that renders the partial as the visit page will, counting its queries."""
    seen: dict[str, list[str]] = {}

    def probe(visit_id: int):
        query = (
            select(Visit)
            .where(Visit.id == visit_id)
            .options(
                selectinload(Visit.delegation).selectinload(Delegation.members),
                *logistics_options(),
            )
        )
        visit = db.session.scalar(query)
        with count_queries() as queries:
            html = render_template_string('{% include "logistics/_summary.html" %}', visit=visit)
        seen["queries"] = list(queries)
        return html

    app.add_url_rule("/probe-summary/<int:visit_id>", "probe_summary", probe)
    return seen


def test_the_summary_partial_runs_no_query_of_its_own(
    summary_probe, staff_client, db, visit, hotel, make_movement, make_stay
):
    _grow(db, visit, hotel, make_movement, make_stay, 3)
    url = f"/probe-summary/{visit.id}"
    staff_client.get(url)  # warm up: the signed-in user's session
    db.session.expunge_all()
    response = staff_client.get(url)
    assert summary_probe["queries"] == []
    page = text_of(response)
    assert "Arrivals and departures" in page and "Accommodation" in page
    assert "21 April 09:02 · Barnaul 11:02" in page and "Артист 2" in page
    html = response.get_data(as_text=True)
    assert "/logistics" in html and "/edit" in html  # edit links for editors


def test_the_summary_partial_shows_viewers_no_edit_links(
    summary_probe, viewer_client, db, visit, hotel, make_movement, make_stay
):
    _grow(db, visit, hotel, make_movement, make_stay, 1)
    html = viewer_client.get(f"/probe-summary/{visit.id}").get_data(as_text=True)
    assert "Артист 0" in html and "/logistics" in html
    assert "/edit" not in html and "/new" not in html


def test_the_transfer_row_partial_shows_the_span_and_the_flight(app, visit, make_movement):
    movement = make_movement(visit, date(2025, 4, 21), time(8, 40), show_as_transfer=True)
    (row,) = transfer_rows([movement], visit.timezone, "Asia/Barnaul")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = render_template_string(
            '{% include "logistics/_transfer_row.html" %}',
            row=row,
            visit=visit,
            home_zone="Asia/Barnaul",
        )
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "08:40–09:25 · Barnaul 10:40–11:25" in page
    assert "arrival Whole delegation flight S7 5271 · 08:40 · Аэропорт Усть-Каменогорска" in page
