"""Where a new event starts: after the day's last event, as long as its kind lasts, at the
venue last used."""

from datetime import date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from visits.scheduling.defaults import (
    DAY_STARTS,
    PlannedEvent,
    duration_of,
    next_slot,
)

DAY = date(2025, 4, 21)
HOUR = timedelta(hours=1)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


def test_an_empty_day_starts_in_the_morning_for_as_long_as_the_kind_lasts():
    slot = next_slot(DAY, [], duration_of("ceremony"))
    assert (slot.start, slot.end, slot.ends_next_day) == (DAY_STARTS, time(9, 30), False)
    assert duration_of("meeting") == HOUR and duration_of("unknown") == HOUR
    assert duration_of("meeting", {"meeting": 45}) == timedelta(minutes=45)


def test_after_the_last_event_on_the_five_minute_step_at_its_venue():
    events = [
        PlannedEvent(at(10), at(11, 30), venue_id=1),
        PlannedEvent(at(12), at(12, 47), venue_id=2),
        PlannedEvent(at(13), at(15), venue_id=3, is_cancelled=True),
    ]
    slot = next_slot(DAY, events, HOUR, last_venue_id=9)
    assert (slot.start, slot.end, slot.venue_id) == (time(12, 50), time(13, 50), 2)


def test_without_a_venue_that_day_the_visits_last_venue():
    slot = next_slot(DAY, [PlannedEvent(at(10), at(11), venue_id=None)], HOUR, last_venue_id=9)
    assert (slot.start, slot.venue_id) == (time(11), 9)


def test_late_in_the_evening_it_ends_the_next_day():
    slot = next_slot(DAY, [PlannedEvent(at(20), at(23, 30), None)], HOUR)
    assert (slot.start, slot.end, slot.ends_next_day) == (time(23, 30), time(0, 30), True)


def test_a_day_full_to_midnight_offers_the_morning():
    night = PlannedEvent(at(22), at(1, day=DAY + timedelta(days=1)), None)
    assert next_slot(DAY, [night], HOUR).start == DAY_STARTS


@given(
    st.lists(st.tuples(st.integers(0, 22 * 60), st.integers(5, 120), st.booleans()), max_size=8),
    st.integers(5, 240),
)
def test_the_slot_never_overlaps_a_live_event_and_lasts_as_asked(spans, minutes):
    events = [
        PlannedEvent(
            at(0) + timedelta(minutes=s), at(0) + timedelta(minutes=s + d), None, is_cancelled=c
        )
        for s, d, c in spans
    ]
    slot = next_slot(DAY, events, timedelta(minutes=minutes))
    start = datetime.combine(DAY, slot.start)
    end = datetime.combine(DAY + timedelta(days=slot.ends_next_day), slot.end)
    assert end - start == timedelta(minutes=minutes) and start.minute % 5 == 0
    live = [e for e in events if not e.is_cancelled and e.ends.date() == DAY]
    if live and start != datetime.combine(DAY, DAY_STARTS):
        assert all(e.ends <= start for e in live)
