"""Properties of conflict detection over made-up programmes (hypothesis)."""

import math
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from visits.scheduling.conflicts import (
    PERSON_OVERLAP,
    TRAVEL_TOO_SHORT,
    VENUE_OVERLAP,
    Conflict,
    Place,
    Presence,
    Slot,
    Stay,
    VisitFrame,
    detect,
)

# 18:00 UTC is 23:00 in Almaty: programmes start the evening before the visit's first day.
BASE = datetime(2025, 4, 20, 18, 0, tzinfo=UTC)
FRAME = VisitFrame(date(2025, 4, 21), date(2025, 4, 22), "Asia/Almaty")
VENUES = (1, 2, 3)

minutes_grid = st.integers(0, 2 * 24 * 12).map(lambda n: timedelta(minutes=5 * n))
seconds = st.one_of(st.just(timedelta(0)), st.integers(1, 59).map(lambda n: timedelta(seconds=n)))


@st.composite
def slots(draw: st.DrawFn, max_size: int = 12) -> list[Slot]:
    ids = draw(st.lists(st.integers(1, 10_000), unique=True, max_size=max_size))
    result = []
    for event_id in ids:
        starts_at = BASE + draw(minutes_grid) + draw(seconds)
        length = timedelta(minutes=5 * draw(st.integers(1, 36))) + draw(seconds)
        result.append(
            Slot(
                event_id,
                starts_at,
                starts_at + length,
                draw(st.sampled_from((None, *VENUES))),
                draw(st.frozensets(st.integers(1, 4), max_size=3)),
                draw(st.frozensets(st.integers(1, 2), max_size=2)),
                cancelled=draw(st.booleans()),
                attendance=draw(st.integers(0, 80)),
            )
        )
    return result


coordinate = st.one_of(st.none(), st.floats(49.9, 50.1))
places = st.fixed_dictionaries(
    {
        venue: st.builds(
            Place,
            st.just(venue),
            coordinate,
            coordinate.map(lambda lat: None if lat is None else lat + 32.6),
            st.one_of(st.none(), st.integers(0, 150)),
            st.booleans(),  # a shared space, or a hall
        )
        for venue in VENUES
    }
)
travel_minutes = st.dictionaries(
    st.tuples(st.sampled_from(VENUES), st.sampled_from(VENUES)), st.integers(0, 60), max_size=4
)
moment = st.one_of(st.none(), minutes_grid.map(lambda offset: BASE + offset))
presences = st.lists(
    st.one_of(
        st.builds(Presence, st.integers(1, 4), st.none(), moment, moment),
        st.builds(Presence, st.none(), st.integers(1, 2), moment, moment),
    ),
    max_size=4,
)
day = st.integers(-1, 3).map(lambda n: FRAME.first_day + timedelta(days=n))
stays = st.lists(
    st.one_of(
        st.builds(Stay, st.integers(1, 4), st.none(), day, day),
        st.builds(Stay, st.none(), st.integers(1, 2), day, day),
    ),
    max_size=4,
)
frames = st.one_of(st.none(), st.just(FRAME))


@settings(deadline=None)
@given(slots(), places, presences, stays, frames, travel_minutes, st.data())
def test_the_result_does_not_depend_on_the_order_of_the_input(
    events, venues, arrivals, rooms, frame, staff, data
):
    expected = detect(events, venues, arrivals, rooms, frame, staff)
    found = detect(
        data.draw(st.permutations(events)),
        dict(reversed(venues.items())),
        data.draw(st.permutations(arrivals)),
        data.draw(st.permutations(rooms)),
        frame,
        dict(reversed(staff.items())),
    )
    assert found == expected


@settings(deadline=None)
@given(slots(), places, presences, stays, frames, travel_minutes, st.data())
def test_a_cancelled_copy_of_an_event_changes_nothing(
    events, venues, arrivals, rooms, frame, staff, data
):
    expected = detect(events, venues, arrivals, rooms, frame, staff)
    if events:
        copy = replace(data.draw(st.sampled_from(events)), cancelled=True)
    else:
        copy = Slot(1, BASE, BASE + timedelta(hours=1), 1, frozenset({1}), frozenset(), True)
    position = data.draw(st.integers(0, len(events)))
    with_copy = [*events[:position], copy, *events[position:]]
    assert detect(with_copy, venues, arrivals, rooms, frame, staff) == expected


@given(
    st.lists(st.tuples(st.integers(0, 24), st.integers(1, 36)), max_size=10),
    st.integers(1, 3),
    places,
    travel_minutes,
)
def test_one_person_at_one_venue_without_overlaps_has_no_conflict(steps, venue, venues, staff):
    events, starts_at = [], BASE
    for event_id, (gap, length) in enumerate(steps, start=1):
        starts_at += timedelta(minutes=5 * gap)  # a gap of 0: touching the previous one
        ends_at = starts_at + timedelta(minutes=5 * length)
        events.append(Slot(event_id, starts_at, ends_at, venue, frozenset({1}), frozenset()))
        starts_at = ends_at
    assert detect(events, venues, travel_minutes=staff) == []


def _overlap(a: Slot, b: Slot) -> timedelta:
    return min(a.ends_at, b.ends_at) - max(a.starts_at, b.starts_at)


def _ceil_minutes(delta: timedelta) -> int:
    return math.ceil(delta / timedelta(minutes=1))


@given(slots(max_size=16))
def test_overlaps_are_exactly_those_a_pairwise_scan_finds(events):
    live = [event for event in events if not event.cancelled]
    expected = set()
    live.sort(key=lambda s: (s.starts_at, s.ends_at, s.event_id))
    for n, a in enumerate(live):
        for b in live[n + 1 :]:
            if _overlap(a, b) <= timedelta(0):
                continue
            minutes = _ceil_minutes(_overlap(a, b))
            for person in a.people & b.people:
                expected.add(
                    Conflict(PERSON_OVERLAP, (a.event_id, b.event_id), person, None, (), minutes)
                )
            if a.venue_id is not None and a.venue_id == b.venue_id:
                expected.add(
                    Conflict(
                        VENUE_OVERLAP, (a.event_id, b.event_id), None, None, (a.venue_id,), minutes
                    )
                )
    found = detect(events, {})
    assert {c for c in found if c.code in (PERSON_OVERLAP, VENUE_OVERLAP)} == expected


@given(slots(), places, travel_minutes)
def test_every_travel_warning_is_a_real_hurry(events, venues, staff):
    by_id = {event.event_id: event for event in events if not event.cancelled}
    for conflict in detect(events, venues, travel_minutes=staff):
        if conflict.code != TRAVEL_TOO_SHORT:
            continue
        a, b = (by_id[event_id] for event_id in conflict.event_ids)
        assert a.ends_at <= b.starts_at
        assert conflict.venue_ids == (a.venue_id, b.venue_id) and a.venue_id != b.venue_id
        assert conflict.person_id in a.people & b.people or conflict.group_id in a.groups & b.groups
        assert conflict.required_minutes is not None
        assert b.starts_at - a.ends_at < timedelta(minutes=conflict.required_minutes)
        assert conflict.minutes == (b.starts_at - a.ends_at) // timedelta(minutes=1)
