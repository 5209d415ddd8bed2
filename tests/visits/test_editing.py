"""Creating, editing and deleting visits through the forms."""

from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from visits.models import AuditEntry, Event, LocalizedText, Visit

FORM = {
    "title_ru": "Визит делегации",
    "title_kk": "",
    "title_en": "Delegation visit",
    "timezone": "Asia/Almaty",
    "start_date": "2025-04-21",
    "end_date": "2025-04-22",
    "status": "draft",
    "delegation_id": "",
    "host_organization_id": "",
    "liaison_officer_id": "",
    "city_speed_kmh": "30",
}


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_a_visit(staff_client, db):
    response = staff_client.post("/visits/new", data=FORM)
    assert response.status_code == 302, response.get_data(as_text=True)
    visit = db.session.scalar(select(Visit))
    assert visit.title == LocalizedText(ru="Визит делегации", en="Delegation visit")
    assert (visit.start_date, visit.end_date, visit.timezone) == (
        date(2025, 4, 21),
        date(2025, 4, 22),
        "Asia/Almaty",
    )
    assert visit.delegation_id is None


def test_the_approval_block_is_set_on_the_form(staff_client, db):
    agreed = {"approved_by_name_ru": "Иванов И. И.", "approved_by_position_kk": "Басшы"}
    response = staff_client.post("/visits/new", data=FORM | agreed)
    assert response.status_code == 302, response.get_data(as_text=True)
    visit = db.session.scalar(select(Visit))
    assert visit.approved_by_name == LocalizedText(ru="Иванов И. И.")
    assert visit.approved_by_position == LocalizedText(kk="Басшы")
    form = staff_client.get(f"/visits/{visit.id}/edit").get_data(as_text=True)
    assert 'value="Иванов И. И."' in form


def test_an_unknown_zone_is_refused_beside_the_field(staff_client, db):
    response = staff_client.post("/visits/new", data=FORM | {"timezone": "Asia/Ust-Kamenogorsk"})
    assert response.status_code == 422
    assert "Unknown time zone" in response.get_data(as_text=True) or "часовой пояс" in (
        response.get_data(as_text=True)
    )
    assert "Asia/Ust-Kamenogorsk" in response.get_data(as_text=True)  # the input is kept
    assert count(db, Visit) == 0


def test_last_day_before_first_day_is_refused(staff_client, db):
    response = staff_client.post("/visits/new", data=FORM | {"end_date": "2025-04-20"})
    assert response.status_code == 422
    assert count(db, Visit) == 0


def test_missing_title_and_overlong_title_are_refused(staff_client, db):
    assert staff_client.post("/visits/new", data=FORM | {"title_ru": ""}).status_code == 422
    assert staff_client.post("/visits/new", data=FORM | {"title_ru": "я" * 301}).status_code == 422
    assert count(db, Visit) == 0


def test_an_unknown_delegation_id_is_refused(staff_client, db):
    response = staff_client.post("/visits/new", data=FORM | {"delegation_id": "999"})
    assert response.status_code == 422
    assert count(db, Visit) == 0


def test_edit_keeps_wall_clock_times_when_the_zone_changes(
    staff_client, db, make_visit, make_event
):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10, 0), time(11, 0))
    data = FORM | {"version_id": str(visit.version_id), "timezone": "Asia/Barnaul"}
    response = staff_client.post(f"/visits/{visit.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    moved = db.session.get(Event, event.id)
    assert moved.starts_at == datetime(2025, 4, 21, 3, 0, tzinfo=UTC)  # 10:00 at UTC+7
    assert moved.sequence == 1


def test_two_editors_the_second_save_is_refused_and_shown_what_changed(
    staff_client, db, make_visit
):
    visit = make_visit()
    loaded = str(visit.version_id)
    first = staff_client.post(
        f"/visits/{visit.id}/edit",
        data=FORM | {"version_id": loaded, "title_ru": "Первое название"},
    )
    assert first.status_code == 302
    second = staff_client.post(
        f"/visits/{visit.id}/edit",
        data=FORM | {"version_id": loaded, "title_ru": "Второе название"},
    )
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "Первое название" in page  # what changed meanwhile
    assert "Второе название" in page  # the user's input is kept
    db.session.expire_all()
    assert db.session.get(Visit, visit.id).title.ru == "Первое название"


def test_viewers_cannot_create_edit_or_delete(viewer_client, db, make_visit):
    visit = make_visit()
    assert viewer_client.post("/visits/new", data=FORM).status_code == 403
    assert viewer_client.post(f"/visits/{visit.id}/edit", data=FORM).status_code == 403
    assert viewer_client.post(f"/visits/{visit.id}/delete").status_code == 403
    page = viewer_client.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert f"/visits/{visit.id}/edit" not in page and "/visits/new" not in page
    assert count(db, Visit) == 1


def test_a_post_without_csrf_token_is_refused(app, staff_client, db):
    app.config["WTF_CSRF_ENABLED"] = True
    assert staff_client.post("/visits/new", data=FORM).status_code == 400
    assert count(db, Visit) == 0


def test_delete_asks_first_then_deletes_with_the_events(staff_client, db, make_visit, make_event):
    visit = make_visit()
    make_event(visit, date(2025, 4, 21), time(10, 0), time(11, 0))
    page = staff_client.get(f"/visits/{visit.id}/delete").get_data(as_text=True)
    assert "1" in page and "<form" in page
    assert count(db, Visit) == 1
    assert staff_client.post(f"/visits/{visit.id}/delete").status_code == 302
    assert count(db, Visit) == 0 and count(db, Event) == 0


def test_the_history_lists_changes_newest_first_with_who(staff_client, db, make_visit):
    visit = make_visit()
    data = FORM | {"version_id": str(visit.version_id), "title_ru": "Новое название"}
    staff_client.post(f"/visits/{visit.id}/edit", data=data)
    page = staff_client.get(f"/visits/{visit.id}/history").get_data(as_text=True)
    assert "Новое название" in page and "editor@example.org" in page
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.visit_id == visit.id)).all()
    assert any(e.changes.get("title_ru") == ["Визит", "Новое название"] for e in entries)
