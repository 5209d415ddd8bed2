"""Every response carries the security headers: pages, errors, feeds, prints, static files."""

import pytest

from tests.conftest import sign_in
from visits.demo import load_demo
from visits.models import FeedScope, FeedToken, Role

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def check(response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (response.request.path, name)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers.get("Referrer-Policy") in ("same-origin", "no-referrer")


@pytest.fixture
def demo(db):
    visit = load_demo(db.session)
    token = FeedToken(scope=FeedScope.VISIT, visit=visit, label="Делегация")
    db.session.add(token)
    db.session.commit()
    return visit, token


def test_every_kind_of_response_carries_the_headers(client, make_user, demo):
    visit, token = demo
    anonymous = [
        "/auth/login",
        "/healthz",
        "/no/such/page",
        f"/feeds/{token.token}.ics",
        f"/feeds/{token.token}",
        "/feeds/unknown.ics",
        "/static/style.css",
        "/visits/",
    ]
    for path in anonymous:
        response = client.get(path)
        check(response)
        response.close()  # a static file is streamed: close it
    sign_in(client, make_user(Role.VIEWER))
    for path in [
        f"/visits/{visit.id}",
        f"/visits/{visit.id}/program",
        f"/visits/{visit.id}/timeline",
        f"/visits/{visit.id}/edit",
    ]:
        check(client.get(path))


def test_the_subscribe_page_sends_no_referrer(client, demo):
    _, token = demo
    assert client.get(f"/feeds/{token.token}").headers["Referrer-Policy"] == "no-referrer"


def test_session_cookies_are_http_only_and_same_site(client, make_user):
    response = sign_in(client, make_user(Role.EDITOR))
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_request_bodies_are_size_limited(app, staff_client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = staff_client.post("/visits/new", data={"title_ru": "я" * (limit + 1)})
    assert response.status_code == 413


def test_staff_pages_and_api_answers_are_not_stored(client, make_user, demo):
    visit, token = demo
    sign_in(client, make_user(Role.VIEWER))
    for path in [f"/visits/{visit.id}", f"/visits/{visit.id}/program", "/api/v1/visits/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    feed = client.get(f"/feeds/{token.token}.ics")
    assert "no-store" not in feed.headers["Cache-Control"]
    static = client.get("/static/style.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()
