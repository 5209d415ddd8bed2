"""Who joins an event's participant rows in one move: the head of the delegation with
their party, or a saved group; and where each newcomer lands among the rows listed.

Plain functions on loaded records; nothing is saved until the event form is.
"""

from collections.abc import Sequence

from visits.events.services import Participant, added_participants, delegation_participants
from visits.models import DelegationMember, MemberRole, ParticipantList, Visit
from visits.scheduling.participants import in_precedence


def _is_in_head_party(member: DelegationMember) -> bool:
    return member.role is MemberRole.HEAD or member.is_with_head


def head_party_participants(visit: Visit) -> list[Participant]:
    """The head of the delegation and the members who travel with them, in the order of
    precedence."""
    members = visit.delegation.members if visit.delegation is not None else []
    everyone = delegation_participants(visit)
    return [p for m, p in zip(members, everyone, strict=True) if _is_in_head_party(m)]


def saved_group_participants(saved: ParticipantList) -> list[Participant]:
    """The saved group's people and organizations, in its order, with their roles."""
    return [
        Participant(entry.person_id, entry.organization_id, entry.role, entry.side)
        for entry in saved.entries
    ]


def precedence_of(visit: Visit) -> dict[tuple[str, int | None], int]:
    """Each member's place in the delegation (1 the most senior), by participant key."""
    return {
        participant.key: place
        for place, participant in enumerate(delegation_participants(visit), start=1)
    }


def joined(
    visit: Visit, listed: Sequence[Participant], wanted: Sequence[Participant]
) -> list[Participant]:
    """The rows `listed` with those of `wanted` not yet among them, each member of the
    delegation in their place by precedence among the delegation's rows."""
    ranks = precedence_of(visit)
    return in_precedence(listed, added_participants(listed, wanted), lambda p: ranks.get(p.key))
