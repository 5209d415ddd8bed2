"""The event services on their own, and copying a day through its page."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from tests.events.conftest import apply_preview, text_of
from visits.events.bulk import COPY_DAY, BulkRefused, BulkRequest, run
from visits.events.services import (
    InvalidEvent,
    Participant,
    create_event,
    update_event,
)
from visits.models import (
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Side,
)
from visits.scheduling.timezones import to_local, to_utc

HOST = (ParticipantRole.HOST, Side.HOST)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def berlin(make_visit):
    """A visit across the switch to summer time: 29 March (UTC+1) and 30 March (UTC+2)."""
    return make_visit(
        timezone="Europe/Berlin", start_date=date(2025, 3, 29), end_date=date(2025, 3, 31)
    )


def test_participants_must_be_a_person_or_a_group_and_come_once(db, make_visit, cast):
    visit = make_visit()
    fields = {
        "kind": EventKind.MEETING,
        "title": LocalizedText(ru="Встреча"),
        "starts_at": to_utc(date(2025, 4, 21), time(10), visit.timezone),
        "ends_at": to_utc(date(2025, 4, 21), time(11), visit.timezone),
    }
    person, group = cast.people[0].id, cast.groups[0].id
    for participants, code in (
        ([Participant(person, group, *HOST)], "person_or_group"),
        ([Participant(None, None, *HOST)], "person_or_group"),
        (
            [Participant(person, None, *HOST), Participant(person, None, *HOST)],
            "duplicate_participant",
        ),
    ):
        with pytest.raises(InvalidEvent) as refused:
            create_event(db.session, visit, participants, **fields)
        assert [(p.field, p.code) for p in refused.value.problems] == [("participants", code)]
    db.session.rollback()
    assert count(db, Event) == 0


def test_update_refuses_to_touch_the_uid_or_the_sequence(db, make_visit, make_event):
    event = make_event(make_visit(), date(2025, 4, 21), time(10), time(11))
    for field in ("uid", "sequence", "visit_id"):
        with pytest.raises(ValueError, match=field):
            update_event(db.session, event, {field: 1})


def test_a_cancelled_event_outside_new_visit_dates_can_still_be_changed(db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 22), time(10), time(11))
    visit.end_date = date(2025, 4, 21)
    db.session.commit()
    update_event(db.session, event, {"status": EventStatus.CANCELLED})
    db.session.commit()
    assert event.sequence == 1
    with pytest.raises(InvalidEvent):
        update_event(db.session, event, {"starts_at": event.starts_at})


def test_copy_a_day_keeps_the_wall_clock_across_a_change_of_offset(
    staff_client, db, berlin, make_event, cast
):
    morning = make_event(berlin, date(2025, 3, 29), time(10), time(11, 30))
    morning.participants = [
        EventParticipant(person=cast.people[0], role=ParticipantRole.HOST, side=Side.HOST),
        EventParticipant(
            organization=cast.groups[1], role=ParticipantRole.PERFORMER, side=Side.GUEST, position=1
        ),
    ]
    late = make_event(
        berlin, date(2025, 3, 29), time(23, 30), time(23, 45), title=LocalizedText(ru="Ночь")
    )
    late.ends_at = to_utc(date(2025, 3, 30), time(0, 30), berlin.timezone)
    cancelled = make_event(
        berlin, date(2025, 3, 29), time(15), time(16), status=EventStatus.CANCELLED
    )
    other_day = make_event(berlin, date(2025, 3, 30), time(15), time(16))  # not copied
    db.session.commit()
    originals = [morning.id, late.id, cancelled.id, other_day.id]
    assert morning.starts_at == datetime(2025, 3, 29, 9, 0, tzinfo=UTC)  # UTC+1

    page = staff_client.get(f"/visits/{berlin.id}/copy-day?source=2025-03-29")
    assert page.status_code == 200
    assert '<option selected value="2025-03-29">' in page.get_data(as_text=True)
    data = {"source": "2025-03-29", "day": "2025-03-30"}
    preview = staff_client.post(f"/visits/{berlin.id}/copy-day", data=data)
    assert preview.status_code == 200 and "2 events change" in text_of(preview)
    assert count(db, Event) == 4  # nothing is copied until the preview is applied
    response = apply_preview(staff_client, preview)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/visits/{berlin.id}?day=2025-03-30#day-2025-03-30"
    )
    assert "2 events copied." in text_of(staff_client.get(response.headers["Location"]))

    db.session.expire_all()
    copies = db.session.scalars(
        select(Event).where(Event.id.not_in(originals)).order_by(Event.starts_at)
    ).all()
    assert len(copies) == 2
    first, night = copies
    # 10:00 in Berlin is 08:00 UTC on 30 March (UTC+2): still 10:00 on the wall.
    assert first.starts_at == datetime(2025, 3, 30, 8, 0, tzinfo=UTC)
    assert to_local(first.starts_at, "Europe/Berlin").time() == time(10)
    assert to_local(first.ends_at, "Europe/Berlin").time() == time(11, 30)
    assert to_local(night.ends_at, "Europe/Berlin").date() == date(2025, 3, 31)
    assert to_local(night.ends_at, "Europe/Berlin").time() == time(0, 30)
    original = db.session.get(Event, morning.id)
    assert first.uid != original.uid and first.sequence == 0
    assert first.title == original.title
    assert first.status is EventStatus.TENTATIVE  # a copy waits for confirmation
    assert [(p.person_id, p.organization_id, p.role, p.side) for p in first.participants] == [
        (p.person_id, p.organization_id, p.role, p.side) for p in original.participants
    ]


def test_copy_a_day_copies_all_or_nothing(db, berlin, make_event):
    make_event(berlin, date(2025, 3, 29), time(10), time(11))
    # 02:30 does not exist on 30 March in Berlin: the copy would end as it starts.
    make_event(berlin, date(2025, 3, 29), time(2, 30), time(3, 0))
    copy = BulkRequest(COPY_DAY, day=date(2025, 3, 30), source_day=date(2025, 3, 29))
    with pytest.raises(BulkRefused) as refused:
        run(db.session, berlin, copy)
    assert [p.code for p in refused.value.problems] == ["ends_before_start"]
    db.session.rollback()
    assert count(db, Event) == 2


def test_copy_a_day_onto_itself_is_refused_beside_the_field(staff_client, db, berlin, make_event):
    make_event(berlin, date(2025, 3, 29), time(10), time(11))
    data = {"source": "2025-03-29", "day": "2025-03-29"}
    response = staff_client.post(f"/visits/{berlin.id}/copy-day", data=data)
    assert response.status_code == 422
    assert "Choose a different day to copy to." in text_of(response)
    data = {"source": "2025-03-29", "day": "2025-04-30"}
    assert staff_client.post(f"/visits/{berlin.id}/copy-day", data=data).status_code == 422
    assert count(db, Event) == 1


def test_copy_a_day_that_fails_shows_why_and_saves_nothing(staff_client, db, berlin, make_event):
    make_event(berlin, date(2025, 3, 29), time(2, 30), time(3, 0))
    data = {"source": "2025-03-29", "day": "2025-03-30"}
    response = staff_client.post(f"/visits/{berlin.id}/copy-day", data=data)
    assert response.status_code == 422
    assert "The event must end after it starts." in text_of(response)
    assert count(db, Event) == 1


def test_copy_an_empty_day_says_so(staff_client, db, berlin):
    data = {"source": "2025-03-29", "day": "2025-03-30"}
    response = staff_client.post(f"/visits/{berlin.id}/copy-day", data=data, follow_redirects=True)
    assert "Nothing to copy" in text_of(response)
    assert count(db, Event) == 0
