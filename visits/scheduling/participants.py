"""Participants of an event in protocol order: the host side first, then the guests."""

from collections.abc import Iterable
from typing import Any

SIDE_ORDER = ("host", "guest")


def by_side(participants: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """(side, participants ordered by position) for each side that has anyone."""
    groups: dict[str, list[Any]] = {side: [] for side in SIDE_ORDER}
    for participant in participants:
        groups.setdefault(str(participant.side), []).append(participant)
    return [
        (side, sorted(people, key=lambda p: (p.position, p.id or 0)))
        for side, people in groups.items()
        if people
    ]
