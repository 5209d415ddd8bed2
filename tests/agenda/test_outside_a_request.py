"""The command line plans and applies an import with no request (so no reader's language)."""

from sqlalchemy import func, select

from visits.agenda.service import AgendaError, apply_agenda, plan_agenda
from visits.models import Event

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:cli@example.org\r\n"
    b"DTSTART:20250421T050000Z\r\nDTEND:20250421T060000Z\r\nSUMMARY:Meeting\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_plan_and_apply_without_a_request(db, make_visit):
    visit = make_visit()
    events = apply_agenda(db.session, visit, plan_agenda(db.session, visit, "a.ics", ICS))
    db.session.commit()
    assert [event.uid for event in events] == ["cli@example.org"]
    try:
        plan_agenda(db.session, visit, "a.ics", ICS)
    except AgendaError as error:
        assert "cli@example.org" in error.messages[0]  # in the office's language
    else:
        raise AssertionError("a second import of the same UID must be refused")
    assert db.session.scalar(select(func.count()).select_from(Event)) == 1
