"""visits/events/additions.py: the head's party, saved groups, and where newcomers land."""

import pytest

from visits.events.additions import head_party_participants, joined, saved_group_participants
from visits.events.services import InvalidEvent, Participant, delegation_participants
from visits.models import (
    Delegation,
    DelegationMember,
    LocalizedText,
    MemberRole,
    Organization,
    ParticipantList,
    ParticipantRole,
    Person,
    Side,
)
from visits.participant_lists.services import (
    SavedGroupValues,
    create_saved_group,
    update_saved_group,
)

GUEST, HOST = ParticipantRole.GUEST, ParticipantRole.HOST


@pytest.fixture
def visit(db, make_visit):
    """A delegation of five: the head, a deputy, an aide and an interpreter with the head,
    and an orchestra."""
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    cast = [
        ("Глава", MemberRole.HEAD, False),
        ("Заместитель", MemberRole.DEPUTY_HEAD, False),
        ("Помощник", MemberRole.MEMBER, True),
        ("Оркестр", MemberRole.PERFORMER, False),
        ("Переводчик", MemberRole.INTERPRETER, True),
    ]
    for number, (name, role, with_head) in enumerate(cast, start=1):
        who = (
            {"organization": Organization(name=LocalizedText(ru=name))}
            if role is MemberRole.PERFORMER
            else {"person": Person(full_name=LocalizedText(ru=name))}
        )
        delegation.members.append(
            DelegationMember(**who, role=role, precedence=number, is_with_head=with_head)
        )
    return make_visit(delegation=delegation)


def ids(participants):
    return [p.person_id or p.organization_id for p in participants]


def member_ids(visit, *numbers):
    members = visit.delegation.members
    return [members[n - 1].person_id or members[n - 1].organization_id for n in numbers]


def test_the_head_comes_with_their_party_in_precedence_order(visit):
    party = head_party_participants(visit)
    assert ids(party) == member_ids(visit, 1, 3, 5)
    assert [p.role for p in party] == [GUEST, GUEST, ParticipantRole.INTERPRETER]
    assert {p.side for p in party} == {Side.GUEST}


def test_a_visit_without_a_delegation_has_no_party(make_visit):
    assert head_party_participants(make_visit(delegation=None)) == []


def test_the_whole_delegation_after_the_party_fills_the_gaps_by_precedence(visit):
    rows = joined(visit, [], head_party_participants(visit))
    rows = joined(visit, rows, delegation_participants(visit))
    assert ids(rows) == member_ids(visit, 1, 2, 3, 4, 5)


def test_a_member_added_later_lands_in_place_and_the_user_order_stands(visit, db):
    akim = Person(full_name=LocalizedText(ru="Аким"))
    db.session.add(akim)
    db.session.flush()
    host = Participant(akim.id, None, HOST, Side.HOST)
    head, deputy = (Participant(i, None, GUEST, Side.GUEST) for i in member_ids(visit, 1, 2))
    (orchestra_id,) = member_ids(visit, 4)
    orchestra = Participant(None, orchestra_id, ParticipantRole.PERFORMER, Side.GUEST)
    # The user put the orchestra before the head on purpose; the deputy goes before the
    # orchestra (the first row ranked after it); the host stays where it was.
    rows = joined(visit, [host, orchestra, head], [deputy, head])
    assert rows == [host, deputy, orchestra, head]


def test_a_saved_group_keeps_its_order_roles_and_sides(db):
    soloist = Person(full_name=LocalizedText(ru="Солист"))
    orchestra = Organization(name=LocalizedText(ru="«Сибирь»"))
    db.session.add_all([soloist, orchestra])
    db.session.flush()
    wanted = [
        Participant(None, orchestra.id, ParticipantRole.PERFORMER, Side.GUEST),
        Participant(soloist.id, None, ParticipantRole.PERFORMER, Side.HOST),
    ]
    saved = create_saved_group(
        db.session(), SavedGroupValues(LocalizedText(ru="Оркестр «Сибирь»"), wanted)
    )
    db.session.commit()
    assert saved_group_participants(db.session.get(ParticipantList, saved.id)) == wanted


def test_changing_only_the_rows_of_a_saved_group_raises_its_version(db):
    people = [Person(full_name=LocalizedText(ru=name)) for name in ("А", "Б")]
    db.session.add_all(people)
    db.session.flush()
    first, second = (Participant(p.id, None, GUEST, Side.GUEST) for p in people)
    name = LocalizedText(ru="Свита")
    saved = create_saved_group(db.session(), SavedGroupValues(name, [first, second]))
    db.session.commit()
    version = saved.version_id
    update_saved_group(saved, SavedGroupValues(name, [second, first]))
    db.session.commit()
    assert saved.version_id == version + 1
    assert saved_group_participants(saved) == [second, first]


def test_a_saved_group_naming_someone_twice_is_refused(db):
    person = Person(full_name=LocalizedText(ru="А"))
    db.session.add(person)
    db.session.flush()
    twice = [Participant(person.id, None, GUEST, Side.GUEST)] * 2
    with pytest.raises(InvalidEvent) as refused:
        create_saved_group(db.session(), SavedGroupValues(LocalizedText(ru="Свита"), twice))
    assert [(p.code, p.row) for p in refused.value.problems] == [("duplicate_participant", 1)]
