"""The three-way merge of a record's form: what the user loaded (base), what they submitted
(mine) and the record as a colleague has saved it since (theirs).

Field by field (a field is whatever the caller keys: one input, or several that only make
sense together, such as a date with its start and end):

- the user left it as loaded → the colleague's value (their change is taken);
- only the user changed it → the user's value (their change is kept);
- both changed it to the same value → that value;
- both changed it, differently → a conflict, which the user settles.

Without a base (a form that carried none, or one that was tampered with) nobody can tell
who changed what: every field where the two sides differ is a conflict. So the merge never
silently drops either side's change.

Values are compared with ==; callers pass plain, normalized values (strings, numbers,
lists, tuples…) so that a field the user did not touch compares equal to its loaded value.
No Flask, no database: values in, values out.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Merge:
    """The outcome: `values` holds every field's merged value (a conflicting field holds
    the user's, until they choose); `taken` the fields changed by the colleague and now
    theirs, `kept` the fields only the user changed, `conflicts` those both changed
    differently — each in the order of the fields given."""

    values: dict[str, Any]
    taken: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = field(default=())

    @property
    def is_clean(self) -> bool:
        return not self.conflicts


_UNKNOWN = object()


def merge(
    base: Mapping[str, Any] | None, mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> Merge:
    """Merge the fields of `mine` (every key of it must be in `theirs`); a field missing
    from `base`, or no base at all, counts as unknown."""
    values: dict[str, Any] = {}
    taken: list[str] = []
    kept: list[str] = []
    conflicts: list[str] = []
    for key, my_value in mine.items():
        their_value = theirs[key]
        loaded = _UNKNOWN if base is None else base.get(key, _UNKNOWN)
        values[key] = my_value
        if my_value == their_value:
            continue
        if loaded is _UNKNOWN:
            conflicts.append(key)
        elif my_value == loaded:
            values[key] = their_value
            taken.append(key)
        elif their_value == loaded:
            kept.append(key)
        else:
            conflicts.append(key)
    return Merge(values, tuple(taken), tuple(kept), tuple(conflicts))
