from datetime import date, time

from visits.scheduling.timeline import (
    BY_PERSON,
    BY_VENUE,
    Item,
    Lane,
    build,
    member_lane,
    person_lane_order,
    transfer_lanes,
    venue_lane,
)
from visits.scheduling.timezones import to_utc

DAY = date(2025, 4, 21)
ZONE = "Asia/Almaty"


def item(event_id, start, end, lanes, venue=None, cancelled=False, day=DAY):
    return Item(
        event_id=event_id,
        starts_at=to_utc(day, start, ZONE),
        ends_at=to_utc(day, end, ZONE),
        title=f"event {event_id}",
        kind="meeting",
        lanes=lanes,
        venue_id=venue,
        cancelled=cancelled,
    )


def test_blocks_are_placed_in_minutes_from_the_window_start_in_the_visit_zone():
    timeline = build(DAY, ZONE, [item(1, time(10, 0), time(11, 30), ("p1",))], [("p1", "Снесарь")])
    assert (timeline.first_hour, timeline.last_hour) == (8, 20)
    (block,) = timeline.lanes[0].blocks
    assert (block.start, block.end, block.label) == (120, 210, "10:00–11:30")


def test_the_window_stretches_to_early_and_late_events():
    items = [item(1, time(6, 30), time(7, 0), ("p",)), item(2, time(21, 0), time(22, 10), ("p",))]
    timeline = build(DAY, ZONE, items, [("p", "P")])
    assert (timeline.first_hour, timeline.last_hour) == (6, 23)


def test_events_of_other_days_are_left_out_and_lanes_keep_their_order():
    items = [
        item(1, time(10, 0), time(11, 0), ("b",)),
        item(2, time(10, 0), time(11, 0), ("a",), day=date(2025, 4, 22)),
    ]
    timeline = build(DAY, ZONE, items, [("a", "A"), ("b", "B")])
    assert [lane.key for lane in timeline.lanes] == ["a", "b"]
    assert timeline.lanes[0].blocks == [] and len(timeline.lanes[1].blocks) == 1


def test_gaps_between_venues_and_short_ones_are_marked():
    items = [
        item(1, time(10, 0), time(11, 30), ("p",), venue=1),
        item(2, time(11, 40), time(12, 30), ("p",), venue=2),
        item(3, time(13, 0), time(14, 0), ("p",), venue=2),
    ]
    timeline = build(DAY, ZONE, items, [("p", "P")], short_gaps=frozenset({(1, 2)}))
    (gap,) = timeline.lanes[0].gaps  # no gap drawn within the same venue
    assert (gap.start, gap.end, gap.too_short) == (210, 220, True)


def test_conflicting_and_cancelled_blocks_are_flagged_and_cancelled_make_no_gap():
    items = [
        item(1, time(10, 0), time(11, 0), ("p",), venue=1),
        item(2, time(10, 30), time(11, 30), ("p",), venue=1),
        item(3, time(12, 0), time(13, 0), ("p",), venue=2, cancelled=True),
    ]
    marks = frozenset({("p", 1), (None, 2)})
    timeline = build(DAY, ZONE, items, [("p", "P"), ("q", "Q")], conflicting=marks)
    blocks = timeline.lanes[0].blocks
    assert [b.conflicting for b in blocks] == [True, True, False]
    assert blocks[2].cancelled and timeline.lanes[0].gaps == []


def test_a_conflict_is_marked_only_in_the_lane_it_concerns():
    items = [item(1, time(10, 0), time(11, 0), ("p", "q"))]
    timeline = build(DAY, ZONE, items, [("p", "P"), ("q", "Q")], conflicting=frozenset({("p", 1)}))
    assert [lane.blocks[0].conflicting for lane in timeline.lanes] == [True, False]


def test_travel_sets_off_from_the_event_that_ends_last_not_from_a_nested_one():
    items = [
        item(1, time(10, 0), time(11, 30), ("p",), venue=1),
        item(2, time(10, 30), time(11, 0), ("p",), venue=1),
        item(3, time(11, 40), time(12, 30), ("p",), venue=2),
    ]
    timeline = build(DAY, ZONE, items, [("p", "P")], short_gaps=frozenset({(1, 3)}))
    (gap,) = timeline.lanes[0].gaps
    assert (gap.from_event, gap.to_event, gap.too_short) == (1, 3, True)


def transfer(movement_id, start, end, lanes, direction="arrival"):
    return Item(
        event_id=movement_id,
        starts_at=to_utc(DAY, start, ZONE),
        ends_at=to_utc(DAY, end, ZONE),
        title=f"{direction} {movement_id}",
        kind=direction,
        lanes=lanes,
        venue_id=9,
        transfer=True,
    )


def test_a_whole_delegation_arrival_goes_in_every_members_lane_a_departure_in_ones_own():
    members = [member_lane(1, None), member_lane(None, 7), member_lane(2, None)]
    assert members == ["p1", "g7", "p2"]
    assert transfer_lanes(BY_PERSON, None, members, venue_lane(9)) == ("p1", "g7", "p2")
    assert transfer_lanes(BY_PERSON, "g7", members, None) == ("g7",)
    assert transfer_lanes(BY_VENUE, None, members, venue_lane(9)) == ("v9",)
    assert transfer_lanes(BY_VENUE, "p2", members, None) == ()


def test_transfers_are_drawn_as_their_own_blocks_in_the_lanes_they_concern():
    members = ["p1", "g7", "p2"]
    arrival = transfer(1, time(7, 10), time(7, 55), transfer_lanes(BY_PERSON, None, members, None))
    departure = transfer(
        2, time(18, 0), time(20, 0), transfer_lanes(BY_PERSON, "p2", members, None), "departure"
    )
    items = [arrival, departure, item(1, time(10, 0), time(11, 0), ("p1", "p2"), venue=1)]
    lanes = [("p1", "Снесарь"), ("g7", "Сибирь"), ("p2", "Переводчик")]
    timeline = build(DAY, ZONE, items, lanes, conflicting=frozenset({(None, 1), (None, 2)}))
    assert timeline.first_hour == 7  # an early arrival stretches the window as an event would
    lanes_of = timeline.lanes
    drawn = {lane.key: [(b.transfer, b.kind, b.label) for b in lane.blocks] for lane in lanes_of}
    assert drawn == {
        "p1": [(True, "arrival", "07:10–07:55"), (False, "meeting", "10:00–11:00")],
        "g7": [(True, "arrival", "07:10–07:55")],
        "p2": [
            (True, "arrival", "07:10–07:55"),
            (False, "meeting", "10:00–11:00"),
            (True, "departure", "18:00–20:00"),
        ],
    }
    # Conflicts name events: event 1 is marked, movements 1 and 2 are not.
    marked = {(lane.key, b.transfer) for lane in lanes_of for b in lane.blocks if b.conflicting}
    assert marked == {("p1", False), ("p2", False)}
    assert all(lane.gaps == [] for lane in lanes_of)  # no travel to or from a transfer


def test_a_transfer_at_the_same_time_as_an_event_is_drawn_after_it():
    hour = (time(10, 0), time(11, 0))
    items = [transfer(5, *hour, ("p",)), item(5, *hour, ("p",))]
    blocks = build(DAY, ZONE, items, [("p", "P")]).lanes[0].blocks
    assert [(b.event_id, b.transfer) for b in blocks] == [(5, False), (5, True)]


def test_person_lanes_follow_precedence_guests_first_unless_the_hosts_are():
    members = ["p1", "g7", "p2"]  # the delegation in its order of precedence
    appearances = [("p9", True), ("p2", False), ("p5", False), ("p8", True), ("p9", True)]
    guests_first = person_lane_order(members, appearances)
    assert guests_first == ["p1", "g7", "p2", "p5", "p9", "p8"]
    hosts_first = person_lane_order(members, appearances, hosts_first=True)
    assert hosts_first == ["p9", "p8", "p1", "g7", "p2", "p5"]


def test_a_member_stays_a_guest_and_others_keep_the_side_they_first_appear_on():
    appearances = [("p1", True), ("p4", True), ("p4", False)]
    assert person_lane_order(["p1"], appearances, hosts_first=True) == ["p4", "p1"]


def test_a_lane_knows_its_venue():
    assert Lane(venue_lane(4), "Акимат").venue_id == 4
    assert Lane(venue_lane(None), "—").venue_id is None
    assert Lane(member_lane(4, None), "Аким").venue_id is None


def test_an_item_with_a_label_of_its_own_shows_it_instead_of_its_times():
    """An all-day event is stored 00:00–24:00; its block reads "all day", not 00:00–00:00."""
    whole_day = Item(
        event_id=1,
        starts_at=to_utc(DAY, time(0), ZONE),
        ends_at=to_utc(date(2025, 4, 22), time(0), ZONE),
        title="Выставка",
        kind="other",
        lanes=("p1",),
        label="весь день",
    )
    timeline = build(DAY, ZONE, [whole_day], [("p1", "Снесарь")])
    (block,) = timeline.lanes[0].blocks
    assert (block.label, block.start, timeline.first_hour, timeline.last_hour) == (
        "весь день",
        0,
        0,
        24,
    )
