"""Staff actions on a calendar link: changing its settings, revoking it, rotating its secret;
and who may do them."""

from html import unescape

import pytest

from tests.feeds.helpers import count, edit_data, form_data, loaded_value, text_of, tokens
from tests.html_forms import form_fields
from visits.models import FeedScope

pytestmark = pytest.mark.usefixtures("english")


# Changing


def test_a_links_settings_are_changed(staff_client, db, scene, make_token):
    token = make_token(scene["visit"], scope=FeedScope.PERSON, person_id=scene["person"].id)
    secret = token.token
    form = staff_client.get(f"/feed-tokens/{token.id}/edit")
    assert form.status_code == 200
    data = edit_data(
        token,
        label="Интерпретатор",
        language="kk",
        home_timezone="Europe/Moscow",
        reminder_minutes="60",
        include_public="",
        loaded=loaded_value(form.text),
    )
    response = staff_client.post(f"/feed-tokens/{token.id}/edit", data=data)
    assert response.status_code == 302
    (saved,) = tokens(db)
    assert (saved.label, saved.language, saved.home_timezone) == (
        "Интерпретатор",
        "kk",
        "Europe/Moscow",
    )
    assert (saved.reminder_minutes, saved.include_public) == (60, False)
    assert saved.token == secret  # the same link: only its settings change


def test_bad_settings_are_refused_and_nothing_changes(staff_client, db, scene, make_token):
    token = make_token(scene["visit"], reminder_minutes=15)
    loaded = loaded_value(staff_client.get(f"/feed-tokens/{token.id}/edit").text)
    for overrides, message in [
        ({"label": ""}, "Say whom the link is given to."),
        ({"home_timezone": "Mars/Olympus"}, "Unknown time zone 'Mars/Olympus'"),
        ({"reminder_minutes": "2000"}, "Enter minutes from 0 to 1440"),
    ]:
        data = edit_data(token, loaded=loaded, **overrides)
        response = staff_client.post(f"/feed-tokens/{token.id}/edit", data=data)
        assert response.status_code == 422
        assert message in text_of(response)
    (saved,) = tokens(db)
    assert (saved.label, saved.reminder_minutes) == ("Делегация", 15)


def test_a_save_over_someone_elses_change_is_refused_and_merged(
    staff_client, db, scene, make_token
):
    token = make_token(
        scene["visit"],
        scope=FeedScope.PERSON,
        person_id=scene["person"].id,
        label="Делегация",
        reminder_minutes=15,
    )
    first = loaded_value(staff_client.get(f"/feed-tokens/{token.id}/edit").text)
    second = loaded_value(staff_client.get(f"/feed-tokens/{token.id}/edit").text)
    shown = {"label": "Делегация", "language": "ru", "reminder_minutes": "15"}
    shown |= {"home_timezone": "", "include_public": "y"}
    saved = staff_client.post(
        f"/feed-tokens/{token.id}/edit",
        data=shown | {"label": "Глава делегации", "include_public": "", "loaded": first},
    )
    assert saved.status_code == 302
    late = staff_client.post(
        f"/feed-tokens/{token.id}/edit",
        data=shown | {"label": "Переводчик", "reminder_minutes": "120", "loaded": second},
    )
    assert late.status_code == 409
    page = unescape(text_of(late))
    assert "A colleague saved this record after you opened it." in page
    taken = "Your colleague's changes are now in the form: Also the visit's public events : —"
    assert taken in page
    assert "Your changes are kept: Reminder, minutes before : 120" in page
    assert "Yours Переводчик Your colleague's Глава делегации" in page
    assert 'value="Переводчик"' in late.text and 'value="120"' in late.text  # input kept
    (current,) = tokens(db)
    assert (current.label, current.reminder_minutes) == ("Глава делегации", 15)
    # Saving again, after choosing, is a deliberate step: it keeps the colleague's change.
    merged = form_fields(late.text)
    assert "include_public" not in merged  # the colleague's "no" is in the form
    again = staff_client.post(f"/feed-tokens/{token.id}/edit", data=merged | {"keep-label": "mine"})
    assert again.status_code == 302
    (current,) = tokens(db)
    assert (current.label, current.reminder_minutes) == ("Переводчик", 120)
    assert current.include_public is False


# Revoking and rotating


def test_revoking_asks_first_then_the_link_answers_404(client, staff_client, db, scene, make_token):
    token = make_token(scene["visit"])
    secret = token.token
    assert client.get(f"/feeds/{secret}.ics").status_code == 200
    assert client.get(f"/feeds/{secret}").status_code == 200
    confirm = staff_client.get(f"/feed-tokens/{token.id}/revoke")
    assert confirm.status_code == 200
    assert "Revoke the link of «Делегация»?" in text_of(confirm)
    assert tokens(db)[0].revoked_at is None  # asking changes nothing
    response = staff_client.post(f"/feed-tokens/{token.id}/revoke")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/visits/{scene['visit'].id}/feeds")
    assert tokens(db)[0].revoked_at is not None
    unknown_feed = client.get("/feeds/" + "x" * 43 + ".ics")
    unknown_page = client.get("/feeds/" + "x" * 43)
    for response, unknown in (
        (client.get(f"/feeds/{secret}.ics"), unknown_feed),
        (client.get(f"/feeds/{secret}"), unknown_page),
    ):
        assert response.status_code == unknown.status_code == 404
        assert response.data == unknown.data
        assert response.mimetype == unknown.mimetype
    again = staff_client.post(f"/feed-tokens/{token.id}/revoke", follow_redirects=True)
    assert "This calendar link was already revoked." in text_of(again)


def test_rotating_gives_a_new_secret_with_the_same_settings(
    client, staff_client, db, scene, make_token
):
    person = scene["person"]
    old = make_token(
        scene["visit"],
        scope=FeedScope.PERSON,
        person_id=person.id,
        label="Снесарь",
        language="en",
        home_timezone="Asia/Barnaul",
        reminder_minutes=45,
        include_public=False,
    )
    old_secret = old.token
    confirm = staff_client.get(f"/feed-tokens/{old.id}/rotate")
    assert "Give «Снесарь» a new link?" in text_of(confirm)
    response = staff_client.post(f"/feed-tokens/{old.id}/rotate?back=person")
    revoked, fresh = tokens(db)
    assert response.headers["Location"].endswith(f"/people/{person.id}/feeds#feed-{fresh.id}")
    assert revoked.revoked_at is not None and fresh.revoked_at is None
    assert fresh.token != old_secret
    copied = (
        "scope",
        "visit_id",
        "person_id",
        "venue_id",
        "label",
        "language",
        "home_timezone",
        "reminder_minutes",
        "include_public",
    )
    assert {f: getattr(fresh, f) for f in copied} == {f: getattr(revoked, f) for f in copied}
    assert client.get(f"/feeds/{old_secret}.ics").status_code == 404
    assert client.get(f"/feeds/{old_secret}").status_code == 404
    assert client.get(f"/feeds/{fresh.token}.ics").status_code == 200
    assert client.get(f"/feeds/{fresh.token}").status_code == 200
    # A second click on the old link's button does not make yet another link.
    late = staff_client.post(f"/feed-tokens/{old.id}/rotate", follow_redirects=True)
    assert "revoked meanwhile" in text_of(late)
    assert count(db) == 2


# Who may do what


def test_viewers_see_the_links_but_no_buttons_and_cannot_change_them(
    viewer_client, db, scene, make_token
):
    visit = scene["visit"]
    token = make_token(visit, scope=FeedScope.PERSON, person_id=scene["person"].id)
    for url in (f"/visits/{visit.id}/feeds", f"/people/{scene['person'].id}/feeds"):
        page = viewer_client.get(url)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert token.label in html
        for action in ("/feeds/new", "/feed-tokens/", "/revoke", "/rotate"):
            assert action not in html
    assert viewer_client.get(f"/visits/{visit.id}/feeds/new").status_code == 403
    assert viewer_client.post(f"/visits/{visit.id}/feeds/new", data=form_data()).status_code == 403
    assert viewer_client.get(f"/feed-tokens/{token.id}/edit").status_code == 403
    assert (
        viewer_client.post(f"/feed-tokens/{token.id}/edit", data=edit_data(token)).status_code
        == 403
    )
    assert viewer_client.post(f"/feed-tokens/{token.id}/revoke").status_code == 403
    assert viewer_client.post(f"/feed-tokens/{token.id}/rotate").status_code == 403
    (unchanged,) = tokens(db)
    assert unchanged.revoked_at is None and unchanged.token == token.token


def test_staff_pages_need_sign_in(client, scene, make_token):
    token = make_token(scene["visit"])
    for url in (
        f"/visits/{scene['visit'].id}/feeds",
        f"/visits/{scene['visit'].id}/feeds/new",
        f"/people/{scene['person'].id}/feeds",
        f"/feed-tokens/{token.id}/edit",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_posts_without_the_csrf_token_are_refused(app, staff_client, db, scene, make_token):
    token = make_token(scene["visit"])
    app.config["WTF_CSRF_ENABLED"] = True
    visit = scene["visit"]
    assert staff_client.post(f"/visits/{visit.id}/feeds/new", data=form_data()).status_code == 400
    assert (
        staff_client.post(f"/feed-tokens/{token.id}/edit", data=edit_data(token)).status_code == 400
    )
    assert staff_client.post(f"/feed-tokens/{token.id}/revoke").status_code == 400
    assert staff_client.post(f"/feed-tokens/{token.id}/rotate").status_code == 400
    (unchanged,) = tokens(db)
    assert unchanged.revoked_at is None and count(db) == 1


def test_the_visit_page_partial_links_to_the_list(app, scene):
    from flask import render_template_string

    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = render_template_string(
            '{% include "feeds/_visit_link.html" %}', visit=scene["visit"]
        )
    assert f'href="/visits/{scene["visit"].id}/feeds"' in html
    assert "Calendar feeds" in html


def test_a_visit_links_edit_form_has_no_public_events_choice_and_keeps_it(
    staff_client, db, scene, make_token
):
    token = make_token(scene["visit"])
    form = staff_client.get(f"/feed-tokens/{token.id}/edit").text
    assert 'name="include_public"' not in form
    data = edit_data(token, label="Новая", loaded=loaded_value(form))
    del data["include_public"]  # not on the page: a browser sends nothing
    assert staff_client.post(f"/feed-tokens/{token.id}/edit", data=data).status_code == 302
    (saved,) = tokens(db)
    assert (saved.label, saved.include_public) == ("Новая", True)
