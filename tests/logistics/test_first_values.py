"""New arrival, departure and stay forms start on the visit's own dates."""

from datetime import date

from tests.html_forms import form_fields


def test_an_arrival_starts_on_the_first_day_a_departure_on_the_last(staff_client, make_visit):
    visit = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 23))
    arrival = form_fields(staff_client.get(f"/visits/{visit.id}/movements/new").text)
    assert (arrival["direction"], arrival["day"]) == ("arrival", "2025-04-21")
    url = f"/visits/{visit.id}/movements/new?direction=departure"
    departure = form_fields(staff_client.get(url).text)
    assert (departure["direction"], departure["day"]) == ("departure", "2025-04-23")


def test_a_stay_covers_the_visits_nights(staff_client, make_visit):
    visit = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 23))
    stay = form_fields(staff_client.get(f"/visits/{visit.id}/stays/new").text)
    assert (stay["check_in"], stay["check_out"]) == ("2025-04-21", "2025-04-23")
    one_day = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 21))
    stay = form_fields(staff_client.get(f"/visits/{one_day.id}/stays/new").text)
    assert (stay["check_in"], stay["check_out"]) == ("2025-04-21", "2025-04-22")
