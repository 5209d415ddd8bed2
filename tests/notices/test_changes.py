"""What changed in a holder's programme since the last message: plain values."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from visits.exports.ical import FeedEvent
from visits.notices.changes import ChangeKind, Snapshot, changes

AT = datetime(2025, 4, 21, 13, 0, tzinfo=UTC)


def event(uid="concert", **fields) -> FeedEvent:
    values = {
        "uid": uid,
        "sequence": 0,
        "starts_at": AT,
        "ends_at": AT + timedelta(hours=2),
        "zone": "Asia/Almaty",
        "summary": "Концерт",
        "status": "confirmed",
        "category": "концерт",
        "location": "Драмтеатр, пр. Ауэзова, 2",
        "geo": None,
        "description": "",
        "url": None,
        "created_at": AT - timedelta(days=9),
        "updated_at": AT - timedelta(days=9),
    } | fields
    return FeedEvent(**values)


def told(*events: FeedEvent, language="ru") -> Snapshot:
    # Through JSON, as the link stores it.
    return Snapshot.from_json(Snapshot.of(list(events), language).as_json())


def test_nothing_told_yet_means_everything_is_new_but_what_is_already_cancelled():
    found = changes(None, [event(), event("gone", status="cancelled")], "ru")
    assert [(change.kind, change.uid) for change in found] == [(ChangeKind.ADDED, "concert")]


def test_an_unchanged_programme_has_no_changes():
    assert changes(told(event()), [event()], "ru") == []


def test_a_move_says_before_and_after():
    later = event(sequence=1, starts_at=AT + timedelta(hours=1), ends_at=AT + timedelta(hours=3))
    (change,) = changes(told(event()), [later], "ru")
    assert change.kind is ChangeKind.UPDATED
    assert change.moved and not change.relocated
    assert change.before.starts_at == AT
    assert change.after.starts_at == AT + timedelta(hours=1)


def test_a_new_address_is_a_relocation():
    moved_hall = event(sequence=1, location="Драмтеатр, ул. Театральная, 1")
    (change,) = changes(told(event()), [moved_hall], "ru")
    assert change.relocated and not change.moved
    assert change.before.location == "Драмтеатр, пр. Ауэзова, 2"


def test_other_details_are_a_change_too():
    (change,) = changes(told(event()), [event(description="Участники: аким")], "ru")
    assert change.kind is ChangeKind.UPDATED and change.other


def test_cancelled_and_removed_events():
    wreath = event("wreath", starts_at=AT - timedelta(hours=3), ends_at=AT - timedelta(hours=2))
    before = told(event(), wreath)
    found = changes(before, [event(status="cancelled", sequence=1)], "ru")
    assert [(change.kind, change.uid) for change in found] == [
        (ChangeKind.REMOVED, "wreath"),
        (ChangeKind.CANCELLED, "concert"),
    ]
    # Told cancelled, and cancelled still (or gone since): nothing more to say.
    assert changes(told(event(status="cancelled")), [], "ru") == []


def test_a_restored_event_is_told_again():
    (change,) = changes(told(event(status="cancelled")), [event(sequence=2)], "ru")
    assert change.kind is ChangeKind.ADDED


def test_texts_in_another_language_than_last_time_are_not_compared():
    english = replace(event(), summary="Concert", location="Drama theatre")
    assert changes(told(event(), language="ru"), [english], "en") == []
