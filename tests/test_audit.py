"""Every create, change and delete of an audited record is logged, field by field."""

from datetime import date, time

from sqlalchemy import select

from visits.audit import act_as
from visits.models import AuditAction, AuditEntry, LocalizedText, Venue


def entries(db):
    return db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()


def test_create_change_delete_are_logged_with_who_and_old_and_new(db, make_user):
    user = make_user("editor")
    act_as(db.session, user.id)
    venue = Venue(name=LocalizedText(ru="Акимат"), capacity=50)
    db.session.add(venue)
    db.session.commit()
    venue.name = LocalizedText(ru="Акимат ВКО", en="Akimat")
    venue.capacity = 80
    db.session.commit()
    db.session.delete(venue)
    db.session.commit()

    created, changed, deleted = [e for e in entries(db) if e.entity_type == "venues"]
    assert [e.action for e in (created, changed, deleted)] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    ]
    assert {e.user_id for e in (created, changed, deleted)} == {user.id}
    assert created.entity_type == "venues" and created.changes["name_ru"] == [None, "Акимат"]
    assert changed.changes == {
        "name_ru": ["Акимат", "Акимат ВКО"],
        "name_en": [None, "Akimat"],
        "capacity": [50, 80],
    }
    assert changed.entity_version == 2
    assert deleted.changes["capacity"] == [80, None]


def test_an_event_change_is_logged_under_its_visit(db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10, 0), time(11, 0))
    event.title = LocalizedText(ru="Встреча с акимом")
    db.session.commit()
    logged = [e for e in entries(db) if e.entity_type == "events"]
    assert [e.action for e in logged] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert {e.visit_id for e in logged} == {visit.id}
    assert logged[1].changes == {"title_ru": ["Встреча", "Встреча с акимом"]}


def test_deleting_a_visit_keeps_its_log(db, make_visit, make_event):
    visit = make_visit()
    make_event(visit, date(2025, 4, 21), time(10, 0), time(11, 0))
    db.session.delete(visit)
    db.session.commit()
    deletes = [e for e in entries(db) if e.action is AuditAction.DELETE]
    assert {e.entity_type for e in deletes} >= {"visits", "events"}
    assert all(e.visit_id is None for e in deletes)


def test_passwords_never_reach_the_log(db, make_user):
    make_user("admin")
    assert all("password_hash" not in e.changes for e in entries(db))


def test_a_participant_taken_off_an_event_is_logged_under_the_event(db, make_visit, make_event):
    from visits.events.services import Participant, update_event
    from visits.models import ParticipantRole, Person, Side

    visit = make_visit()
    person = Person(full_name=LocalizedText(ru="Снесарь"))
    db.session.add(person)
    db.session.commit()
    event = make_event(visit, date(2025, 4, 21), time(10, 0), time(11, 0))
    guest = Participant(person.id, None, ParticipantRole.GUEST, Side.GUEST)
    update_event(db.session, event, {}, [guest])
    db.session.commit()
    update_event(db.session, event, {}, [])
    db.session.commit()
    (removed,) = [
        e
        for e in entries(db)
        if e.entity_type == "event_participants" and e.action is AuditAction.DELETE
    ]
    assert (removed.visit_id, removed.event_id) == (visit.id, event.id)
    assert removed.entity_title == {"ru": "Снесарь"}
