"""Participants of an event in protocol order: the host side first, then the guests."""

from collections.abc import Iterable
from typing import Any

SIDE_ORDER = ("host", "guest")


def by_side(participants: Iterable[Any]) -> list[tuple[Any, list[Any]]]:
    """(side, its participants by position) for each side that has anyone, hosts first."""
    groups: dict[Any, list[Any]] = {}
    for participant in participants:
        groups.setdefault(participant.side, []).append(participant)
    order = {side: n for n, side in enumerate(SIDE_ORDER)}
    return [
        (side, sorted(people, key=lambda p: (p.position, p.id or 0)))
        for side, people in sorted(groups.items(), key=lambda item: order.get(item[0], 99))
    ]
