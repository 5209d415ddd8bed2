"""The conflicts of a visit are kept per process by the version of what they read: each
change they depend on gives new warnings on the next request, and pages and the API that
show them ask a fixed number of queries whatever the size of the visit."""

import re
from datetime import date, time, timedelta

import pytest

from visits.models import (
    DelegationMember,
    Direction,
    EventParticipant,
    LocalizedText,
    MemberRole,
    Movement,
    ParticipantRole,
    Person,
    Side,
    Stay,
    TravelMode,
    TravelTime,
    Venue,
)
from visits.scheduling.timezones import to_utc
from visits.visits.conflict_cache import conflict_cache

DAY = date(2025, 4, 21)


@pytest.fixture
def scene(db, make_visit):
    """A visit whose delegation has one member, a person."""
    visit = make_visit()
    head = Person(full_name=LocalizedText(ru="Глава"))
    visit.delegation.members.append(
        DelegationMember(person=head, role=MemberRole.HEAD, precedence=1)
    )
    db.session.commit()
    return visit, head


def take_part(db, event, person) -> None:
    event.participants.append(
        EventParticipant(person=person, role=ParticipantRole.GUEST, side=Side.GUEST)
    )
    db.session.commit()


def warnings(client, visit) -> set[str]:
    html = client.get(f"/visits/{visit.id}?day={DAY}").get_data(as_text=True)
    return set(re.findall(r'<li class="warning ([a-z_]+)">', html))


def cached_then(client, visit, found: set[str]) -> None:
    """The page shows `found`, and its conflicts are now cached."""
    assert warnings(client, visit) == found
    assert len(conflict_cache) == 1


def test_a_moved_event(staff_client, db, scene, make_event):
    visit, head = scene
    first = make_event(visit, DAY, time(10), time(11))
    second = make_event(visit, DAY, time(12), time(13))
    take_part(db, first, head)
    take_part(db, second, head)
    cached_then(staff_client, visit, set())
    second.starts_at -= timedelta(hours=1, minutes=30)
    db.session.commit()
    assert warnings(staff_client, visit) == {"person_overlap"}


def test_a_new_participant(staff_client, db, scene, make_event):
    visit, head = scene
    first = make_event(visit, DAY, time(10), time(11))
    second = make_event(visit, DAY, time(10, 30), time(12))
    take_part(db, first, head)
    cached_then(staff_client, visit, set())
    take_part(db, second, head)
    assert warnings(staff_client, visit) == {"person_overlap"}


def _arrive_and_leave(db, visit) -> None:
    for direction, moment in ((Direction.ARRIVAL, time(8)), (Direction.DEPARTURE, time(18))):
        day = DAY if direction is Direction.ARRIVAL else DAY + timedelta(days=1)
        visit.movements.append(
            Movement(
                direction=direction,
                mode=TravelMode.FLIGHT,
                at=to_utc(day, moment, visit.timezone),
            )
        )
    db.session.commit()


def test_a_booked_stay(staff_client, db, scene):
    visit, _ = scene
    _arrive_and_leave(db, visit)
    cached_then(staff_client, visit, {"no_stay"})
    hotel = Venue(name=LocalizedText(ru="Гостиница"))
    visit.stays.append(Stay(hotel=hotel, check_in=DAY, check_out=DAY + timedelta(days=1)))
    db.session.commit()
    assert warnings(staff_client, visit) == set()


def test_a_travel_time(staff_client, db, scene, make_event):
    visit, head = scene
    halls = [Venue(name=LocalizedText(ru=f"Зал {n}")) for n in (1, 2)]
    first = make_event(visit, DAY, time(10), time(11), venue=halls[0])
    second = make_event(visit, DAY, time(11, 10), time(12), venue=halls[1])
    take_part(db, first, head)
    take_part(db, second, head)
    cached_then(staff_client, visit, set())
    ids = sorted(h.id for h in halls)
    db.session.add(TravelTime(from_venue_id=ids[0], to_venue_id=ids[1], minutes=60))
    db.session.commit()
    assert warnings(staff_client, visit) == {"travel_too_short"}


def test_an_arrival(staff_client, db, scene, make_event):
    visit, head = scene
    take_part(db, make_event(visit, DAY, time(10), time(11)), head)
    cached_then(staff_client, visit, set())
    visit.movements.append(
        Movement(
            direction=Direction.ARRIVAL,
            mode=TravelMode.FLIGHT,
            at=to_utc(DAY, time(12), visit.timezone),
        )
    )
    db.session.commit()
    assert "before_arrival" in warnings(staff_client, visit)


def _overlaps(db, visit, make_event, head, count: int) -> None:
    """`count` events of the head, each overlapping the next: a warning per pair."""
    for n in range(count):
        start = time(7 + n // 2, 30 * (n % 2))
        end = time(8 + n // 2, 30 * (n % 2))
        take_part(db, make_event(visit, DAY, start, end), head)


@pytest.mark.parametrize("page", ["/visits/{id}?day=2025-04-21", "/visits/{id}/timeline"])
def test_pages_ask_a_fixed_number_of_queries(
    staff_client, db, scene, make_event, count_queries, page
):
    visit, head = scene
    url = page.format(id=visit.id)
    staff_client.get(url)  # the signed-in user's session

    def counted() -> tuple[int, int]:
        found = []
        for _ in range(2):  # computing the conflicts, then finding them cached
            db.session.expire_all()
            with count_queries() as queries:
                assert staff_client.get(url).status_code == 200
            found.append(len(queries))
        conflict_cache.clear()
        return found[0], found[1]

    _overlaps(db, visit, make_event, head, 2)
    few = counted()
    _overlaps(db, visit, make_event, head, 10)
    assert counted() == few
    assert few[1] < few[0]


def test_the_visit_page_shows_one_day_and_counts_the_others(staff_client, db, scene, make_event):
    visit, head = scene
    for day in (DAY, DAY + timedelta(days=1)):
        for hour in (10, 10):  # the head twice at once, each day
            take_part(db, make_event(visit, day, time(hour), time(hour + 1)), head)
    first = staff_client.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert first.count('<tr id="event-') == 2  # the first day's, by default
    assert first.count('<li class="warning person_overlap">') == 1
    assert f'href="/visits/{visit.id}?day=2025-04-22#programme">' in first  # the other day
    assert "Ещё 1 предупреждение в другие дни" in first  # the staff account reads Russian
    second = staff_client.get(f"/visits/{visit.id}?day=2025-04-22").get_data(as_text=True)
    assert second.count('<tr id="event-') == 2 and 'aria-current="page"' in second
    assert staff_client.get(f"/visits/{visit.id}?day=soon").status_code == 400
    assert staff_client.get(f"/visits/{visit.id}?day=2025-05-01").status_code == 404


def test_read_as_rows_or_from_loaded_records_the_conflicts_are_the_same(db, scene, make_event):
    from visits.visits.conflicts import read_conflicts, visit_conflicts
    from visits.visits.queries import visit_page

    visit, head = scene
    _arrive_and_leave(db, visit)  # no hotel booked
    halls = [Venue(name=LocalizedText(ru=f"Зал {n}"), capacity=1) for n in (1, 2)]
    for n, start in enumerate((time(7), time(7, 30), time(9))):  # before the arrival too
        take_part(db, make_event(visit, DAY, start, time(start.hour + 1), venue=halls[n % 2]), head)
    ids = sorted(h.id for h in halls)
    db.session.add(TravelTime(from_venue_id=ids[0], to_venue_id=ids[1], minutes=90))
    db.session.commit()
    rows, events = read_conflicts(db.session(), visit)
    db.session.expire_all()
    loaded = db.session.scalar(visit_page(visit.id))
    assert rows == visit_conflicts(db.session(), loaded)
    assert {k.code for k in rows} >= {
        "person_overlap",
        "before_arrival",
        "no_stay",
        "travel_too_short",
    }
    assert [e.id for e in events] == [e.id for e in loaded.events]
