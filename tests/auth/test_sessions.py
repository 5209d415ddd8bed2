"""A new password signs out every other session of the account, remember-me cookies too."""

import pytest
from flask import g
from flask.testing import FlaskClient

from tests.conftest import PASSWORD, sign_in
from visits.api.tokens import issue_token
from visits.auth.access import load_user
from visits.auth.staff_sessions import open_session
from visits.models import Role, User

NEW_PASSWORD = "a brand new password"


@pytest.fixture(autouse=True)
def user_loaded_per_request(app):
    """Requests here share the test's app context, and with it `g`, where Flask-Login keeps
    the user it loaded; forget it after each request so every browser is looked up anew."""
    app.teardown_request(lambda _error: g.pop("_login_user", None))


def signed_in(client: FlaskClient) -> bool:
    return client.get("/visits/").status_code == 200


def cookie(client: FlaskClient, name: str) -> str:
    found = client.get_cookie(name)
    assert found is not None, name
    return found.value


def with_cookie(app, name: str, value: str) -> FlaskClient:
    """A new browser holding only the given cookie."""
    browser = app.test_client()
    browser.set_cookie(name, value)
    return browser


def test_the_id_in_the_session_carries_the_session_version(make_user):
    user = make_user(Role.EDITOR)
    user.attach_session("secret")
    assert user.get_id() == f"{user.id}:1:secret"
    user.set_password(NEW_PASSWORD)
    assert user.get_id() == f"{user.id}:2:secret"


def test_the_loader_refuses_another_version_and_malformed_ids(make_user, db):
    user = make_user(Role.EDITOR)
    secret = open_session(db.session, user, remember=False, user_agent="", ip="")
    db.session.commit()
    assert load_user(f"{user.id}:1:{secret}") is user
    for stale in (
        f"{user.id}:2:{secret}",
        f"{user.id + 1}:1:{secret}",
        f"{user.id}:1:other",
        f"{user.id}:1:",
        f"{user.id}:1",
        str(user.id),
        f"x:1:{secret}",
        f"{user.id}:1:{secret}:1",
        "",
    ):
        assert load_user(stale) is None, stale


def test_set_password_from_the_command_line_signs_out_every_session(app, runner, make_user):
    user = make_user(Role.EDITOR)
    first, second = app.test_client(), app.test_client()
    sign_in(first, user)
    sign_in(second, user)
    assert signed_in(first) and signed_in(second)
    result = runner.invoke(args=["users", "set-password", user.email, "--password", NEW_PASSWORD])
    assert result.exit_code == 0, result.output
    for client in (first, second):
        response = client.get("/visits/")
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_password_changed_on_the_accounts_page_signs_the_account_out(app, client, make_user):
    editor = make_user(Role.EDITOR)
    elsewhere = app.test_client()
    sign_in(elsewhere, editor)
    sign_in(client, make_user(Role.ADMIN))
    response = client.post(
        f"/accounts/{editor.id}/edit",
        data={
            "role": "editor",
            "is_active": "y",
            "password": NEW_PASSWORD,
            "version_id": str(editor.version_id),
        },
    )
    assert response.status_code == 302
    assert not signed_in(elsewhere)
    assert signed_in(client)
    assert sign_in(elsewhere, User(email=editor.email)).status_code == 200  # old password
    elsewhere.post("/auth/login", data={"email": editor.email, "password": NEW_PASSWORD})
    assert signed_in(elsewhere)


def test_changing_one_s_own_password_keeps_that_session_only(app, client, make_user):
    admin = make_user(Role.ADMIN)
    other_browser = app.test_client()
    sign_in(other_browser, admin)
    sign_in(client, admin)
    response = client.post(
        f"/accounts/{admin.id}/edit",
        data={
            "role": "admin",
            "is_active": "y",
            "password": NEW_PASSWORD,
            "version_id": str(admin.version_id),
        },
    )
    assert response.status_code == 302
    assert signed_in(client)
    assert not signed_in(other_browser)


def test_a_stale_session_cookie_cannot_sign_in(app, client, make_user, db):
    user = make_user(Role.EDITOR)
    sign_in(client, user)
    old_session = cookie(client, "session")
    assert signed_in(with_cookie(app, "session", old_session))
    user.set_password(NEW_PASSWORD)
    db.session.commit()
    assert not signed_in(with_cookie(app, "session", old_session))
    assert not signed_in(client)


def test_a_remember_me_cookie_follows_the_same_rule(app, client, make_user, db):
    user = make_user(Role.EDITOR)
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    remembered = cookie(client, "remember_token")
    assert signed_in(with_cookie(app, "remember_token", remembered))
    user.set_password(NEW_PASSWORD)
    db.session.commit()
    assert not signed_in(with_cookie(app, "remember_token", remembered))


def test_one_s_own_change_renews_one_s_remember_me_cookie(app, client, make_user):
    admin = make_user(Role.ADMIN)
    client.post("/auth/login", data={"email": admin.email, "password": PASSWORD, "remember": "y"})
    old = cookie(client, "remember_token")
    client.post(
        f"/accounts/{admin.id}/edit",
        data={
            "role": "admin",
            "is_active": "y",
            "password": NEW_PASSWORD,
            "version_id": str(admin.version_id),
        },
    )
    renewed = cookie(client, "remember_token")
    assert renewed != old
    assert signed_in(with_cookie(app, "remember_token", renewed))
    assert not signed_in(with_cookie(app, "remember_token", old))


def _token_of(db, user) -> str:
    _token, secret = issue_token(db.session, user, "calendar sync")
    db.session.commit()
    return secret


def _api_answers(app, secret: str) -> int:
    headers = {"Authorization": f"Bearer {secret}"}
    return app.test_client().get("/api/v1/visits/", headers=headers).status_code


def test_staff_change_their_own_password_with_the_current_one(app, client, make_user, db):
    viewer = make_user(Role.VIEWER)
    other_browser = app.test_client()
    sign_in(other_browser, viewer)
    sign_in(client, viewer)
    secret = _token_of(db, viewer)
    assert 'name="current"' in client.get("/me/").get_data(as_text=True)
    wrong = client.post("/me/password", data={"current": "not it at all", "new": NEW_PASSWORD})
    short = client.post("/me/password", data={"current": PASSWORD, "new": "short"})
    assert wrong.status_code == short.status_code == 422
    assert "Это не ваш текущий пароль." in wrong.get_data(as_text=True)  # Russian by default
    assert viewer.check_password(PASSWORD) and _api_answers(app, secret) == 200

    response = client.post(
        "/me/password", data={"current": PASSWORD, "new": NEW_PASSWORD}, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert "другие ваши сеансы завершены" in page
    assert "1 API-токен отозван вместе со старым паролем" in page
    assert viewer.check_password(NEW_PASSWORD)
    assert signed_in(client) and not signed_in(other_browser)
    assert _api_answers(app, secret) == 401


def test_a_password_set_by_an_admin_revokes_the_account_s_tokens(app, client, make_user, db):
    editor = make_user(Role.EDITOR)
    secret = _token_of(db, editor)
    sign_in(client, make_user(Role.ADMIN))
    data = {"role": "editor", "is_active": "y", "version_id": str(editor.version_id)}
    response = client.post(
        f"/accounts/{editor.id}/edit", data=data | {"password": NEW_PASSWORD}, follow_redirects=True
    )
    assert "1 API-токен отозван вместе со старым паролем" in response.get_data(as_text=True)
    assert _api_answers(app, secret) == 401
