"""Which warnings a change makes appear and disappear (pure, with hypothesis properties)."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from visits.scheduling.conflict_diff import diff_conflicts
from visits.scheduling.conflicts import (
    PERSON_OVERLAP,
    VENUE_OVERLAP,
    Conflict,
    Slot,
    VisitFrame,
    detect,
)

FRAME = VisitFrame(date(2025, 4, 21), date(2025, 4, 21), "Asia/Almaty")
TEN = datetime(2025, 4, 21, 5, 0, tzinfo=UTC)  # 10:00 in Almaty


def slot(event_id: int, start_minutes: int, length: int, venue: int | None = 1) -> Slot:
    starts_at = TEN + timedelta(minutes=start_minutes)
    return Slot(
        event_id=event_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=length),
        venue_id=venue,
        people=frozenset({7}),
        groups=frozenset(),
        cancelled=False,
        attendance=1,
    )


def conflicts(*slots: Slot) -> list[Conflict]:
    return detect(list(slots), {}, [], [], FRAME)


def test_moving_an_event_away_makes_its_overlaps_disappear():
    before = conflicts(slot(1, 0, 60), slot(2, 30, 60))
    after = conflicts(slot(1, 0, 60), slot(2, 60, 60))
    diff = diff_conflicts(before, after)
    assert {c.code for c in diff.disappeared} == {PERSON_OVERLAP, VENUE_OVERLAP}
    assert diff.appeared == () and diff.kept == ()
    assert not diff.is_empty


def test_a_longer_overlap_is_the_old_warning_gone_and_a_new_one_come():
    before = conflicts(slot(1, 0, 60), slot(2, 50, 60))
    after = conflicts(slot(1, 0, 60), slot(2, 30, 60))
    diff = diff_conflicts(before, after)
    assert [c.minutes for c in diff.disappeared] == [10, 10]
    assert [c.minutes for c in diff.appeared] == [30, 30]


def test_shifting_both_events_together_keeps_their_warning():
    before = conflicts(slot(1, 0, 60), slot(2, 30, 60))
    after = conflicts(slot(1, 20, 60), slot(2, 50, 60))
    diff = diff_conflicts(before, after)
    assert diff.is_empty and diff.kept == tuple(after)


def test_a_copy_brings_warnings_of_its_own():
    before = conflicts(slot(1, 0, 60))
    after = conflicts(slot(1, 0, 60), slot(3, 0, 60))
    diff = diff_conflicts(before, after)
    assert diff.appeared and all(3 in c.event_ids for c in diff.appeared)


conflict = st.builds(
    Conflict,
    code=st.sampled_from([PERSON_OVERLAP, VENUE_OVERLAP]),
    event_ids=st.tuples(st.integers(1, 4), st.integers(5, 8)),
    person_id=st.sampled_from([None, 1, 2]),
    minutes=st.integers(1, 3),
)


@given(st.lists(conflict, max_size=8), st.lists(conflict, max_size=8))
def test_the_diff_accounts_for_every_warning_on_both_sides(before, after):
    diff = diff_conflicts(before, after)
    assert Counter(diff.kept) + Counter(diff.appeared) == Counter(after)
    assert Counter(diff.kept) + Counter(diff.disappeared) == Counter(before)


@given(st.lists(conflict, max_size=8))
def test_no_change_no_diff(warnings):
    diff = diff_conflicts(warnings, list(reversed(warnings)))
    assert diff.is_empty and Counter(diff.kept) == Counter(warnings)


@given(st.lists(conflict, max_size=8), st.lists(conflict, max_size=8))
def test_the_diff_backwards_swaps_what_appears_and_disappears(before, after):
    forth, back = diff_conflicts(before, after), diff_conflicts(after, before)
    assert Counter(forth.appeared) == Counter(back.disappeared)
    assert Counter(forth.disappeared) == Counter(back.appeared)
