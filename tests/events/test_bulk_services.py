"""Changes to several events at once: each all or nothing, in one commit, and previewed
with the warnings they bring and remove."""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func, select

from visits.events import bulk_flow
from visits.events.bulk import (
    CANCEL,
    COPY,
    COPY_DAY,
    DELETE,
    MOVE,
    SHIFT,
    SHIFT_LATER,
    BulkRefused,
    BulkRequest,
    StaleSelection,
    format_versions,
    parse_versions,
    run,
)
from visits.models import (
    Event,
    EventParticipant,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Side,
)
from visits.scheduling import conflicts as c
from visits.scheduling.timezones import to_local

MONDAY, TUESDAY = date(2025, 4, 21), date(2025, 4, 22)


@dataclass
class Day:
    akim: Event  # 10:00–11:00
    wreath: Event  # 11:30–12:00
    lunch: Event  # 15:00–16:00, cancelled
    concert: Event  # 19:00–21:00
    tuesday: Event  # 10:00–11:00 the next day


@pytest.fixture
def day(db, make_visit, make_event, cast) -> Day:
    visit = make_visit()

    def make(when, start, end, title, **fields):
        return make_event(visit, when, start, end, title=LocalizedText(ru=title), **fields)

    akim = make(MONDAY, time(10), time(11), "Встреча с акимом", venue=cast.venues[0])
    akim.participants = [
        EventParticipant(person=cast.people[0], role=ParticipantRole.HOST, side=Side.HOST)
    ]
    wreath = make(MONDAY, time(11, 30), time(12), "Возложение")
    wreath.participants = [
        EventParticipant(person=cast.people[0], role=ParticipantRole.GUEST, side=Side.GUEST)
    ]
    lunch = make(MONDAY, time(15), time(16), "Обед", status=EventStatus.CANCELLED)
    concert = make(MONDAY, time(19), time(21), "Концерт", venue=cast.venues[1])
    tuesday = make(TUESDAY, time(10), time(11), "Экскурсия")
    db.session.commit()
    return Day(akim, wreath, lunch, concert, tuesday)


def local(moment) -> str:
    return to_local(moment, "Asia/Almaty").strftime("%d %H:%M")


def count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Event))


def fresh(db, *events: Event) -> list[Event]:
    db.session.expire_all()
    return [db.session.get(Event, e.id) for e in events]


@pytest.fixture
def commits(db):
    """`with commits() as made:` … `made[0]` commits of the session happened."""

    @contextmanager
    def counting():
        made = [0]

        def count_commit(_session):
            made[0] += 1

        sa_event.listen(db.session, "after_commit", count_commit)
        try:
            yield made
        finally:
            sa_event.remove(db.session, "after_commit", count_commit)

    return counting


def versions_of(*events: Event) -> dict[int, int]:
    return {e.id: e.version_id for e in events}


def apply(db, day: Day, request: BulkRequest, *read: Event):
    return bulk_flow.apply(db.session, day.akim.visit, request, versions_of(*read))


def test_shift_the_rest_of_the_day_in_one_commit(db, day, commits):
    request = BulkRequest(SHIFT_LATER, (day.wreath.id,), minutes=20)
    with commits() as made:
        outcome = apply(db, day, request, day.wreath, day.concert)
    assert made == [1]
    akim, wreath, lunch, concert, tuesday = fresh(db, *vars(day).values())
    assert [local(e.starts_at) for e in (akim, wreath, lunch, concert, tuesday)] == [
        "21 10:00", "21 11:50", "21 15:00", "21 19:20", "22 10:00"
    ]  # fmt: skip
    assert local(concert.ends_at) == "21 21:20"
    assert (wreath.sequence, concert.sequence, lunch.sequence) == (1, 1, 0)
    assert [(ch.action, ch.event_id) for ch in outcome.changes] == [
        ("moved", wreath.id),
        ("moved", concert.id),
    ]
    assert outcome.versions == {wreath.id: 1, concert.id: 1}  # as read, before the change


def test_shift_back_out_of_the_visit_changes_nothing_and_names_the_event(db, day, commits):
    request = BulkRequest(SHIFT_LATER, (day.akim.id,), minutes=-11 * 60)
    with commits() as made, pytest.raises(BulkRefused) as refused:
        apply(db, day, request, day.akim, day.wreath, day.concert)
    assert made == [0]
    assert [(p.code, p.event_id) for p in refused.value.problems] == [
        ("outside_visit", day.akim.id)
    ]
    assert refused.value.problems[0].title.ru == "Встреча с акимом"
    akim, wreath = fresh(db, day.akim, day.wreath)
    assert (local(akim.starts_at), local(wreath.starts_at)) == ("21 10:00", "21 11:30")


def test_a_shift_names_every_event_it_would_push_out(db, day):
    request = BulkRequest(SHIFT, (day.akim.id, day.tuesday.id, day.concert.id), minutes=24 * 60)
    with pytest.raises(BulkRefused) as refused:
        run(db.session, day.akim.visit, request)
    db.session.rollback()
    assert [p.event_id for p in refused.value.problems] == [day.tuesday.id]
    assert local(fresh(db, day.akim)[0].starts_at) == "21 10:00"


def test_shift_a_selection(db, day, commits):
    request = BulkRequest(SHIFT, (day.akim.id, day.concert.id), minutes=-30)
    with commits() as made:
        apply(db, day, request, day.akim, day.concert)
    assert made == [1]
    akim, wreath, concert = fresh(db, day.akim, day.wreath, day.concert)
    assert [local(e.starts_at) for e in (akim, wreath, concert)] == [
        "21 09:30", "21 11:30", "21 18:30"
    ]  # fmt: skip


def test_move_a_selection_to_another_day_keeps_the_wall_clock(db, day, commits):
    request = BulkRequest(MOVE, (day.akim.id, day.tuesday.id), day=TUESDAY)
    with commits() as made:
        outcome = apply(db, day, request, day.akim, day.tuesday)
    assert made == [1]
    akim, tuesday = fresh(db, day.akim, day.tuesday)
    assert (local(akim.starts_at), local(akim.ends_at)) == ("22 10:00", "22 11:00")
    assert local(tuesday.starts_at) == "22 10:00"  # already there: left as it is
    assert [ch.event_id for ch in outcome.changes] == [akim.id]


def test_moving_onto_the_day_they_are_on_changes_nothing(db, day):
    request = BulkRequest(MOVE, (day.tuesday.id,), day=TUESDAY)
    with pytest.raises(BulkRefused) as refused:
        run(db.session, day.akim.visit, request)
    assert [p.code for p in refused.value.problems] == ["nothing_changes"]


def test_cancel_a_selection(db, day, commits):
    request = BulkRequest(CANCEL, (day.akim.id, day.lunch.id))
    with commits() as made:
        outcome = apply(db, day, request, day.akim, day.lunch)
    assert made == [1]
    akim, lunch = fresh(db, day.akim, day.lunch)
    assert akim.status is EventStatus.CANCELLED and akim.status_before_cancel is not None
    assert [ch.event_id for ch in outcome.changes] == [akim.id]  # lunch was cancelled already
    assert lunch.sequence == 0


def test_copy_a_selection_to_another_day(db, day, commits, cast):
    request = BulkRequest(COPY, (day.akim.id, day.lunch.id), day=TUESDAY)
    with commits() as made:
        outcome = apply(db, day, request, day.akim, day.lunch)
    assert made == [1] and count(db) == 7
    copies = db.session.scalars(
        select(Event).where(Event.id.not_in([e.id for e in vars(day).values()]))
    ).all()
    assert sorted(local(e.starts_at) for e in copies) == ["22 10:00", "22 15:00"]
    assert {e.status for e in copies} == {EventStatus.TENTATIVE}
    akim_copy = next(e for e in copies if e.title.ru == "Встреча с акимом")
    assert [p.person_id for p in akim_copy.participants] == [cast.people[0].id]
    assert akim_copy.venue_id == cast.venues[0].id and akim_copy.uid != day.akim.uid
    assert [ch.action for ch in outcome.changes] == ["copied", "copied"]


def test_copy_onto_the_day_of_an_event_is_refused_for_it_alone(db, day):
    request = BulkRequest(COPY, (day.akim.id, day.tuesday.id), day=TUESDAY)
    with pytest.raises(BulkRefused) as refused:
        run(db.session, day.akim.visit, request)
    db.session.rollback()
    assert [(p.code, p.event_id) for p in refused.value.problems] == [("same_day", day.tuesday.id)]
    assert count(db) == 5


def test_delete_a_selection(db, day, commits):
    request = BulkRequest(DELETE, (day.akim.id, day.concert.id))
    with commits() as made:
        apply(db, day, request, day.akim, day.concert)
    assert made == [1] and count(db) == 3
    assert db.session.scalar(select(func.count()).select_from(EventParticipant)) == 1


def test_copy_a_day_copies_what_is_not_cancelled(db, day, commits):
    request = BulkRequest(COPY_DAY, day=TUESDAY, source_day=MONDAY)
    monday = (day.akim, day.wreath, day.lunch, day.concert)
    with commits() as made:
        outcome = apply(db, day, request, *monday)
    assert made == [1] and count(db) == 8
    assert [ch.event_id for ch in outcome.changes] == [day.akim.id, day.wreath.id, day.concert.id]


@pytest.mark.parametrize(
    ("request_", "code"),
    [
        (BulkRequest(COPY_DAY, day=MONDAY, source_day=MONDAY), "same_day"),
        (BulkRequest(COPY_DAY, day=MONDAY, source_day=date(2025, 4, 20)), "nothing_to_copy"),
        (BulkRequest(SHIFT, (1,), minutes=0), "no_minutes"),
        (BulkRequest(SHIFT, (1,), minutes=10 * 24 * 60), "too_many_minutes"),
        (BulkRequest(MOVE, (1,)), "no_day"),
        (BulkRequest(SHIFT, (), minutes=5), "nothing_selected"),
        (BulkRequest("explode", (1,)), "unknown_action"),
    ],
)
def test_requests_that_cannot_be_made_are_refused(db, day, request_, code):
    with pytest.raises(BulkRefused) as refused:
        run(db.session, day.akim.visit, request_)
    assert [p.code for p in refused.value.problems] == [code]


def test_a_selection_changed_since_the_preview_is_stale(db, day, commits):
    request = BulkRequest(SHIFT_LATER, (day.wreath.id,), minutes=20)
    read = versions_of(day.wreath, day.concert)
    day.concert.title = LocalizedText(ru="Концерт «Во все века»")  # a colleague saves
    db.session.commit()
    with commits() as made, pytest.raises(StaleSelection) as stale:
        bulk_flow.apply(db.session, day.akim.visit, request, read)
    assert made == [0] and stale.value.record.id == day.concert.id
    assert local(fresh(db, day.wreath)[0].starts_at) == "21 11:30"


def test_an_event_added_to_the_rest_of_the_day_makes_the_preview_stale(
    db, day, make_event, commits
):
    request = BulkRequest(SHIFT_LATER, (day.wreath.id,), minutes=20)
    read = versions_of(day.wreath, day.concert)
    make_event(day.akim.visit, MONDAY, time(17), time(18))
    with pytest.raises(StaleSelection):
        bulk_flow.apply(db.session, day.akim.visit, request, read)


def describe(visit, conflicts):
    return [(conflict.code, conflict.event_ids) for conflict in conflicts]


def test_the_preview_says_what_changes_and_which_warnings_come_and_go(db, day, cast):
    day.wreath.venue = cast.venues[0]  # the akim's meeting and the wreath share a hall
    db.session.commit()
    request = BulkRequest(SHIFT, (day.wreath.id,), minutes=-40)  # 10:50: overlaps the meeting
    preview = bulk_flow.preview(db.session, day.akim.visit, request, describe)
    overlap = (day.akim.id, day.wreath.id)
    assert (c.PERSON_OVERLAP, overlap) in preview.appeared
    assert (c.VENUE_OVERLAP, overlap) in preview.appeared
    assert preview.disappeared == [] and preview.open_after == len(preview.appeared)
    (change,) = preview.outcome.changes
    assert (local(change.before.starts_at), local(change.after.starts_at)) == (
        "21 11:30",
        "21 10:50",
    )
    assert local(fresh(db, day.wreath)[0].starts_at) == "21 11:30"  # nothing written

    shifted = BulkRequest(SHIFT, (day.wreath.id,), minutes=-40)
    bulk_flow.apply(db.session, day.akim.visit, shifted, preview.outcome.versions)
    back = BulkRequest(SHIFT, (day.wreath.id,), minutes=40)
    undone = bulk_flow.preview(db.session, day.akim.visit, back, describe)
    assert sorted(undone.disappeared) == sorted(preview.appeared) and undone.appeared == []


def test_the_preview_of_a_copy_names_the_warnings_of_the_copies(db, day):
    request = BulkRequest(COPY, (day.akim.id,), day=MONDAY)
    with pytest.raises(BulkRefused):
        bulk_flow.preview(db.session, day.akim.visit, request, describe)
    request = BulkRequest(COPY, (day.tuesday.id,), day=MONDAY)
    preview = bulk_flow.preview(db.session, day.akim.visit, request, describe)
    assert preview.appeared == [] and count(db) == 5


def test_versions_travel_as_text():
    assert parse_versions(format_versions({14: 1, 12: 3})) == {12: 3, 14: 1}
    assert parse_versions("12:x") == {} and parse_versions("") == {}


def test_a_copied_all_day_event_stays_all_day(db, day, make_event):
    title = LocalizedText(ru="Ярмарка")
    fair = make_event(day.akim.visit, MONDAY, time(0), time(23), title=title)
    fair.ends_at = fair.starts_at + timedelta(days=1)
    fair.is_all_day = True
    db.session.commit()
    apply(db, day, BulkRequest(COPY, (fair.id,), day=TUESDAY), fair)
    copy = db.session.scalars(
        select(Event).where(Event.title_ru == "Ярмарка", Event.id != fair.id)
    ).one()
    assert copy.is_all_day and local(copy.starts_at) == "22 00:00"
    assert copy.ends_at - copy.starts_at == timedelta(days=1)
