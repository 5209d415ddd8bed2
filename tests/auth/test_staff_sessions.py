"""Sessions live on the server: sign-out, timeouts and the account page end them, and a
copied cookie of an ended session signs no one in."""

from datetime import timedelta

from flask.testing import FlaskClient

from tests.conftest import PASSWORD, sign_in
from visits.auth import staff_sessions
from visits.models import Role, StaffSession
from visits.orm import utcnow


def signed_in(client: FlaskClient) -> bool:
    return client.get("/visits/").status_code == 200


def copy_of(app, client: FlaskClient, name: str) -> FlaskClient:
    """Another browser holding a copy of `client`'s cookie `name`."""
    found = client.get_cookie(name)
    assert found is not None, name
    browser = app.test_client()
    browser.set_cookie(name, found.value)
    return browser


def later(monkeypatch, delta: timedelta) -> None:
    moved = utcnow() + delta
    monkeypatch.setattr(staff_sessions, "utcnow", lambda: moved)


def sign_out(client: FlaskClient) -> None:
    assert client.post("/auth/logout").status_code == 302


def test_copied_cookies_are_refused_after_sign_out(app, client, make_user):
    user = make_user(Role.VIEWER)
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    copied_session = copy_of(app, client, "session")
    copied_remember = copy_of(app, client, "remember_token")
    assert signed_in(copied_session) and signed_in(copied_remember)
    sign_out(client)
    assert not signed_in(client)
    assert not signed_in(copied_session)
    assert not signed_in(copied_remember)


def test_a_session_ends_after_the_idle_timeout(app, client, make_user, monkeypatch):
    sign_in(client, make_user(Role.EDITOR))
    idle = app.config["SESSION_IDLE_MINUTES"]
    later(monkeypatch, timedelta(minutes=idle - 5))
    assert signed_in(client)  # used: the idle spell starts anew
    later(monkeypatch, timedelta(minutes=2 * (idle - 5)))
    assert signed_in(client)
    later(monkeypatch, timedelta(minutes=3 * idle))
    assert not signed_in(client)


def test_a_session_ends_after_its_longest_life(app, client, make_user, monkeypatch):
    user = make_user(Role.EDITOR)
    sign_in(client, user)
    remembered = app.test_client()
    remembered.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    longest = app.config["SESSION_MAX_HOURS"] * 60
    for minutes in range(100, longest, 100):  # used often enough never to be idle
        later(monkeypatch, timedelta(minutes=minutes))
        assert signed_in(client), minutes
    later(monkeypatch, timedelta(minutes=longest))
    assert not signed_in(client)
    assert signed_in(copy_of(app, remembered, "remember_token"))
    later(monkeypatch, timedelta(days=app.config["REMEMBER_DAYS"]))
    assert not signed_in(copy_of(app, remembered, "remember_token"))


def test_staff_end_their_other_sessions_from_the_account_page(app, client, make_user, db):
    user = make_user(Role.VIEWER)
    elsewhere = app.test_client()
    elsewhere.environ_base["HTTP_USER_AGENT"] = "Phone browser"
    sign_in(elsewhere, user)
    sign_in(client, user)
    page = client.get("/me/").get_data(as_text=True)
    assert "Phone browser" in page and "этот сеанс" in page
    other = db.session.scalar(
        db.select(StaffSession).where(StaffSession.user_agent == "Phone browser")
    )
    response = client.post(f"/me/sessions/{other.id}/end")
    assert response.status_code == 302
    assert signed_in(client) and not signed_in(elsewhere)
    assert "Phone browser" not in client.get("/me/").get_data(as_text=True)


def test_no_one_ends_another_account_s_session(app, client, make_user, db):
    owner = make_user(Role.EDITOR)
    sign_in(app.test_client(), owner)
    record = db.session.scalar(db.select(StaffSession).where(StaffSession.user_id == owner.id))
    sign_in(client, make_user(Role.ADMIN))
    assert client.post(f"/me/sessions/{record.id}/end").status_code == 404
    assert record.revoked_at is None


def test_a_new_password_ends_the_other_sessions_on_the_account_page(app, client, make_user):
    user = make_user(Role.VIEWER)
    elsewhere = app.test_client()
    elsewhere.environ_base["HTTP_USER_AGENT"] = "Phone browser"
    sign_in(elsewhere, user)
    sign_in(client, user)
    client.post("/me/password", data={"current": PASSWORD, "new": "a brand new password"})
    page = client.get("/me/").get_data(as_text=True)
    assert "этот сеанс" in page and "Phone browser" not in page
