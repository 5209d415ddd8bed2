"""Every bulk change is one change set of the history, and undoing that change set puts
every event back as it was: times, status, venue, participants, and the events a copy
made or a deletion removed."""

import pytest
from sqlalchemy import func, select

from tests.events.test_bulk_services import MONDAY, TUESDAY, day  # noqa: F401 (a fixture)
from visits.events import bulk_flow
from visits.events.bulk import (
    CANCEL,
    COPY,
    COPY_DAY,
    DELETE,
    MOVE,
    SHIFT,
    SHIFT_LATER,
    BulkRequest,
)
from visits.models import ChangeSet, Event
from visits.undo import undo

REQUESTS = {
    SHIFT_LATER: lambda d: BulkRequest(SHIFT_LATER, (d.wreath.id,), minutes=20),
    SHIFT: lambda d: BulkRequest(SHIFT, (d.akim.id, d.concert.id), minutes=-30),
    MOVE: lambda d: BulkRequest(MOVE, (d.akim.id, d.wreath.id), day=TUESDAY),
    CANCEL: lambda d: BulkRequest(CANCEL, (d.akim.id, d.concert.id)),
    COPY: lambda d: BulkRequest(COPY, (d.akim.id, d.wreath.id), day=TUESDAY),
    DELETE: lambda d: BulkRequest(DELETE, (d.akim.id, d.concert.id)),
    COPY_DAY: lambda d: BulkRequest(COPY_DAY, day=TUESDAY, source_day=MONDAY),
}


def programme(db) -> list[tuple]:
    """Every event as a delegate and the staff see it (not its version or SEQUENCE)."""
    db.session.expire_all()
    return [
        (
            e.id,
            e.uid,
            e.title.ru,
            e.starts_at,
            e.ends_at,
            e.status,
            e.venue_id,
            tuple((p.person_id, p.organization_id, p.role, p.side) for p in e.participants),
        )
        for e in db.session.scalars(select(Event).order_by(Event.id))
    ]


def change_sets(db) -> int:
    return db.session.scalar(select(func.count()).select_from(ChangeSet))


@pytest.mark.parametrize("action", list(REQUESTS))
def test_a_bulk_change_is_one_change_set_and_undone_in_one_move(db, day, action):  # noqa: F811
    visit, before, sets = day.akim.visit, programme(db), change_sets(db)
    request = REQUESTS[action](day)
    preview = bulk_flow.preview(db.session, visit, request, lambda _visit, found: found)
    bulk_flow.apply(db.session, visit, request, preview.outcome.versions)
    changed = programme(db)
    assert changed != before
    assert change_sets(db) == sets + 1

    made = db.session.scalars(select(ChangeSet).order_by(ChangeSet.id.desc())).first()
    undo(db.session, made)
    db.session.commit()
    assert programme(db) == before
    assert change_sets(db) == sets + 2  # the undo is a change of its own, and can be undone
