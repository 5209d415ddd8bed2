"""Sweeps over time intervals: the algorithms under conflict detection, on plain integers.

Moments are integers (conflict detection uses microseconds since the epoch) and intervals
are half-open, [start, end): two spans that merely touch do not overlap. Every function
takes spans already sorted by `Span.key` (start, end, id) and makes one pass over them,
so the cost is the sort plus the pairs or episodes reported, never a scan of all pairs.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from heapq import heappop, heappush

OPEN = 1 << 62  # stands for "no bound" on either side of a window


class Span:
    """An interval of time with an id, an optional venue and a weight (attendance)."""

    __slots__ = ("end", "id", "start", "venue", "weight")

    def __init__(
        self, id: int, start: int, end: int, venue: int | None = None, weight: int = 0
    ) -> None:
        self.id = id
        self.start = start
        self.end = end
        self.venue = venue
        self.weight = weight

    def key(self) -> tuple[int, int, int]:
        return (self.start, self.end, self.id)

    def __repr__(self) -> str:
        return f"Span({self.id}, {self.start}, {self.end}, {self.venue}, {self.weight})"


def overlapping_pairs(spans: Sequence[Span]) -> Iterator[tuple[Span, Span]]:
    """Every pair (earlier, later) of spans that overlap, by a sweep with an active list.

    The active list holds the spans still running when the next one starts, so it is as
    long as the number of spans running at once, not the number of spans.
    """
    active: list[Span] = []
    for span in spans:
        if active:
            start = span.start
            active = [other for other in active if other.end > start]
            for other in active:
                yield other, span
        active.append(span)


def handovers(spans: Sequence[Span]) -> Iterator[tuple[Span, Span]]:
    """Pairs (came_from, then): where someone comes from to each span, when not overlapping.

    The span one comes from is the earlier span that ends last (the previous one in start
    order, unless a longer one still runs; the later started one on equal ends). A span
    that overlaps the one it follows is not a handover and yields nothing.
    """
    last: Span | None = None
    for span in spans:
        if last is not None and last.end <= span.start:
            yield last, span
        if last is None or span.end >= last.end:
            last = span


@dataclass(frozen=True)
class Episode:
    """A maximal stretch of time during which the total weight of spans exceeds a limit."""

    spans: tuple[Span, ...]  # every span present during the episode, in time order
    start: int
    end: int
    peak: int  # the largest total weight within the episode


def episodes_over(spans: Sequence[Span], limit: int) -> list[Episode]:
    """Stretches where the weights of the spans running at once add up to more than `limit`.

    Weight rises only when a span starts, so an episode opens at a start; spans ending at
    a moment leave before spans starting at that moment arrive.
    """
    found: list[Episode] = []
    running: list[tuple[int, int, Span]] = []  # heap of (end, position, span)
    load = peak = began = 0
    episode: list[Span] | None = None

    def leave_until(moment: int) -> None:
        nonlocal load, episode
        while running and running[0][0] <= moment:
            end, _, gone = heappop(running)
            load -= gone.weight
            if episode is not None and load <= limit:
                found.append(Episode(tuple(episode), began, end, peak))
                episode = None

    for position, span in enumerate(spans):
        leave_until(span.start)
        heappush(running, (span.end, position, span))
        load += span.weight
        if episode is not None:
            episode.append(span)
            peak = max(peak, load)
        elif load > limit:
            episode = [item[2] for item in sorted(running, key=lambda item: item[1])]
            began, peak = span.start, load
    leave_until(OPEN)
    return found


def heavier(spans: Sequence[Span], limit: int) -> list[Episode]:
    """Each span whose own weight exceeds `limit`, as an episode of its own."""
    return [Episode((s,), s.start, s.end, s.weight) for s in spans if s.weight > limit]


Window = tuple[int, int]  # [lo, hi); OPEN (or -OPEN) where a side is not known


def uncovered(windows: Sequence[Window], start: int, end: int) -> Window | None:
    """None when some window holds [start, end) whole; else the window overlapping it most.

    Among windows overlapping equally, the first given wins; give them sorted.
    """
    best: Window | None = None
    best_overlap = 0
    for lo, hi in windows:
        if lo <= start and end <= hi:
            return None
        overlap = min(end, hi) - max(start, lo)
        if best is None or overlap > best_overlap:
            best, best_overlap = (lo, hi), overlap
    return best
