"""Model constraints and time handling, on both databases."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from visits.events.services import InvalidEvent, create_event
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventKind,
    FeedScope,
    FeedToken,
    LocalizedText,
    MemberRole,
    Organization,
    Person,
    Visit,
)
from visits.scheduling.timezones import InvalidTimeZone, to_utc


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_bad_zone_name_is_refused_and_nothing_is_saved(db):
    with pytest.raises(InvalidTimeZone, match="Asia/Ust-Kamenogorsk"):
        Visit(
            title=LocalizedText(ru="Визит"),
            timezone="Asia/Ust-Kamenogorsk",
            start_date=date(2025, 4, 21),
            end_date=date(2025, 4, 21),
        )
    with pytest.raises(InvalidTimeZone):
        Delegation(name=LocalizedText(ru="Делегация"), home_timezone="UTC+7")
    db.session.rollback()
    assert count(db, Visit) == 0 and count(db, Delegation) == 0


def test_an_event_time_is_stored_in_utc_and_read_back_aware(db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(19, 0), time(21, 0))
    db.session.expire_all()
    stored = db.session.get(Event, event.id)
    assert stored.starts_at == datetime(2025, 4, 21, 14, 0, tzinfo=UTC)
    assert stored.starts_at.tzinfo is not None
    raw = db.session.execute(text("SELECT starts_at FROM events")).scalar_one()
    if isinstance(raw, str):  # SQLite keeps the UTC wall clock as text
        assert raw.startswith("2025-04-21 14:00:00")
    else:
        assert raw.astimezone(UTC) == datetime(2025, 4, 21, 14, 0, tzinfo=UTC)


def test_a_naive_datetime_is_refused(db, make_visit):
    visit = make_visit()
    db.session.add(
        Event(
            visit=visit,
            kind=EventKind.MEETING,
            title=LocalizedText(ru="Встреча"),
            starts_at=datetime(2025, 4, 21, 14, 0),
            ends_at=datetime(2025, 4, 21, 15, 0),
        )
    )
    with pytest.raises(Exception, match="naive"):
        db.session.commit()
    db.session.rollback()
    assert count(db, Event) == 0


def test_an_event_ending_before_it_starts_is_refused(db, make_visit):
    visit = make_visit()
    starts = to_utc(date(2025, 4, 21), time(12, 0), visit.timezone)
    ends = to_utc(date(2025, 4, 21), time(11, 0), visit.timezone)
    with pytest.raises(InvalidEvent) as refused:
        create_event(
            db.session,
            visit,
            kind=EventKind.MEETING,
            title=LocalizedText(ru="Встреча"),
            starts_at=starts,
            ends_at=ends,
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [("ends_at", "ends_before_start")]
    db.session.rollback()
    assert count(db, Event) == 0


def test_the_database_itself_refuses_an_event_ending_before_it_starts(db, make_visit):
    visit = make_visit()
    moment = to_utc(date(2025, 4, 21), time(12, 0), visit.timezone)
    db.session.add(
        Event(
            visit=visit,
            kind=EventKind.MEETING,
            title=LocalizedText(ru="Встреча"),
            starts_at=moment,
            ends_at=moment,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert count(db, Event) == 0


def test_an_event_outside_the_visit_dates_is_refused(db, make_visit):
    visit = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 21))
    with pytest.raises(InvalidEvent) as refused:
        create_event(
            db.session,
            visit,
            kind=EventKind.CONCERT,
            title=LocalizedText(ru="Концерт"),
            starts_at=to_utc(date(2025, 4, 22), time(19, 0), visit.timezone),
            ends_at=to_utc(date(2025, 4, 22), time(21, 0), visit.timezone),
        )
    assert ("starts_at", "outside_visit") in [(p.field, p.code) for p in refused.value.problems]
    db.session.rollback()
    assert count(db, Event) == 0


def test_an_event_inside_the_visit_is_saved_with_a_uid_and_sequence_zero(db, make_visit):
    visit = make_visit()
    event = create_event(
        db.session,
        visit,
        kind=EventKind.MEETING,
        title=LocalizedText(ru="Встреча"),
        starts_at=to_utc(date(2025, 4, 21), time(0, 30), visit.timezone),  # 20 April in UTC
        ends_at=to_utc(date(2025, 4, 21), time(1, 30), visit.timezone),
    )
    db.session.commit()
    assert event.sequence == 0
    assert event.uid.endswith("@visits") and len(event.uid) > 30
    uid = event.uid
    event.title = LocalizedText(ru="Встреча с акимом")
    db.session.commit()
    assert db.session.get(Event, event.id).uid == uid


def test_visit_dates_must_be_in_order(db):
    db.session.add(
        Visit(
            title=LocalizedText(ru="Визит"),
            timezone="Asia/Almaty",
            start_date=date(2025, 4, 22),
            end_date=date(2025, 4, 21),
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_members_come_in_order_of_precedence(db):
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    names = ["Третий", "Первый", "Второй"]
    for precedence, name in zip([3, 1, 2], names, strict=True):
        delegation.members.append(
            DelegationMember(
                person=Person(full_name=LocalizedText(ru=name)),
                role=MemberRole.MEMBER,
                precedence=precedence,
            )
        )
    db.session.add(delegation)
    db.session.commit()
    db.session.expire_all()
    loaded = db.session.get(Delegation, delegation.id)
    assert [m.display_name.get("ru") for m in loaded.members] == ["Первый", "Второй", "Третий"]


def test_a_member_is_a_person_or_a_group_not_both(db):
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    delegation.members.append(
        DelegationMember(
            person=Person(full_name=LocalizedText(ru="Солист")),
            organization=Organization(name=LocalizedText(ru="Ансамбль")),
            precedence=1,
        )
    )
    db.session.add(delegation)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_feed_tokens_carry_at_least_128_random_bits_and_a_matching_scope(db, make_visit):
    visit = make_visit()
    first = FeedToken(scope=FeedScope.VISIT, visit=visit, label="Делегат")
    second = FeedToken(scope=FeedScope.VISIT, visit=visit, label="Делегат")
    db.session.add_all([first, second])
    db.session.commit()
    assert first.token != second.token
    assert len(first.token) >= 22  # 22 URL-safe characters are 132 bits
    db.session.add(FeedToken(scope=FeedScope.PERSON, visit=visit, label="без человека"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
