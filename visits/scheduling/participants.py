"""Participants of an event in protocol order: the host side first, then the guests; and
where a newcomer from the delegation takes its place among them."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

SIDE_ORDER = ("host", "guest")
K = TypeVar("K")


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


def in_precedence(
    listed: Sequence[K], added: Iterable[K], rank: Callable[[K], int | None]
) -> list[K]:
    """`listed` with each of `added` put in its place by precedence.

    `rank(p)` is p's place in the delegation's order of precedence (1 the most senior), or
    None for anyone outside the delegation. A ranked newcomer goes before the first row
    ranked after it, else after the last ranked row, else at the end; an unranked one
    goes at the end. Rows already listed never move: an order the user chose stands.
    """
    rows = list(listed)
    for newcomer in added:
        place = rank(newcomer)
        index = len(rows)
        if place is not None:
            ranks = [rank(row) for row in rows]
            later = [i for i, r in enumerate(ranks) if r is not None and r > place]
            ranked = [i for i, r in enumerate(ranks) if r is not None]
            if later:
                index = later[0]
            elif ranked:
                index = ranked[-1] + 1
        rows.insert(index, newcomer)
    return rows
