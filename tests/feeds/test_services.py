"""Feed-token operations, without pages."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from visits.feeds.services import (
    AlreadyRevoked,
    FeedSettings,
    FeedTarget,
    InvalidFeed,
    SettingsChanged,
    UnknownRecord,
    issue_feed,
    people_of_visit,
    revoke_feed,
    rotate_feed,
    settings_of,
    update_settings,
    venues_of_visit,
    visits_of_person,
)
from visits.models import (
    DelegationMember,
    FeedScope,
    FeedToken,
    LocalizedText,
    MemberRole,
    Person,
)

SETTINGS = FeedSettings("Делегация", "ru", "asia/barnaul", 30, True)


def test_issue_checks_scope_and_target(db, scene):
    visit, person, venue = scene["visit"], scene["person"], scene["venue"]
    session = db.session
    bad = [
        (FeedTarget(FeedScope.PERSON, visit.id), InvalidFeed),
        (FeedTarget(FeedScope.VISIT, visit.id, person_id=person.id), InvalidFeed),
        (FeedTarget(FeedScope.VENUE, visit.id, person_id=person.id), InvalidFeed),
        (
            FeedTarget(FeedScope.PERSON, visit.id, person_id=person.id, venue_id=venue.id),
            InvalidFeed,
        ),
        (FeedTarget(FeedScope.VISIT, 999), UnknownRecord),
        (FeedTarget(FeedScope.VENUE, visit.id, venue_id=999), UnknownRecord),
    ]
    for target, error in bad:
        with pytest.raises(error):
            issue_feed(session, target, SETTINGS)
    for settings in (
        FeedSettings(" ", "ru", None, None, True),
        FeedSettings("x", "de", None, None, True),
        FeedSettings("x", "ru", "Nowhere/City", None, True),
        FeedSettings("x", "ru", None, 1441, True),
        FeedSettings("x", "ru", None, -1, True),
    ):
        with pytest.raises(InvalidFeed):
            issue_feed(session, FeedTarget(FeedScope.VISIT, visit.id), settings)
    token = issue_feed(
        session,
        FeedTarget(FeedScope.VENUE, visit.id, venue_id=venue.id),
        FeedSettings("Зал", "kk", "asia/barnaul", 0, False),
    )
    session.commit()
    assert token.home_timezone == "Asia/Barnaul"
    assert token.include_public is True  # only person feeds may leave public events out
    assert token.reminder_minutes == 0


def test_rotate_copies_the_settings_and_revokes_the_old_link_once(db, scene):
    person = scene["person"]
    old = issue_feed(
        db.session,
        FeedTarget(FeedScope.PERSON, scene["visit"].id, person_id=person.id),
        FeedSettings("Снесарь", "en", "Asia/Barnaul", 45, False),
    )
    db.session.commit()
    now = datetime(2025, 4, 21, 5, 0, tzinfo=UTC)
    fresh = rotate_feed(db.session, old, now)
    db.session.commit()
    assert old.revoked_at == now and fresh.revoked_at is None
    assert settings_of(fresh) == settings_of(old)
    assert (fresh.scope, fresh.person_id) == (FeedScope.PERSON, person.id)
    assert fresh.token != old.token
    with pytest.raises(AlreadyRevoked):
        rotate_feed(db.session, old)
    db.session.rollback()
    with pytest.raises(AlreadyRevoked):
        revoke_feed(db.session, old)
    db.session.rollback()
    assert len(db.session.scalars(select(FeedToken)).all()) == 2


@pytest.mark.isolated  # the other transaction commits on a connection of its own
def test_a_revoke_made_elsewhere_meanwhile_is_seen(db, scene, make_token):
    token = make_token(scene["visit"])
    assert token.revoked_at is None  # loaded: live
    # Someone else's transaction revokes it after this session loaded it.
    with db.engine.begin() as other:
        other.execute(FeedToken.__table__.update().values(revoked_at=datetime.now(UTC)))
    assert token.revoked_at is None  # what this session still holds
    with pytest.raises(AlreadyRevoked):
        rotate_feed(db.session, token)
    db.session.rollback()
    assert len(db.session.scalars(select(FeedToken)).all()) == 1


def test_settings_change_only_from_what_was_loaded(db, scene, make_token):
    token = make_token(scene["visit"], label="Делегация", reminder_minutes=None)
    loaded = settings_of(token)
    update_settings(db.session, token, FeedSettings("Глава", "en", None, 15, True), loaded)
    db.session.commit()
    assert (token.label, token.language, token.reminder_minutes) == ("Глава", "en", 15)
    with pytest.raises(SettingsChanged) as refused:
        update_settings(db.session, token, FeedSettings("Другое", "ru", None, None, True), loaded)
    db.session.rollback()
    assert ("label", "Делегация", "Глава") in refused.value.changes()
    assert ("reminder_minutes", None, 15) in refused.value.changes()
    assert token.label == "Глава"


def test_the_visits_people_venues_and_a_persons_visits(db, scene, make_visit):
    visit, person = scene["visit"], scene["person"]
    member = Person(full_name=LocalizedText(ru="Член делегации"))
    stranger = Person(full_name=LocalizedText(ru="Посторонний"))
    db.session.add_all([member, stranger])
    db.session.flush()
    db.session.add(
        DelegationMember(
            delegation_id=visit.delegation_id,
            person_id=member.id,
            role=MemberRole.MEMBER,
            precedence=1,
        )
    )
    db.session.commit()
    other_visit = make_visit(delegation=visit.delegation, title=LocalizedText(ru="Второй"))
    people = {p.id for p in db.session.scalars(people_of_visit(visit))}
    assert people == {person.id, member.id}
    assert [v.id for v in db.session.scalars(venues_of_visit(visit.id))] == [scene["venue"].id]
    assert [v.id for v in db.session.scalars(visits_of_person(person.id))] == [visit.id]
    assert {v.id for v in db.session.scalars(visits_of_person(member.id))} == {
        visit.id,
        other_visit.id,
    }
    assert list(db.session.scalars(visits_of_person(stranger.id))) == []
