"""Which warnings a change makes appear and which it makes disappear.

The conflicts of a visit before a change and with it applied are compared as they are:
a warning that stays exactly the same (the same code, events, people, venues and minutes)
is kept; one that changes its figures (an overlap of 10 min becoming 30 min) disappears in
its old form and appears in its new one, which is what the reader needs to see. A warning
about an event that the change creates (a copy) always appears; one about an event that it
deletes always disappears.

Both lists keep the order of their input (the detector's sorted order), and a warning
repeated in the input is counted as often as it comes.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from visits.scheduling.conflicts import Conflict


@dataclass(frozen=True)
class ConflictDiff:
    appeared: tuple[Conflict, ...]  # in `after`, not in `before`
    disappeared: tuple[Conflict, ...]  # in `before`, not in `after`
    kept: tuple[Conflict, ...]  # in both: still open once the change is made

    @property
    def is_empty(self) -> bool:
        return not self.appeared and not self.disappeared


def _only_in(first: Sequence[Conflict], second: Sequence[Conflict]) -> tuple[Conflict, ...]:
    """The conflicts of `first` that `second` does not have (as many times as they exceed it)."""
    left = Counter(second)
    result = []
    for conflict in first:
        if left[conflict]:
            left[conflict] -= 1
        else:
            result.append(conflict)
    return tuple(result)


def diff_conflicts(before: Sequence[Conflict], after: Sequence[Conflict]) -> ConflictDiff:
    """The warnings that `after` adds to `before`, those it removes, and those it keeps."""
    appeared = _only_in(after, before)
    new = Counter(appeared)
    kept = []
    for conflict in after:
        if new[conflict]:
            new[conflict] -= 1
        else:
            kept.append(conflict)
    return ConflictDiff(appeared, _only_in(before, after), tuple(kept))
