"""An event keeps the status it had when it was cancelled, and restoring gives it back."""

from datetime import date, time

import pytest
from sqlalchemy import delete

from visits.events.services import cancel_event, restore_event, update_event
from visits.models import AuditEntry, EventStatus


@pytest.mark.parametrize("status", [EventStatus.CONFIRMED, EventStatus.TENTATIVE])
def test_restoring_gives_back_the_status_before_cancelling(db, make_visit, make_event, status):
    event = make_event(make_visit(), date(2025, 4, 21), time(10), time(11), status=status)
    cancel_event(db.session, event)
    db.session.commit()
    assert event.status_before_cancel is status
    # The event itself says what it was: the audit log is not read.
    db.session.execute(delete(AuditEntry))
    restore_event(db.session, event)
    db.session.commit()
    assert event.status is status and event.status_before_cancel is None


def test_cancelling_twice_keeps_the_first_status(db, make_visit, make_event):
    event = make_event(make_visit(), date(2025, 4, 21), time(10), time(11))
    cancel_event(db.session, event)
    update_event(db.session, event, {"status": EventStatus.CANCELLED})
    restore_event(db.session, event)
    assert event.status is EventStatus.CONFIRMED


def test_an_event_cancelled_from_the_start_comes_back_tentative(db, make_visit, make_event):
    event = make_event(
        make_visit(), date(2025, 4, 21), time(10), time(11), status=EventStatus.CANCELLED
    )
    restore_event(db.session, event)
    assert event.status is EventStatus.TENTATIVE


def test_a_cancellation_by_edit_is_remembered_too(db, make_visit, make_event):
    event = make_event(make_visit(), date(2025, 4, 21), time(10), time(11))
    update_event(db.session, event, {"status": EventStatus.CANCELLED})
    assert event.status_before_cancel is EventStatus.CONFIRMED
    update_event(db.session, event, {"status": EventStatus.TENTATIVE})
    assert event.status_before_cancel is None
