"""The quick actions on an event and on a day, deletion, and who may use them."""

from datetime import UTC, date, datetime, time

import pytest
from flask import render_template
from flask_login import login_user
from sqlalchemy import func, select

from tests.events.conftest import form_data, text_of
from tests.html_forms import form_fields
from visits.models import (
    Event,
    EventParticipant,
    EventStatus,
    ParticipantRole,
    Role,
    Side,
    Visibility,
)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def event(db, make_visit, make_event, cast) -> Event:
    """The concert, 19:00–21:00 on 21 April 2025 in Almaty, with two participants."""
    visit = make_visit()
    event = make_event(
        visit,
        date(2025, 4, 21),
        time(19),
        time(21),
        venue=cast.venues[1],
        visibility=Visibility.PUBLIC,
        internal_notes="Пропуска на служебный вход",
    )
    event.participants = [
        EventParticipant(person=cast.people[0], role=ParticipantRole.HOST, side=Side.HOST),
        EventParticipant(
            organization=cast.groups[0], role=ParticipantRole.PERFORMER, side=Side.GUEST, position=1
        ),
    ]
    db.session.commit()
    return event


def reload(db, event_id: int) -> Event:
    db.session.expire_all()
    return db.session.get(Event, event_id)


def test_duplicate_opens_a_filled_form_and_saves_nothing(staff_client, db, event):
    response = staff_client.get(f"/events/{event.id}/duplicate")
    assert response.status_code == 302
    form_url = response.headers["Location"]
    assert form_url.endswith(f"/visits/{event.visit_id}/events/new?copy={event.id}")
    page = staff_client.get(form_url)
    assert page.status_code == 200 and count(db, Event) == 1
    text = text_of(page)
    assert "This is a copy of the event." in text
    assert 'value="2025-04-21"' in page.get_data(as_text=True)


def test_saving_the_duplicate_makes_a_copy_with_a_new_uid_and_the_same_participants(
    staff_client, db, event
):
    response = staff_client.post(
        f"/visits/{event.visit_id}/events/new?copy={event.id}", data=copy_form(staff_client, event)
    )
    assert response.status_code == 302
    copy = db.session.scalar(select(Event).where(Event.id != event.id))
    assert response.headers["Location"].endswith(f"/events/{copy.id}/edit")
    original = reload(db, event.id)
    copy = reload(db, copy.id)
    assert copy.uid != original.uid and copy.sequence == 0
    assert (copy.title, copy.starts_at, copy.ends_at, copy.venue_id, copy.visibility) == (
        original.title,
        original.starts_at,
        original.ends_at,
        original.venue_id,
        original.visibility,
    )
    assert [(p.person_id, p.organization_id, p.role, p.side) for p in copy.participants] == [
        (p.person_id, p.organization_id, p.role, p.side) for p in original.participants
    ]
    assert {p.id for p in copy.participants}.isdisjoint(p.id for p in original.participants)
    assert copy.status is EventStatus.TENTATIVE


def copy_form(client, event) -> dict[str, str]:
    """The fields of the duplicate's form as the browser would post them unchanged."""
    page = client.get(f"/visits/{event.visit_id}/events/new?copy={event.id}")
    return form_fields(page.get_data(as_text=True))


def test_move_keeps_the_length_and_everything_else(staff_client, db, event):
    before = reload(db, event.id)
    kept = (before.uid, before.title, before.venue_id, before.status, before.internal_notes)
    people = [(p.person_id, p.organization_id, p.role) for p in before.participants]
    form = staff_client.get(f"/events/{event.id}/move")
    assert form.status_code == 200
    assert 'value="19:00"' in form.get_data(as_text=True)
    data = {"day": "2025-04-22", "start_time": "18:30", "version_id": str(before.version_id)}
    response = staff_client.post(f"/events/{event.id}/move", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/visits/{before.visit_id}?day=2025-04-22#event-{event.id}"
    )
    moved = reload(db, event.id)
    assert moved.starts_at == datetime(2025, 4, 22, 13, 30, tzinfo=UTC)
    assert moved.ends_at == datetime(2025, 4, 22, 15, 30, tzinfo=UTC)  # still two hours
    assert (moved.uid, moved.title, moved.venue_id, moved.status, moved.internal_notes) == kept
    assert [(p.person_id, p.organization_id, p.role) for p in moved.participants] == people
    assert moved.sequence == 1


def test_a_move_outside_the_visit_is_refused(staff_client, db, event):
    data = {"day": "2025-04-24", "start_time": "10:00", "version_id": str(event.version_id)}
    response = staff_client.post(f"/events/{event.id}/move", data=data)
    assert response.status_code == 422
    assert "The event falls outside the dates of the visit." in text_of(response)
    assert reload(db, event.id).starts_at == datetime(2025, 4, 21, 14, 0, tzinfo=UTC)


def test_a_move_from_a_stale_form_is_refused(staff_client, db, event):
    data = {"day": "2025-04-22", "start_time": "18:30", "version_id": str(event.version_id)}
    staff_client.post(f"/events/{event.id}/cancel")
    response = staff_client.post(f"/events/{event.id}/move", data=data)
    assert response.status_code == 409
    assert "A colleague saved this record after you opened it." in text_of(response)
    assert reload(db, event.id).starts_at == datetime(2025, 4, 21, 14, 0, tzinfo=UTC)


def test_cancel_and_restore_keep_the_event_listed_and_bump_the_sequence(staff_client, db, event):
    response = staff_client.post(f"/events/{event.id}/cancel")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#event-{event.id}")
    cancelled = reload(db, event.id)
    assert cancelled.status is EventStatus.CANCELLED and cancelled.sequence == 1
    page = staff_client.get(f"/visits/{cancelled.visit_id}")
    assert "The event is cancelled." in text_of(page)
    assert f'id="event-{event.id}" class="event cancelled"' in page.get_data(as_text=True)
    # Cancelling twice changes nothing more.
    staff_client.post(f"/events/{event.id}/cancel")
    assert reload(db, event.id).sequence == 1

    assert staff_client.post(f"/events/{event.id}/restore").status_code == 302
    restored = reload(db, event.id)
    assert restored.status is EventStatus.CONFIRMED and restored.sequence == 2
    # Restoring an event that is not cancelled changes nothing.
    staff_client.post(f"/events/{event.id}/restore")
    assert reload(db, event.id).sequence == 2


def test_delete_asks_first_then_deletes_with_the_participants(staff_client, db, event):
    page = staff_client.get(f"/events/{event.id}/delete")
    assert page.status_code == 200
    assert "Delete Встреча?" in text_of(page)
    assert "cancel it instead" in text_of(page)
    assert count(db, Event) == 1
    response = staff_client.post(f"/events/{event.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#day-2025-04-21")
    assert count(db, Event) == 0 and count(db, EventParticipant) == 0


ENDPOINTS = [
    "/events/{id}/edit",
    "/events/{id}/delete",
    "/events/{id}/move",
    "/events/{id}/cancel",
    "/events/{id}/restore",
    "/visits/{visit}/events/new",
    "/visits/{visit}/copy-day",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_viewer_may_not_post(viewer_client, db, event, url):
    before = (count(db, Event), reload(db, event.id).version_id)
    response = viewer_client.post(
        url.format(id=event.id, visit=event.visit_id), data=form_data(source="2025-04-21")
    )
    assert response.status_code == 403
    assert (count(db, Event), reload(db, event.id).version_id) == before


@pytest.mark.parametrize(
    "url",
    [
        *(u for u in ENDPOINTS if "cancel" not in u and "restore" not in u),
        "/events/{id}/duplicate",
    ],
)
def test_a_viewer_is_not_shown_the_forms(viewer_client, event, url):
    assert viewer_client.get(url.format(id=event.id, visit=event.visit_id)).status_code == 403


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_post_without_the_csrf_token_is_refused(app, staff_client, db, event, url):
    app.config["WTF_CSRF_ENABLED"] = True
    before = (count(db, Event), reload(db, event.id).version_id)
    response = staff_client.post(url.format(id=event.id, visit=event.visit_id), data=form_data())
    assert response.status_code == 400
    assert (count(db, Event), reload(db, event.id).version_id) == before


def test_the_quick_actions_carry_the_csrf_token(app, staff_client, db, event):
    app.config["WTF_CSRF_ENABLED"] = True
    page = staff_client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    response = staff_client.post(f"/events/{event.id}/cancel", data={"csrf_token": token})
    assert response.status_code == 302
    assert reload(db, event.id).status is EventStatus.CANCELLED


@pytest.mark.parametrize(
    "url",
    [
        "/events/abc/edit",
        "/events/999/edit",
        "/events/-1/edit",
        "/events/999/delete",
        "/events/999/move",
        "/visits/999/events/new",
        "/visits/x/events/new",
        "/visits/999/copy-day",
        "/events/1.5/edit",
    ],
)
def test_malformed_or_unknown_ids_are_not_found(staff_client, url):
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("action", ["cancel", "restore"])
def test_quick_actions_on_an_unknown_event_are_not_found(staff_client, action):
    assert staff_client.post(f"/events/999/{action}").status_code == 404


def test_copying_an_unknown_event_or_one_of_another_visit_is_not_found(
    staff_client, event, make_visit
):
    other = make_visit()
    assert staff_client.get("/events/999/duplicate").status_code == 404
    assert staff_client.get(f"/visits/{event.visit_id}/events/new?copy=999").status_code == 404
    assert staff_client.get(f"/visits/{other.id}/events/new?copy={event.id}").status_code == 404


def render_as(app, user, template: str, **context) -> str:
    with app.test_request_context("/"):
        login_user(user)
        return render_template(template, **context)


def test_the_action_partials_show_buttons_to_editors_only(app, db, make_user, event):
    editor, viewer = make_user(Role.EDITOR), make_user(Role.VIEWER)
    actions = render_as(app, editor, "events/_actions.html", event=event)
    for url in ("edit", "move", "duplicate", "cancel", "delete"):
        assert f"/events/{event.id}/{url}" in actions
    assert f"/events/{event.id}/restore" not in actions
    assert render_as(app, viewer, "events/_actions.html", event=event).strip() == ""

    event.status = EventStatus.CANCELLED
    actions = render_as(app, editor, "events/_actions.html", event=event)
    assert f"/events/{event.id}/restore" in actions and "/cancel" not in actions

    day = date(2025, 4, 22)
    links = render_as(app, editor, "events/_day_actions.html", visit=event.visit, day=day)
    assert f"/visits/{event.visit_id}/events/new?day=2025-04-22" in links
    assert f"/visits/{event.visit_id}/copy-day?source=2025-04-22" in links
    hidden = render_as(app, viewer, "events/_day_actions.html", visit=event.visit, day=day)
    assert hidden.strip() == ""
    db.session.rollback()


def test_restoring_gives_back_the_status_before_the_cancellation(staff_client, db, event):
    event.status = EventStatus.TENTATIVE
    db.session.commit()
    staff_client.post(f"/events/{event.id}/cancel")
    staff_client.post(f"/events/{event.id}/restore")
    assert reload(db, event.id).status is EventStatus.TENTATIVE


def test_a_duplicate_is_tentative_until_confirmed(staff_client, db, event):
    page = staff_client.get(f"/visits/{event.visit_id}/events/new?copy={event.id}")
    assert '<option selected value="tentative">' in page.get_data(as_text=True)
