"""The history page of a visit: one row per user action, readable values, filters, undo."""

import re
from datetime import date, time

import pytest
from sqlalchemy import select

from tests.conftest import sign_in
from visits.audit import act_as
from visits.events.services import Participant, create_event, update_event
from visits.models import (
    ChangeSet,
    Event,
    EventKind,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Person,
    Role,
    Side,
    Venue,
)
from visits.scheduling.timezones import to_local, to_utc

DAY = date(2025, 4, 21)


def at(hour: int, day: date = DAY):
    return to_utc(day, time(hour), "Asia/Almaty")


def text(response) -> str:
    """The visible text of the page's list of changes (and its messages)."""
    html = re.sub(r'<form method="get".*?</form>', "", response.get_data(as_text=True), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def planned(db, make_visit):
    """A visit with an event at the akimat with two guests, saved as one action."""
    visit = make_visit()
    akimat = Venue(name=LocalizedText(ru="Акимат", en="Akimat"))
    hall = Venue(name=LocalizedText(ru="Ертіс концерт"))
    people = [Person(full_name=LocalizedText(ru=name)) for name in ("Снесарь", "Солист")]
    db.session.add_all([akimat, hall, *people])
    db.session.commit()
    event = create_event(
        db.session,
        visit,
        [Participant(p.id, None, ParticipantRole.GUEST, Side.GUEST) for p in people],
        kind=EventKind.MEETING,
        title=LocalizedText(ru="Встреча с акимом"),
        starts_at=at(10),
        ends_at=at(11),
        venue_id=akimat.id,
        status=EventStatus.TENTATIVE,
    )
    db.session.commit()
    return visit, event, akimat, hall


def history(client, visit, **args):
    return client.get(f"/visits/{visit.id}/history", query_string=args)


def test_one_row_per_action_with_participants_under_their_event(staff_client, planned):
    visit, _event, *_ = planned
    page = history(staff_client, visit).get_data(as_text=True)
    (row,) = [
        row for row in re.findall(r'<tr id="change-\d+".*?</tr>', page, re.S) if "Встреча" in row
    ]
    assert "Встреча с акимом" in row
    participants = row[row.index('class="participants"') :]
    assert "Снесарь" in participants and "Солист" in participants


def test_names_and_labels_instead_of_ids_and_codes(staff_client, db, planned):
    visit, event, akimat, hall = planned
    update_event(db.session, event, {"venue_id": hall.id, "status": EventStatus.CONFIRMED})
    db.session.commit()
    db.session.delete(akimat)  # its name stays readable in the history
    db.session.commit()
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ru"
    page = text(history(staff_client, visit))
    assert "Акимат → Ертіс концерт" in page
    assert "предварительно → подтверждено" in page
    assert "гость" in page and "guest" not in page
    assert "venue_id" not in page and f"#{event.id}" not in page


def test_a_deleted_event_reads_by_its_title_without_a_link(staff_client, db, planned):
    visit, event, *_ = planned
    event_id = event.id
    db.session.delete(event)
    db.session.commit()
    page = history(staff_client, visit).get_data(as_text=True)
    assert page.count("«Встреча с акимом»") >= 2
    assert f"/events/{event_id}/edit" not in page


def test_filter_by_record_staff_and_dates(staff_client, db, make_user, planned):
    visit, event, *_ = planned
    colleague = make_user(Role.EDITOR, "colleague@example.org")
    act_as(db.session, colleague.id)
    other = create_event(
        db.session,
        visit,
        kind=EventKind.CONCERT,
        title=LocalizedText(ru="Концерт"),
        starts_at=at(19),
        ends_at=at(21),
    )
    db.session.commit()

    by_record = text(history(staff_client, visit, record=f"events:{event.id}"))
    assert "Встреча с акимом" in by_record and "Концерт" not in by_record
    by_staff = text(history(staff_client, visit, user=str(colleague.id)))
    assert "Концерт" in by_staff and "Встреча с акимом" not in by_staff
    made = db.session.get(
        ChangeSet, db.session.scalar(select(ChangeSet.id).order_by(ChangeSet.id.desc()))
    )
    day = to_local(made.at, visit.timezone).date()  # days are the visit's
    assert "Концерт" in text(
        history(staff_client, visit, since=day.isoformat(), until=day.isoformat())
    )
    later = date(day.year + 1, 1, 1).isoformat()
    assert "No changes match these filters." in text(history(staff_client, visit, since=later))
    assert other.id


def test_the_pager_keeps_the_filters(staff_client, db, planned):
    visit, event, *_ = planned
    for hour in range(12, 12 + 27):
        update_event(db.session, event, {"vehicles": f"{hour}"})
        db.session.commit()
    page = history(staff_client, visit, record=f"events:{event.id}").get_data(as_text=True)
    assert page.count('<tr id="change-') == 25
    assert f"record=events:{event.id}" in page.replace("%3A", ":") and "page=2" in page


def test_undo_from_the_history_restores_the_event(staff_client, db, planned):
    visit, event, akimat, hall = planned
    update_event(db.session, event, {"venue_id": hall.id})
    db.session.commit()
    moved = db.session.scalar(select(ChangeSet).order_by(ChangeSet.id.desc()))
    page = history(staff_client, visit).get_data(as_text=True)
    assert f"/history/{moved.id}/undo" in page

    response = staff_client.post(
        f"/visits/{visit.id}/history/{moved.id}/undo", follow_redirects=True
    )

    assert "The change is undone." in text(response)
    db.session.expire_all()
    assert db.session.get(Event, event.id).venue_id == akimat.id
    assert "undone" in text(response) and "Undo of the change made at" in text(response)


def test_undo_refused_when_changed_since_says_which_record(staff_client, db, planned):
    visit, event, _akimat, hall = planned
    update_event(db.session, event, {"venue_id": hall.id})
    db.session.commit()
    moved = db.session.scalar(select(ChangeSet).order_by(ChangeSet.id.desc()))
    update_event(db.session, event, {"starts_at": at(12), "ends_at": at(13)})
    db.session.commit()
    response = staff_client.post(
        f"/visits/{visit.id}/history/{moved.id}/undo", follow_redirects=True
    )
    assert "Not undone: «Встреча с акимом» changed after this change." in text(response)
    db.session.expire_all()
    assert db.session.get(Event, event.id).venue_id == hall.id


def test_viewers_see_no_undo_and_may_not_undo(client, db, make_user, planned):
    visit, *_ = planned
    sign_in(client, make_user(Role.VIEWER))
    change_set = db.session.scalar(select(ChangeSet).order_by(ChangeSet.id.desc()))
    assert "/undo" not in history(client, visit).get_data(as_text=True)
    assert client.post(f"/visits/{visit.id}/history/{change_set.id}/undo").status_code == 403


def test_a_change_set_of_another_visit_is_not_undone_here(staff_client, make_visit, planned):
    visit, *_ = planned
    other = make_visit(title=LocalizedText(ru="Другой визит"))
    response = staff_client.post(f"/visits/{other.id}/history/1/undo")
    assert response.status_code == 404
    assert visit.id != other.id
