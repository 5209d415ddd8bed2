"""Services of programme revisions: the snapshot, issuing, and the state a print shows."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from visits.demo import load_demo
from visits.models import (
    Direction,
    Event,
    EventParticipant,
    LocalizedText,
    Movement,
    ParticipantRole,
    Person,
    Side,
    TravelMode,
    Venue,
    Visit,
)
from visits.programme.revisions import (
    NothingToIssue,
    build_snapshot,
    issue_revision,
    latest_revision,
    revision_state,
)

DAY = date(2025, 4, 21)
NOW = datetime(2025, 4, 20, 9, 30, tzinfo=UTC)


def fresh(db, visit: Visit) -> Visit:
    db.session.expire_all()
    return db.session.get(Visit, visit.id)


def test_snapshot_of_the_demo_has_its_events_and_version(db):
    visit = load_demo(db.session)
    db.session.commit()
    snapshot = build_snapshot(db.session, visit)
    assert snapshot["feed_version"] == fresh(db, visit).feed_version
    events = db.session.scalars(select(Event).where(Event.visit_id == visit.id)).all()
    assert {row["key"] for row in snapshot["rows"]} == {event.uid for event in events}
    starts = [row["starts_at"] for row in snapshot["rows"]]
    assert starts == sorted(starts)
    meeting = snapshot["rows"][0]
    assert meeting["starts_at"] == "2025-04-21T05:00:00+00:00"
    assert meeting["venue"]["ru"] and meeting["participants"]
    assert {p["side"] for p in meeting["participants"]} == {"host", "guest"}


def test_snapshot_has_arrivals_and_departures(db, make_visit):
    visit = make_visit()
    db.session.add(
        Movement(
            visit=visit,
            direction=Direction.ARRIVAL,
            mode=TravelMode.FLIGHT,
            number="S7 123",
            place=LocalizedText(ru="Аэропорт Усть-Каменогорска"),
            at=datetime(2025, 4, 21, 2, 0, tzinfo=UTC),
        )
    )
    db.session.commit()
    [row] = build_snapshot(db.session, visit)["rows"]
    assert row["key"].startswith("movement-")
    assert row["kind"] == "arrival" and row["title"]["ru"] == "Делегация"
    assert row["venue"]["ru"] == "Аэропорт Усть-Каменогорска"
    assert row["transport"] == {"mode": "flight", "number": "S7 123"}


def _events(db, visit, make_event, count: int) -> None:
    hall = Venue(name=LocalizedText(ru="Зал"))
    for number in range(count):
        event = make_event(visit, DAY, time(8 + number % 12), time(9 + number % 12), venue=hall)
        db.session.add(
            EventParticipant(
                event=event,
                person=Person(full_name=LocalizedText(ru=f"Гость {number}")),
                role=ParticipantRole.GUEST,
                side=Side.GUEST,
            )
        )
    db.session.commit()


def test_snapshot_queries_are_fixed(db, make_visit, make_event, count_queries):
    counts = []
    for size in (1, 15):
        visit = make_visit()
        _events(db, visit, make_event, size)
        visit = fresh(db, visit)
        with count_queries() as queries:
            assert len(build_snapshot(db.session, visit)["rows"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_issue_numbers_and_refuses_when_nothing_changed(db, make_visit, make_event, make_user):
    user = make_user()
    visit = make_visit()
    make_event(visit, DAY, time(10), time(11))
    first = issue_revision(db.session, fresh(db, visit), user, "  ")
    db.session.commit()
    assert (first.number, first.comment, first.issued_by_id) == (1, None, user.id)
    with pytest.raises(NothingToIssue) as refused:
        issue_revision(db.session, fresh(db, visit), user, None)
    assert refused.value.number == 1
    db.session.rollback()
    make_event(visit, DAY, time(12), time(13))
    second = issue_revision(db.session, fresh(db, visit), None, "Обед")
    db.session.commit()
    assert second.number == 2 and len(second.snapshot["rows"]) == 2
    assert latest_revision(db.session, visit).number == 2


def test_state_in_one_query(db, make_visit, make_event, make_user, count_queries):
    visit = make_visit()
    state = revision_state(db.session, visit, now=NOW)
    assert (state.number, state.draft, state.stamp) == (None, True, "20.04.2025 14:30")
    issue_revision(db.session, fresh(db, visit), make_user(), None)
    db.session.commit()
    visit = fresh(db, visit)
    with count_queries() as queries:
        state = revision_state(db.session, visit, now=NOW)
    assert len(queries) == 1
    assert (state.number, state.draft, state.issued_by) == (1, False, "editor@example.org")
    event = make_event(visit, DAY, time(10), time(11))
    event.title = LocalizedText(ru="Другое")
    db.session.commit()
    state = revision_state(db.session, fresh(db, visit), now=NOW)
    assert (state.number, state.draft, state.stamp) == (1, True, "20.04.2025 14:30")


def test_a_hotel_stay_does_not_make_the_programme_a_draft(db, make_visit, make_user):
    """Stays are not printed in the programme: changing one changes no revision's rows."""
    from visits.models import Stay

    visit = make_visit()
    hotel = Venue(name=LocalizedText(ru="Гостиница «Шiнжiр»"))
    issue_revision(db.session, fresh(db, visit), make_user(), None)
    db.session.commit()
    db.session.add(Stay(visit=visit, hotel=hotel, check_in=DAY, check_out=date(2025, 4, 22)))
    db.session.commit()
    assert revision_state(db.session, fresh(db, visit), now=NOW).draft is False
    db.session.add(
        Movement(
            visit=visit,
            direction=Direction.ARRIVAL,
            mode=TravelMode.CAR,
            at=datetime(2025, 4, 21, 4, tzinfo=UTC),
        )
    )
    db.session.commit()
    assert revision_state(db.session, fresh(db, visit), now=NOW).draft is True
