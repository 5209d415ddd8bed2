from datetime import date, time

from tests.visits.test_warnings import DAY, with_person
from visits.models import LocalizedText, Person, Venue


def test_the_timeline_draws_a_lane_per_person_and_marks_conflicts(
    staff_client, db, make_visit, make_event
):
    visit = make_visit()
    snesar = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    first = make_event(visit, DAY, time(10, 0), time(11, 30), title=LocalizedText(ru="Встреча"))
    second = make_event(visit, DAY, time(11, 0), time(12, 0), title=LocalizedText(ru="Церемония"))
    with_person(db, first, snesar)
    with_person(db, second, snesar)
    html = staff_client.get(f"/visits/{visit.id}/timeline?day=2025-04-21").get_data(as_text=True)
    assert "Виталий Снесарь" in html
    assert html.count('class="block kind-meeting conflicting"') == 2
    assert f"/events/{first.id}/edit" in html
    assert "10:00–11:30 Встреча" in html


def test_the_timeline_by_venue(staff_client, db, make_visit, make_event):
    visit = make_visit()
    make_event(visit, DAY, time(10, 0), time(11, 0), venue=Venue(name=LocalizedText(ru="Акимат")))
    html = staff_client.get(f"/visits/{visit.id}/timeline?by=venue").get_data(as_text=True)
    assert "Акимат" in html and "block kind-meeting" in html


def test_a_day_outside_the_visit_or_a_malformed_day_is_refused(staff_client, make_visit):
    visit = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 21))
    assert staff_client.get(f"/visits/{visit.id}/timeline?day=2025-04-25").status_code == 404
    assert staff_client.get(f"/visits/{visit.id}/timeline?day=21.04.2025").status_code == 400
    assert staff_client.get(f"/visits/{visit.id}/timeline?by=colour").status_code == 404
