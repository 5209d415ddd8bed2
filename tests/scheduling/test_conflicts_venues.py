"""Venues booked as rooms, as properties over made-up programmes (hypothesis).

An exclusive venue (a hall) holds one event at a time; a shared space (a square, a lobby)
holds several, as long as the people there at once fit its capacity. Each property is
checked against a plain scan of every pair or every moment, independent of the sweeps the
detector uses.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from visits.scheduling.conflicts import (
    VENUE_OVER_CAPACITY,
    VENUE_OVERLAP,
    Conflict,
    Place,
    Slot,
    detect,
)

BASE = datetime(2025, 4, 21, 3, 0, tzinfo=UTC)
VENUES = (1, 2)  # few venues and a short day: events meet often
VENUE_CODES = (VENUE_OVERLAP, VENUE_OVER_CAPACITY)

minutes_grid = st.integers(0, 4 * 12).map(lambda n: timedelta(minutes=5 * n))
seconds = st.one_of(st.just(timedelta(0)), st.integers(1, 59).map(lambda n: timedelta(seconds=n)))


@st.composite
def slots(draw: st.DrawFn, max_size: int = 14) -> list[Slot]:
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
                draw(st.sampled_from((None, *VENUES, *VENUES))),  # mostly at a venue
                frozenset(),
                frozenset(),
                cancelled=draw(st.integers(0, 3)) == 0,  # one in four
                attendance=draw(st.integers(0, 80)),
            )
        )
    return result


places = st.fixed_dictionaries(
    {
        venue: st.builds(
            Place,
            st.just(venue),
            st.none(),
            st.none(),
            st.one_of(st.none(), st.integers(0, 120), st.integers(1, 120)),
            st.booleans(),
        )
        for venue in VENUES
    }
)


def capacity_of(place: Place) -> int | None:
    return place.capacity if place.capacity is not None and place.capacity >= 1 else None


def live_at(events: list[Slot], venue: int) -> list[Slot]:
    return [e for e in events if not e.cancelled and e.venue_id == venue]


def running(events: list[Slot], moment: datetime) -> list[Slot]:
    return [e for e in events if e.starts_at <= moment < e.ends_at]


def of_venue(found: list[Conflict], code: str, venue: int) -> list[Conflict]:
    return [c for c in found if c.code == code and c.venue_ids == (venue,)]


@given(slots(), places)
def test_a_hall_clashes_exactly_when_two_live_events_there_overlap(events, venues):
    found = detect(events, venues)
    for venue, place in venues.items():
        here = live_at(events, venue)
        here.sort(key=lambda e: (e.starts_at, e.ends_at, e.event_id))  # the order of a pair
        overlapping = {
            (a.event_id, b.event_id)
            for n, a in enumerate(here)
            for b in here[n + 1 :]
            if b.starts_at < a.ends_at
        }
        clashes = {c.event_ids for c in of_venue(found, VENUE_OVERLAP, venue)}
        assert clashes == (set() if place.shared else overlapping)


@given(slots(), places)
def test_a_shared_space_is_over_capacity_exactly_when_the_crowd_at_some_moment_is(events, venues):
    found = detect(events, venues)
    for venue, place in venues.items():
        capacity = capacity_of(place)
        if not place.shared:
            continue
        warnings = of_venue(found, VENUE_OVER_CAPACITY, venue)
        if capacity is None:
            assert warnings == []
            continue
        here = live_at(events, venue)
        # The crowd only grows when an event starts: those are the moments to look at.
        crowds = {e.starts_at: running(here, e.starts_at) for e in here}
        over = {t: there for t, there in crowds.items() if sum_of(there) > capacity}
        assert bool(warnings) == bool(over)
        for there in over.values():
            ids = {e.event_id for e in there}
            assert any(ids <= set(w.event_ids) and w.count >= sum_of(there) for w in warnings)
        for warning in warnings:
            assert warning.limit == capacity and warning.count > capacity
            assert any(sum_of(there) == warning.count for there in over.values())


def sum_of(events: list[Slot]) -> int:
    return sum(e.attendance for e in events)


@given(slots(), places)
def test_an_event_too_big_for_its_venue_alone_is_always_flagged(events, venues):
    found = detect(events, venues)
    for venue, place in venues.items():
        capacity = capacity_of(place)
        warnings = of_venue(found, VENUE_OVER_CAPACITY, venue)
        for event in live_at(events, venue):
            if capacity is not None and event.attendance > capacity:
                assert any(event.event_id in w.event_ids for w in warnings)
        if not place.shared:  # in a hall, each event is measured alone
            too_big = {
                ((e.event_id,), e.attendance)
                for e in live_at(events, venue)
                if capacity is not None and e.attendance > capacity
            }
            assert {(w.event_ids, w.count) for w in warnings} == too_big


@given(slots(), places)
def test_cancelled_events_never_take_room(events, venues):
    found = [c for c in detect(events, venues) if c.code in VENUE_CODES]
    cancelled = {e.event_id for e in events if e.cancelled}
    assert not any(cancelled & set(c.event_ids) for c in found)
    live = [e for e in events if not e.cancelled]
    assert found == [c for c in detect(live, venues) if c.code in VENUE_CODES]


@given(slots(), places, st.sampled_from(VENUES))
def test_making_a_hall_a_shared_space_never_adds_a_warning_there(events, venues, venue):
    hall = {**venues, venue: replace(venues[venue], shared=False)}
    space = {**venues, venue: replace(venues[venue], shared=True)}
    as_hall = [c for c in detect(events, hall) if c.venue_ids == (venue,)]
    as_space = [c for c in detect(events, space) if c.venue_ids == (venue,)]
    if not as_hall:
        assert as_space == []
