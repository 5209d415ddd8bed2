"""Sign-in is required for every staff page; viewers read, they never write."""

from urllib.parse import urlsplit

import pytest

from tests.conftest import PASSWORD, sign_in
from visits.auth.services import create_user
from visits.models import Role

STAFF_PAGES = ["/visits/", "/visits/1"]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_send_anonymous_visitors_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_every_endpoint_but_the_public_ones_requires_sign_in(app, client):
    public = {
        "static",
        "auth.login",
        "main.healthz",
        "feeds.calendar",
        "feeds.subscribe",
        "api-docs.openapi_json",
        "api_reference.page",
    }
    for rule in app.url_map.iter_rules():
        if rule.endpoint in public:
            continue
        path = rule.build({arg: 1 for arg in rule.arguments})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method)
            assert response.status_code in (302, 401), (rule.endpoint, method)


def test_sign_in_with_the_right_password_then_sign_out(client, make_user):
    user = make_user(Role.VIEWER)
    response = sign_in(client, user)
    assert response.status_code == 302
    assert client.get("/visits/").status_code == 200
    response = client.post("/auth/logout", follow_redirects=True)
    assert response.status_code == 200
    assert client.get("/visits/").status_code == 302


def test_a_wrong_password_is_refused_beside_the_field(client, make_user):
    user = make_user(Role.EDITOR)
    response = client.post("/auth/login", data={"email": user.email, "password": "wrong one!"})
    assert response.status_code == 200
    assert "Неверный адрес или пароль" in response.get_data(as_text=True)
    assert client.get("/visits/").status_code == 302


def test_an_inactive_account_cannot_sign_in(client, make_user, db):
    user = make_user(Role.EDITOR)
    user.is_active = False
    db.session.commit()
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert client.get("/visits/").status_code == 302


def test_sign_in_does_not_redirect_to_another_site(client, make_user):
    user = make_user(Role.EDITOR)
    response = client.post(
        "/auth/login?next=//evil.example/x", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"].endswith("/visits/")


@pytest.fixture
def write_probe(app):
    """A staff endpoint that writes, as every editing page will."""
    calls = []
    app.add_url_rule(
        "/probe", "probe", lambda: calls.append(1) or "changed", methods=["POST", "DELETE"]
    )
    return calls


def test_viewers_cannot_change_anything(app, write_probe, viewer_client):
    assert viewer_client.post("/probe").status_code == 403
    assert viewer_client.delete("/probe").status_code == 403
    assert write_probe == []


def test_editors_and_admins_pass_the_write_guard(app, write_probe, client, make_user):
    sign_in(client, make_user(Role.EDITOR))
    assert client.post("/probe").status_code == 200
    client.post("/auth/logout")
    sign_in(client, make_user(Role.ADMIN))
    assert client.post("/probe").status_code == 200
    assert write_probe == [1, 1]


def test_passwords_are_stored_hashed_with_a_current_algorithm(db):
    user = create_user(db.session, "a@example.org", PASSWORD, Role.ADMIN)
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("scrypt:")
    assert user.check_password(PASSWORD) and not user.check_password("wrong")


def test_every_write_route_refuses_a_viewer(app, viewer_client):
    """Walk the URL map: whatever a route does with a POST, a viewer is refused first."""
    for rule in app.url_map.iter_rules():
        methods = rule.methods - {"GET", "HEAD", "OPTIONS"}
        # A viewer signs in and out, chooses a language, changes their own password and
        # keeps their own API tokens and sessions.
        own = {"auth.login", "auth.logout", "auth.language", "profile.password"}
        own |= {"profile.new_token", "profile.revoke", "profile.end_session"}
        if not methods or rule.endpoint in own:
            continue
        path = rule.build({arg: 1 for arg in rule.arguments})[1]
        for method in sorted(methods):
            response = viewer_client.open(path, method=method)
            assert response.status_code == 403, (rule.endpoint, method, response.status_code)


def test_a_staff_member_s_language_is_remembered(viewer_client, db):
    response = viewer_client.post("/auth/language", data={"lang": "kk", "next": "/visits/"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/visits/")
    page = viewer_client.get("/visits/", headers={"Accept-Language": "en"})
    assert '<html lang="kk">' in page.get_data(as_text=True)
    assert viewer_client.post("/auth/language", data={"lang": "de"}).status_code == 302
    assert '<html lang="kk">' in viewer_client.get("/visits/").get_data(as_text=True)


def test_the_browser_language_is_the_default(client):
    page = client.get("/auth/login", headers={"Accept-Language": "kk-KZ,kk;q=0.9"})
    assert '<html lang="kk">' in page.get_data(as_text=True)


def test_an_unknown_account_still_costs_a_password_check(monkeypatch):
    from visits.auth import services

    checked = []
    monkeypatch.setattr(services, "check_password_hash", lambda *args: checked.append(1))
    assert services.password_matches(None, "anything") is False
    assert checked == [1]


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "/%0a/evil.example",
        "/%0d%0a/evil.example",
        "%09//evil.example",
        "/%0a",
        "\\\\evil.example",
        "/\\evil.example",
        "/\\/evil.example",
        "//evil.example",
        "https://evil.example/x",
        "http:evil.example",
        "javascript:alert(1)",
        "/%01/x",
    ],
)
def test_sign_in_lands_on_this_site_whatever_next_says(client, make_user, target):
    user = make_user(Role.EDITOR)
    response = client.post(
        f"/auth/login?next={target}", data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", "localhost") and location.scheme in ("", "http")
    assert not location.path.startswith(("//", "/\\")), location


def test_sign_in_keeps_a_path_of_this_site(client, make_user):
    user = make_user(Role.EDITOR)
    response = client.post(
        "/auth/login?next=/visits/%3Fq%3D1", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"].endswith("/visits/?q=1")
