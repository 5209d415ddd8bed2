"""Conflict detection against time: arrivals, departures, the visit's days, hotel stays."""

from datetime import UTC, date, datetime, time, timedelta

from visits.scheduling.conflicts import (
    AFTER_DEPARTURE,
    ARRIVAL,
    BEFORE_ARRIVAL,
    DEPARTURE,
    NO_STAY,
    OUTSIDE_VISIT,
    STAY_MISMATCH,
    Conflict,
    Presence,
    Slot,
    Stay,
    VisitFrame,
    detect,
)
from visits.scheduling.timezones import to_utc

ALMATY = "Asia/Almaty"  # UTC+5
DAY = date(2025, 4, 21)
FRAME = VisitFrame(DAY, DAY + timedelta(days=1), ALMATY)  # 21 and 22 April


def at(clock: str, day: date = DAY) -> datetime:
    """The UTC moment of an Almaty wall-clock time such as "10:30" on a day."""
    return to_utc(day, time.fromisoformat(clock), ALMATY)


def slot(
    event_id: int,
    starts: str | datetime,
    ends: str | datetime,
    people: tuple[int, ...] = (),
    groups: tuple[int, ...] = (),
    *,
    day: date = DAY,
) -> Slot:
    """An event from moments, or from the Almaty wall clock on `day` (an end earlier than
    the start is then on the next day)."""
    starts_at = at(starts, day) if isinstance(starts, str) else starts
    ends_at = at(ends, day) if isinstance(ends, str) else ends
    if ends_at <= starts_at and isinstance(ends, str):
        ends_at += timedelta(days=1)
    return Slot(event_id, starts_at, ends_at, None, frozenset(people), frozenset(groups))


def codes(conflicts: list[Conflict]) -> list[str]:
    return [c.code for c in conflicts]


# before_arrival / after_departure


def test_events_before_arrival_or_after_departure_warn_by_how_much():
    presence = Presence(7, None, at("10:00"), at("18:00"))
    events = [
        slot(1, "09:00", "10:00", (7,)),
        slot(2, "10:00", "12:00", (7,)),  # starts as they arrive: fine
        slot(3, "16:00", "18:00", (7,)),  # ends as they leave: fine
        slot(4, "18:00", "19:00", (7,)),
    ]
    found = detect(events, {}, presences=[presence])
    assert [(c.code, c.event_ids, c.person_id, c.minutes) for c in found] == [
        (BEFORE_ARRIVAL, (1,), 7, 60),
        (AFTER_DEPARTURE, (4,), 7, 60),
    ]


def test_an_event_longer_than_the_whole_stay_breaks_both_ends():
    presence = Presence(None, 4, at("10:00"), at("12:00"))
    found = detect([slot(1, "09:00", "13:00", (), (4,))], {}, presences=[presence])
    assert [(c.code, c.group_id) for c in found] == [(AFTER_DEPARTURE, 4), (BEFORE_ARRIVAL, 4)]


def test_unknown_arrival_or_departure_and_other_people_do_not_warn():
    events = [slot(1, "06:00", "23:00", (7, 8))]
    presences = [Presence(7, None, None, None), Presence(9, None, at("12:00"), at("13:00"))]
    assert detect(events, {}, presences=presences) == []


def test_someone_who_leaves_and_comes_back_is_judged_by_the_nearest_presence():
    presences = [
        Presence(7, None, at("08:00"), at("12:00")),
        Presence(7, None, at("15:00"), at("20:00")),
    ]
    events = [
        slot(1, "09:00", "10:00", (7,)),
        slot(2, "16:00", "17:00", (7,)),
        slot(3, "14:00", "16:00", (7,)),  # overlaps the second presence most
    ]
    found = detect(events, {}, presences=presences)
    assert [(c.code, c.event_ids, c.minutes) for c in found] == [(BEFORE_ARRIVAL, (3,), 60)]


# outside_visit


def test_the_visit_days_are_read_on_the_local_clock():
    events = [
        slot(1, "00:30", "01:30"),  # 21 April in Almaty, still 20 April in UTC
        slot(2, "23:30", "23:45", day=DAY - timedelta(days=1)),  # 20 April: before
        slot(3, "21:00", "01:00", day=FRAME.last_day),  # the last evening may pass midnight
        slot(4, "09:00", "10:00", day=FRAME.last_day + timedelta(days=1)),  # after
    ]
    assert events[0].starts_at.date() == date(2025, 4, 20)
    found = detect(events, {}, frame=FRAME)
    assert [(c.code, c.event_ids) for c in found] == [(OUTSIDE_VISIT, (2,)), (OUTSIDE_VISIT, (4,))]


def test_an_event_running_past_the_day_after_the_visit_is_outside():
    late = slot(1, at("22:00", FRAME.last_day), at("00:30", FRAME.last_day + timedelta(days=2)))
    assert codes(detect([late], {}, frame=FRAME)) == [OUTSIDE_VISIT]


def test_a_utc_evening_on_the_last_day_is_the_next_morning_in_almaty():
    morning = slot(
        1, datetime(2025, 4, 22, 23, 30, tzinfo=UTC), datetime(2025, 4, 23, 0, 30, tzinfo=UTC)
    )
    assert codes(detect([morning], {}, frame=FRAME)) == [OUTSIDE_VISIT]
    assert detect([morning], {}) == []  # without a frame, no rule about days


# stay_mismatch / no_stay


def test_a_stay_matching_the_local_dates_is_fine():
    # Arriving at 02:00 on 21 April in Almaty is 20 April 21:00 in UTC.
    presence = Presence(7, None, at("02:00"), at("20:00", FRAME.last_day))
    stay = Stay(7, None, DAY, FRAME.last_day)
    assert presence.arrives_at is not None and presence.arrives_at.day == 20
    assert detect([], {}, [presence], [stay], FRAME) == []


def test_stay_mismatches_count_nights_without_a_bed_as_positive():
    presence = Presence(7, None, at("10:00"), at("20:00", FRAME.last_day))
    early_booking = Stay(7, None, DAY - timedelta(days=1), FRAME.last_day + timedelta(days=2))
    found = detect([], {}, [presence], [early_booking], FRAME)
    assert [(c.code, c.person_id, c.boundary, c.minutes) for c in found] == [
        (STAY_MISMATCH, 7, ARRIVAL, -1),  # a night booked before they come
        (STAY_MISMATCH, 7, DEPARTURE, -2),  # two nights booked after they leave
    ]
    longer = Presence(7, None, at("10:00"), at("20:00", DAY + timedelta(days=3)))
    late_booking = Stay(7, None, DAY + timedelta(days=1), DAY + timedelta(days=2))
    found = detect([], {}, [longer], [late_booking], FRAME)
    assert [(c.boundary, c.minutes) for c in found] == [(ARRIVAL, 1), (DEPARTURE, 1)]


def test_only_known_ends_of_a_presence_are_compared():
    presence = Presence(None, 4, None, at("20:00", FRAME.last_day))
    assert (
        detect([], {}, [presence], [Stay(None, 4, DAY - timedelta(days=5), FRAME.last_day)], FRAME)
        == []
    )


def test_the_closest_of_several_stays_is_compared():
    presence = Presence(7, None, at("10:00"), at("20:00", FRAME.last_day))
    stays = [
        Stay(7, None, DAY - timedelta(days=30), DAY - timedelta(days=28)),
        Stay(7, None, DAY, FRAME.last_day),
    ]
    assert detect([], {}, [presence], stays, FRAME) == []


def test_several_days_in_town_without_any_stay_warn():
    presence = Presence(7, None, at("10:00"), at("20:00", FRAME.last_day))
    assert detect([], {}, [presence], [], FRAME) == [Conflict(NO_STAY, (), person_id=7, minutes=1)]
    assert detect([], {}, [presence], [Stay(8, None, DAY, FRAME.last_day)], FRAME) != []
    assert detect([], {}, [presence], [], None) == []  # no zone, no local dates


def test_a_day_trip_or_an_open_end_needs_no_stay():
    day_trip = Presence(7, None, at("08:00"), at("23:00"))
    open_end = Presence(8, None, at("08:00"), None)
    assert detect([], {}, [day_trip, open_end], [], FRAME) == []
