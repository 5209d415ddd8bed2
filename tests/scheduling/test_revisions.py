"""Snapshot rows of a programme and the diff between two snapshots (no app)."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visits.scheduling.revisions import (
    FieldChange,
    ParticipantData,
    RowData,
    diff,
    guest_rows,
    snapshot_rows,
)

START = datetime(2025, 4, 21, 5, 0, tzinfo=UTC)


def event(key: str, hour: int = 0, **overrides) -> RowData:
    fields = {
        "key": key,
        "starts_at": START + timedelta(hours=hour),
        "ends_at": START + timedelta(hours=hour, minutes=45),
        "status": "confirmed",
        "visibility": "delegation",
        "kind": "meeting",
        "title": {"ru": f"Событие {key}"},
    } | overrides
    return RowData(**fields)


def rows(*items: RowData) -> list[dict]:
    return snapshot_rows(items)


def test_a_row_is_plain_json_with_every_field():
    almaty = timezone(timedelta(hours=5))
    data = event(
        "e1@visits",
        starts_at=datetime(2025, 4, 21, 10, 0, tzinfo=almaty),
        ends_at=datetime(2025, 4, 21, 11, 0, tzinfo=almaty),
        venue={"ru": "Акимат", "kk": "Әкімдік"},
        participants=[ParticipantData({"ru": "Аким"}, "host", "host")],
        dress_code={"en": "Business"},
        notes={"ru": "Пресса"},
        internal_notes="Машина у входа",
    )
    [row] = rows(data)
    assert json.loads(json.dumps(row)) == row
    assert row["starts_at"] == "2025-04-21T05:00:00+00:00"
    assert row["ends_at"] == "2025-04-21T06:00:00+00:00"
    assert row["venue"] == {"ru": "Акимат", "kk": "Әкімдік", "en": None}
    assert row["participants"] == [
        {"name": {"ru": "Аким", "kk": None, "en": None}, "side": "host", "role": "host"}
    ]
    assert row["dress_code"] == {"ru": None, "kk": None, "en": "Business"}
    assert row["internal_notes"] == "Машина у входа"
    assert row["key"] == "e1@visits"


def test_rows_come_in_time_order_and_naive_times_are_refused():
    assert [r["key"] for r in rows(event("b", 3), event("a", 1))] == ["a", "b"]
    with pytest.raises(ValueError):
        rows(event("a", starts_at=datetime(2025, 4, 21, 10)))


def test_nothing_changed():
    before = rows(event("a"), event("b", 2))
    result = diff(before, rows(event("b", 2), event("a")))
    assert result.is_empty
    assert (result.added, result.removed, result.moved, result.changed) == ([], [], [], [])


def test_added_and_removed():
    result = diff(rows(event("a"), event("b", 2)), rows(event("a"), event("c", 1)))
    assert [r["key"] for r in result.added] == ["c"]
    assert [r["key"] for r in result.removed] == ["b"]
    assert not result.moved and not result.changed


def test_moved_keeps_both_times():
    result = diff(rows(event("a", 1)), rows(event("a", 4)))
    [move] = result.moved
    assert move.old["starts_at"] == "2025-04-21T06:00:00+00:00"
    assert move.new["starts_at"] == "2025-04-21T09:00:00+00:00"
    assert [f.field for f in move.fields] == ["starts_at", "ends_at"]
    assert not result.changed and not result.added and not result.removed


def test_only_the_end_changed_is_a_move():
    longer = event("a", ends_at=START + timedelta(hours=2))
    [move] = diff(rows(event("a")), rows(longer)).moved
    assert [f.field for f in move.fields] == ["ends_at"]


def test_the_guests_sheet_leaves_internal_events_and_staff_fields_out():
    old = rows(event("a"), event("b", 1, visibility="internal"), event("c", 2))
    new = rows(
        event("a", internal_notes="у служебного входа"),
        event("b", 1, visibility="internal", title={"ru": "Другое"}),
        event("c", 2, visibility="internal"),
        event("d", 3, visibility="internal"),
    )
    assert len(diff(old, new).changed) == 3  # the working copy sees every change
    guests = diff(guest_rows(old), guest_rows(new))
    assert [row["key"] for row in guests.removed] == ["c"]  # made internal: gone for guests
    assert not guests.added and not guests.changed and not guests.moved
    assert "internal_notes" not in guest_rows(new)[0]


def test_changed_lists_the_fields_with_old_and_new_values():
    new = event("a", status="cancelled", venue={"ru": "Зал"}, title={"ru": "Новое"})
    result = diff(rows(event("a")), rows(new))
    [change] = result.changed
    assert change.fields == (
        FieldChange("title", {"ru": "Событие a", "kk": None, "en": None},
                    {"ru": "Новое", "kk": None, "en": None}),
        FieldChange("status", "confirmed", "cancelled"),
        FieldChange("venue", None, {"ru": "Зал", "kk": None, "en": None}),
    )  # fmt: skip
    assert not result.moved


def test_participants_order_is_a_change():
    one, two = (
        ParticipantData({"ru": "А"}, "host", "host"),
        ParticipantData({"ru": "Б"}, "guest", "guest"),
    )
    [change] = diff(rows(event("a", participants=[one, two])),
                    rows(event("a", participants=[two, one]))).changed  # fmt: skip
    assert [f.field for f in change.fields] == ["participants"]


def test_moved_and_changed_is_listed_in_both():
    result = diff(rows(event("a", 1)), rows(event("a", 3, dress_code={"ru": "Парадная"})))
    assert [m.key for m in result.moved] == ["a"]
    [change] = result.changed
    assert [f.field for f in change.fields] == ["dress_code"]


def test_movement_rows_compare_their_transport():
    arrival = event("movement-1", kind="arrival", transport={"mode": "flight", "number": "S7 1"})
    later = event("movement-1", kind="arrival", transport={"mode": "flight", "number": "S7 2"})
    [change] = diff(rows(arrival), rows(later)).changed
    assert change.fields == (
        FieldChange("transport", {"mode": "flight", "number": "S7 1"},
                    {"mode": "flight", "number": "S7 2"}),
    )  # fmt: skip


def test_each_list_is_in_time_order():
    old = rows(event("x", 9), event("y", 1), event("m", 8), event("n", 2))
    new = rows(event("p", 7), event("q", 0), event("m", 5), event("n", 6), event("z", 4))
    result = diff(old, new)
    assert [r["key"] for r in result.added] == ["q", "z", "p"]
    assert [r["key"] for r in result.removed] == ["y", "x"]
    assert [m.key for m in result.moved] == ["m", "n"]


keys = st.sampled_from(["a", "b", "c", "d", "e", "f"])
hours = st.integers(min_value=0, max_value=12)
titles = st.sampled_from(["Встреча", "Концерт", "Ужин"])
snapshots = st.dictionaries(keys, st.tuples(hours, titles), max_size=6).map(
    lambda spec: rows(*(event(k, h, title={"ru": t}) for k, (h, t) in spec.items()))
)


@given(snapshots, snapshots, st.randoms())
def test_diff_ignores_the_order_of_rows(old, new, rnd):
    shuffled_old, shuffled_new = old[:], new[:]
    rnd.shuffle(shuffled_old)
    rnd.shuffle(shuffled_new)
    assert diff(shuffled_old, shuffled_new) == diff(old, new)


@given(snapshots, snapshots)
def test_diff_accounts_for_every_row(old, new):
    result = diff(old, new)
    old_keys, new_keys = {r["key"] for r in old}, {r["key"] for r in new}
    assert {r["key"] for r in result.added} == new_keys - old_keys
    assert {r["key"] for r in result.removed} == old_keys - new_keys
    touched = {m.key for m in result.moved} | {c.key for c in result.changed}
    same = {r["key"] for r in old if r in new}
    assert touched == (old_keys & new_keys) - same
    assert diff(old, old).is_empty
