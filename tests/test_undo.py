"""Change sets (one per transaction) and undoing them, on the services alone."""

from datetime import date, time

import pytest
from sqlalchemy import select

from visits.audit import act_as, describe_change
from visits.events.services import (
    Participant,
    create_event,
    move_event,
    update_event,
)
from visits.models import (
    AuditEntry,
    ChangeSet,
    Event,
    EventKind,
    EventParticipant,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
)
from visits.scheduling.timezones import to_utc
from visits.undo import CannotUndo, undo

DAY = date(2025, 4, 21)


def at(hour: int, minute: int = 0, day: date = DAY):
    return to_utc(day, time(hour, minute), "Asia/Almaty")


def last_change_set(db) -> ChangeSet:
    return db.session.scalars(select(ChangeSet).order_by(ChangeSet.id.desc())).first()


def change_sets(db) -> list[ChangeSet]:
    return list(db.session.scalars(select(ChangeSet).order_by(ChangeSet.id)))


@pytest.fixture
def people(db):
    found = [Person(full_name=LocalizedText(ru=name)) for name in ("Аким", "Снесарь", "Солист")]
    db.session.add_all(found)
    db.session.commit()
    return found


def guests(*people: Person) -> list[Participant]:
    return [Participant(p.id, None, ParticipantRole.GUEST, Side.GUEST) for p in people]


def new_event(db, visit, participants=(), start=10, end=11, title="Встреча с акимом") -> Event:
    event = create_event(
        db.session,
        visit,
        participants,
        kind=EventKind.MEETING,
        title=LocalizedText(ru=title),
        starts_at=at(start),
        ends_at=at(end),
    )
    db.session.commit()
    return event


def test_one_transaction_is_one_change_set_with_who_and_the_visit(
    db, make_visit, make_user, people
):
    user = make_user()
    visit = make_visit()
    act_as(db.session, user.id)
    before = len(change_sets(db))
    event = new_event(db, visit, guests(*people))
    made = change_sets(db)[before:]
    assert len(made) == 1
    (change_set,) = made
    assert change_set.user_id == user.id and change_set.visit_id == visit.id
    kinds = sorted(entry.entity_type for entry in change_set.entries)
    assert kinds == ["event_participants"] * 3 + ["events"]
    participant_entries = [e for e in change_set.entries if e.entity_type == "event_participants"]
    assert {e.event_id for e in participant_entries} == {event.id}
    assert {e.entity_title["ru"] for e in participant_entries} == {"Аким", "Снесарь", "Солист"}


def test_several_flushes_of_one_transaction_share_the_change_set(db, make_visit):
    visit = make_visit()
    first = Venue(name=LocalizedText(ru="Акимат"))
    db.session.add(first)
    db.session.flush()
    db.session.add(Venue(name=LocalizedText(ru="Ертіс концерт")))
    describe_change(db.session, "Две площадки")
    db.session.commit()
    change_set = last_change_set(db)
    assert change_set.summary == "Две площадки"
    assert [e.entity_title["ru"] for e in change_set.entries] == ["Акимат", "Ертіс концерт"]
    new_event(db, visit)
    assert last_change_set(db).id == change_set.id + 1 and last_change_set(db).summary is None


def test_a_rolled_back_transaction_leaves_no_change_set(db, make_visit):
    visit = make_visit()
    before = len(change_sets(db))
    db.session.add(Venue(name=LocalizedText(ru="Акимат")))
    db.session.flush()
    db.session.rollback()
    assert len(change_sets(db)) == before
    new_event(db, visit)
    assert len(change_sets(db)) == before + 1


def test_only_participants_changed_still_logs_the_event_at_its_new_version(db, make_visit, people):
    visit = make_visit()
    event = new_event(db, visit, guests(people[0]))
    update_event(db.session, event, {}, guests(people[0], people[1]))
    db.session.commit()
    entries = last_change_set(db).entries
    (event_entry,) = [e for e in entries if e.entity_type == "events"]
    assert event_entry.changes == {} and event_entry.entity_version == event.version_id


def test_undo_of_an_update_restores_the_fields_and_the_sequence_still_grows(db, make_visit):
    visit = make_visit()
    event = new_event(db, visit)
    update_event(
        db.session,
        event,
        {
            "title": LocalizedText(ru="Встреча", en="Meeting"),
            "starts_at": at(12),
            "ends_at": at(13),
        },
    )
    db.session.commit()
    changed, sequence = last_change_set(db), event.sequence
    feed_version = visit.feed_version

    undo(db.session, changed)
    db.session.commit()

    assert event.title == LocalizedText(ru="Встреча с акимом")
    assert (event.starts_at, event.ends_at) == (at(10), at(11))
    assert event.sequence == sequence + 1
    db.session.refresh(visit)
    assert visit.feed_version > feed_version
    undoing = last_change_set(db)
    assert undoing.undoes_id == changed.id and changed.undone_by_id == undoing.id


def test_undo_of_a_create_deletes_the_event_and_its_participants(db, make_visit, people):
    visit = make_visit()
    event = new_event(db, visit, guests(*people))
    event_id = event.id
    undo(db.session, last_change_set(db))
    db.session.commit()
    assert db.session.get(Event, event_id) is None
    left = db.session.scalars(select(EventParticipant).where(EventParticipant.event_id == event_id))
    assert left.all() == []


def test_undo_of_a_delete_brings_the_event_back_with_its_ids_and_participants(
    db, make_visit, people
):
    visit = make_visit()
    event = new_event(db, visit, guests(*people))
    event_id, uid, sequence = event.id, event.uid, event.sequence
    rows = [(p.id, p.person_id, p.position) for p in event.participants]
    db.session.delete(event)
    db.session.commit()
    db.session.expunge_all()

    undo(db.session, last_change_set(db))
    db.session.commit()

    back = db.session.get(Event, event_id)
    assert back.uid == uid and back.title == LocalizedText(ru="Встреча с акимом")
    assert back.sequence > sequence
    assert [(p.id, p.person_id, p.position) for p in back.participants] == rows


def test_undo_of_a_change_of_participants_restores_them(db, make_visit, people):
    visit = make_visit()
    event = new_event(db, visit, guests(people[0], people[1]))
    version = event.version_id
    update_event(db.session, event, {}, guests(people[2], people[0]))
    db.session.commit()
    undo(db.session, last_change_set(db))
    db.session.commit()
    db.session.refresh(event)
    assert [p.person_id for p in event.participants] == [people[0].id, people[1].id]
    assert event.version_id > version + 1


def test_undo_of_a_change_set_of_several_events_restores_them_all(db, make_visit):
    visit = make_visit()
    events = [new_event(db, visit, start=h, end=h + 1) for h in (9, 11, 14)]
    for event in events:  # a shift of the day by 20 minutes, in one commit
        move_event(db.session, event, event.starts_at.replace(minute=20))
    db.session.commit()
    shifted = last_change_set(db)
    assert {e.entity_id for e in shifted.entries} == {e.id for e in events}
    undo(db.session, shifted)
    db.session.commit()
    assert [e.starts_at for e in events] == [at(9), at(11), at(14)]


def test_undo_is_refused_when_a_record_changed_since_and_nothing_is_changed(db, make_visit):
    visit = make_visit()
    event = new_event(db, visit)
    update_event(db.session, event, {"starts_at": at(12), "ends_at": at(13)})
    db.session.commit()
    moved = last_change_set(db)
    update_event(db.session, event, {"title": LocalizedText(ru="Встреча с акимом области")})
    db.session.commit()
    with pytest.raises(CannotUndo) as refused:
        undo(db.session, moved)
    db.session.rollback()
    assert refused.value.code == "changed_since"
    assert refused.value.titles == [{"ru": "Встреча с акимом"}]  # as the change set named it
    assert event.starts_at == at(12) and moved.undone_by_id is None


def test_undo_is_refused_when_the_old_times_are_outside_the_visit_now(db, make_visit):
    visit = make_visit()  # 21–22 April
    event = new_event(db, visit)
    move_event(db.session, event, to_utc(date(2025, 4, 22), time(10), visit.timezone))
    db.session.commit()
    moved = last_change_set(db)
    visit.start_date = date(2025, 4, 22)  # the first day is dropped meanwhile
    db.session.commit()
    with pytest.raises(CannotUndo) as refused:
        undo(db.session, moved)
    db.session.rollback()
    assert refused.value.code == "invalid" and refused.value.problems == ["outside_visit"]


def test_an_undo_can_be_undone_and_a_change_set_undone_once(db, make_visit):
    visit = make_visit()
    event = new_event(db, visit)
    update_event(db.session, event, {"starts_at": at(12), "ends_at": at(13)})
    db.session.commit()
    moved = last_change_set(db)
    undo(db.session, moved)
    db.session.commit()
    with pytest.raises(CannotUndo) as twice:
        undo(db.session, moved)
    db.session.rollback()
    assert twice.value.code == "already_undone"

    undo(db.session, last_change_set(db))  # redo
    db.session.commit()
    assert event.starts_at == at(12)


def test_ids_of_deleted_records_are_never_given_again(db, make_visit):
    visit = make_visit()
    event = new_event(db, visit)
    gone = event.id
    db.session.delete(event)
    db.session.commit()
    assert new_event(db, visit).id > gone
    logged = db.session.scalars(
        select(AuditEntry.entity_id).where(AuditEntry.entity_type == "events")
    ).all()
    assert logged.count(gone) == 2  # created and deleted: no newer record shares its history


def test_every_audited_table_never_reuses_ids(app):
    from visits.audit import _is_audited
    from visits.models.base import Model

    for mapper in Model.registry.mappers:
        if _is_audited(mapper.class_):
            assert mapper.local_table.dialect_kwargs.get("sqlite_autoincrement"), mapper.class_
