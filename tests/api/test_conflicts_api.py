"""Conflicts as a resource: the visit page's warnings, for a visit and for one event."""

from datetime import date, time

import pytest

from visits.models import EventParticipant, LocalizedText, ParticipantRole, Person, Side, Venue
from visits.visits import warnings as words

from .conftest import assert_problem


def take_part(db, event, person):
    event.participants.append(
        EventParticipant(person=person, role=ParticipantRole.GUEST, side=Side.GUEST)
    )
    db.session.commit()


def test_two_overlapping_events_sharing_a_person(api, db, make_visit, make_event):
    visit = make_visit()
    akim = Person(full_name=LocalizedText(ru="Аким", en="Akim"))
    hall = Venue(name=LocalizedText(ru="Зал"))
    db.session.add_all([akim, hall])
    meeting = make_event(visit, date(2025, 4, 21), time(10), time(11), venue=hall)
    wreaths = make_event(visit, date(2025, 4, 21), time(10, 30), time(12), venue=hall)
    apart = make_event(visit, date(2025, 4, 22), time(10), time(11))
    take_part(db, meeting, akim)
    take_part(db, wreaths, akim)

    response = api.get(f"/api/v1/visits/{visit.id}/conflicts", headers={"Accept-Language": "en"})
    assert response.status_code == 200, response.get_json()
    warnings = {w["kind"]: w for w in response.get_json()}
    assert set(warnings) == {"person_overlap", "venue_overlap"}
    person = warnings["person_overlap"]
    assert person["event_ids"] == [meeting.id, wreaths.id]
    assert person["person_ids"] == [akim.id] and person["organization_ids"] == []
    assert person["minutes"] == 30
    assert "Akim" in person["message"] and "30" in person["message"]
    assert warnings["venue_overlap"]["venue_ids"] == [hall.id]

    of_event = api.get(f"/api/v1/events/{meeting.id}/conflicts").get_json()
    assert {w["kind"] for w in of_event} == {"person_overlap", "venue_overlap"}
    assert api.get(f"/api/v1/events/{apart.id}/conflicts").get_json() == []


def test_a_cancelled_event_conflicts_with_nothing(api, db, make_visit, make_event):
    from visits.models import EventStatus

    visit = make_visit()
    akim = Person(full_name=LocalizedText(ru="Аким"))
    db.session.add(akim)
    first = make_event(visit, date(2025, 4, 21), time(10), time(11))
    second = make_event(visit, date(2025, 4, 21), time(10), time(11))
    take_part(db, first, akim)
    take_part(db, second, akim)
    assert len(api.get(f"/api/v1/visits/{visit.id}/conflicts").get_json()) == 1
    second.status = EventStatus.CANCELLED
    db.session.commit()
    assert api.get(f"/api/v1/visits/{visit.id}/conflicts").get_json() == []


def test_unknown_records_404(viewer_api):
    assert_problem(viewer_api.get("/api/v1/visits/999/conflicts"), 404)
    assert_problem(viewer_api.get("/api/v1/events/999/conflicts"), 404)
    assert_problem(viewer_api.post("/api/v1/visits/999/conflicts"), 405)


def test_the_cost_is_linear_in_the_warnings(api, db, make_visit, make_event, count_queries):
    """The names warnings mention are read once per request, not once per warning: the
    queries and the name readings stay the same from 2 warnings to 12."""
    visit = make_visit()
    akim = Person(full_name=LocalizedText(ru="Аким"))
    made = []
    real = words.Names.__init__

    def counting(self, *args, **kwargs):
        made.append(1)
        real(self, *args, **kwargs)

    def measured(count: int) -> tuple[int, int, int]:
        for n in range(count):  # each event overlaps the next, with its own guest
            start, end = time(7 + n // 2, 30 * (n % 2)), time(8 + n // 2, 30 * (n % 2))
            event = make_event(visit, date(2025, 4, 21), start, end)
            take_part(db, event, akim)
            for guest in range(3):
                take_part(db, event, Person(full_name=LocalizedText(ru=f"Гость {n}.{guest}")))
        made.clear()
        db.session.expire_all()
        with count_queries() as queries:
            found = api.get(f"/api/v1/visits/{visit.id}/conflicts").get_json()
        return len(found), len(queries), len(made)

    api.get(f"/api/v1/visits/{visit.id}/conflicts")  # the token's first use is recorded
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words.Names, "__init__", counting)
        few = measured(2)
        many = measured(10)
    assert 1 <= few[0] < 5 < many[0]  # the akim in two places at once, ever more often
    assert few[1:] == many[1:] == (few[1], 1)
