"""Delegation operations. They check, then change the session; the caller commits.

Members keep their precedence as 1..n without gaps after every change. Operations on
the member list take the list of member ids as the user saw it (`loaded`) and refuse
when the list has changed since, rather than apply an order meant for another list.
"""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy.orm import Session

from visits.delegations.queries import member_in_delegation, movements_of, stays_of, visits_of
from visits.models import Delegation, DelegationMember, MemberRole, Visit


class DelegationInUse(Exception):
    """Visits still use the delegation; it cannot be deleted."""

    def __init__(self, visits: Sequence[Visit]) -> None:
        super().__init__(f"used by {len(visits)} visit(s)")
        self.visits = list(visits)


class MembersChanged(Exception):
    """The members were added, removed or reordered since the page was loaded."""


class AlreadyMember(Exception):
    """The person (field "person_id") or group ("organization_id") is already a member."""

    def __init__(self, field: str) -> None:
        super().__init__(f"{field} already in the delegation")
        self.field = field


class PersonOrGroup(Exception):
    """A member is exactly one person or one group; `chosen` is how many were given."""

    def __init__(self, chosen: int) -> None:
        super().__init__(f"{chosen} chosen where exactly one is needed")
        self.chosen = chosen


def create_delegation(session: Session, **fields: Any) -> Delegation:
    delegation = Delegation(**fields)
    session.add(delegation)
    session.flush()
    return delegation


def update_delegation(delegation: Delegation, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(delegation, name, value)


def delete_delegation(session: Session, delegation: Delegation) -> None:
    visits = session.scalars(visits_of(delegation.id)).all()
    if visits:
        raise DelegationInUse(visits)
    member_ids = [m.id for m in delegation.members]
    for record in (
        *session.scalars(movements_of(member_ids)),
        *session.scalars(stays_of(member_ids)),
    ):
        session.delete(record)
    session.delete(delegation)


def renumber(members: Sequence[DelegationMember]) -> None:
    """Precedence 1..n in the order given."""
    for number, member in enumerate(members, start=1):
        if member.precedence != number:
            member.precedence = number


def in_order(delegation: Delegation) -> list[DelegationMember]:
    return sorted(delegation.members, key=lambda m: (m.precedence, m.id))


def check_loaded(delegation: Delegation, loaded: Sequence[int] | None) -> None:
    if loaded is not None and list(loaded) != [m.id for m in in_order(delegation)]:
        raise MembersChanged()


def add_member(
    session: Session,
    delegation: Delegation,
    person_id: int | None,
    organization_id: int | None,
    role: MemberRole,
    is_with_head: bool = False,
) -> DelegationMember:
    """A new member, last in order of precedence; `is_with_head` when they travel with the
    head (the head's party)."""
    chosen = (person_id is not None) + (organization_id is not None)
    if chosen != 1:
        raise PersonOrGroup(chosen)
    if session.scalar(member_in_delegation(delegation.id, person_id, organization_id)):
        raise AlreadyMember("person_id" if person_id is not None else "organization_id")
    members = in_order(delegation)
    renumber(members)
    member = DelegationMember(
        person_id=person_id,
        organization_id=organization_id,
        role=role,
        precedence=len(members) + 1,
        is_with_head=is_with_head,
    )
    delegation.members.append(member)
    session.flush()
    return member


def move_member(
    delegation: Delegation, member: DelegationMember, step: int, loaded: Sequence[int] | None
) -> None:
    """Swap the member with its neighbour above (step -1) or below (step +1)."""
    check_loaded(delegation, loaded)
    members = in_order(delegation)
    index = members.index(member)
    other = index + step
    if 0 <= other < len(members):
        members[index], members[other] = members[other], members[index]
    renumber(members)


def arrange_members(
    delegation: Delegation,
    rows: Sequence[tuple[int, int, MemberRole]],
    loaded: Sequence[int] | None,
    party: Collection[int] | None = None,
) -> None:
    """Set roles and the order from (member id, position, role) rows, then renumber 1..n;
    when `party` is given, exactly the members of those ids travel with the head.

    Where two members are given the same position, the one moved there comes first if
    it moved up, last if it moved down: giving the fifth member position 1 puts it
    first, giving the first member position 3 puts it third. Otherwise the present
    order stands.
    """
    check_loaded(delegation, loaded)
    members = in_order(delegation)
    wanted = {member_id: (position, role) for member_id, position, role in rows}
    if set(wanted) != {m.id for m in members} or len(wanted) != len(rows):
        raise MembersChanged()
    now = {m.id: number for number, m in enumerate(members, start=1)}

    def place(member: DelegationMember) -> tuple[int, int, int]:
        position, was = wanted[member.id][0], now[member.id]
        moved = (position > was) - (position < was)
        return position, moved, was

    for member in members:
        role = wanted[member.id][1]
        if member.role != role:
            member.role = role
        if party is not None and member.is_with_head != (member.id in party):
            member.is_with_head = member.id in party
    renumber(sorted(members, key=place))


def member_logistics(session: Session, member: DelegationMember) -> tuple[int, int]:
    """How many arrivals/departures and stays of visits name this member."""
    movements = session.scalars(movements_of([member.id])).all()
    stays = session.scalars(stays_of([member.id])).all()
    return len(movements), len(stays)


def remove_member(session: Session, delegation: Delegation, member: DelegationMember) -> None:
    """Remove the member with its arrivals, departures and stays; renumber the rest."""
    for record in (
        *session.scalars(movements_of([member.id])),
        *session.scalars(stays_of([member.id])),
    ):
        session.delete(record)
    members = in_order(delegation)
    members.remove(member)
    delegation.members.remove(member)
    session.delete(member)
    renumber(members)
