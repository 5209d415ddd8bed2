"""Preview a change to several events, then apply it: the flow of the bulk pages.

- `preview` makes the change in the session, reads the visit's warnings with it made,
  and rolls everything back: it says what would change, which warnings would appear and
  which would disappear, and carries the versions of the events it read;
- `apply` makes the change again against those versions (a change made meanwhile is a
  StaleSelection) and commits it once: all of it, or nothing.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from visits.events.bulk import BulkRequest, Outcome, StaleSelection, run
from visits.models import Visit
from visits.scheduling.conflict_diff import diff_conflicts
from visits.scheduling.conflicts import Conflict
from visits.visits.conflicts import visit_conflicts
from visits.visits.queries import visit_page

W = TypeVar("W")
# Puts conflicts of a visit into words (visits.warnings.warnings_of); the names of events a
# change creates exist only while it is made, so warnings are described there and then.
Describe = Callable[[Visit, list[Conflict]], list[W]]


@dataclass(frozen=True)
class Preview(Generic[W]):
    outcome: Outcome
    appeared: list[W]  # warnings the change brings
    disappeared: list[W]  # warnings it removes
    open_after: int  # warnings still open once it is made


def _load(session: Session, visit_id: int) -> Visit:
    query = visit_page(visit_id).execution_options(populate_existing=True)
    visit = session.scalar(query)
    assert visit is not None  # the caller loaded it a moment ago
    return visit


def preview(
    session: Session, visit: Visit, request: BulkRequest, describe: Describe[W]
) -> Preview[W]:
    """What `request` would change; nothing is written (the transaction is rolled back,
    whatever happens). Raises BulkRefused like `apply` would."""
    visit_id = visit.id
    try:
        before = visit_conflicts(session, _load(session, visit_id))
        outcome = run(session, visit, request)
        session.expire_all()
        changed = _load(session, visit_id)
        after = visit_conflicts(session, changed)
        diff = diff_conflicts(before, after)
        appeared = describe(changed, list(diff.appeared))
        open_after = len(describe(changed, after))
    finally:
        session.rollback()
    disappeared = describe(_load(session, visit_id), list(diff.disappeared))
    return Preview(outcome, appeared, disappeared, open_after)


def apply(
    session: Session, visit: Visit, request: BulkRequest, expected: Mapping[int, int]
) -> Outcome:
    """Make the change previewed with the events at `expected` versions, and commit."""
    try:
        outcome = run(session, visit, request, expected)
        session.commit()
    except StaleDataError:  # an event was saved between our reading and our writing
        session.rollback()
        raise StaleSelection(visit, []) from None
    except BaseException:
        session.rollback()
        raise
    return outcome
