"""Who may call the API: personal tokens (hashed, shown once, revocable) with their owner's
role; a session cookie reads, and writes only with the CSRF token."""

import re

from visits.api.tokens import issue_token
from visits.models import ApiToken, Role, Venue
from visits.models.api_token import digest

from ..conftest import sign_in
from .conftest import ApiClient, assert_problem

URL = "/api/v1/venues/"
BODY = {"name": {"ru": "Зал"}}


def test_without_credentials_401_with_a_challenge(client):
    response = client.get(URL)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert_problem(client.get(URL, headers={"Authorization": "Basic abc"}), 401)
    assert_problem(client.get(URL, headers={"Authorization": "Bearer vst_unknown"}), 401)


def test_the_secret_is_kept_only_as_a_hash(db, make_user):
    _token, secret = issue_token(db.session, make_user(), "Calendar")
    db.session.commit()
    stored = db.session.query(ApiToken).one()
    assert secret.startswith("vst_") and len(secret) > 40
    assert stored.token_hash == digest(secret) and secret not in stored.token_hash
    assert stored.hint == secret[:10]


def test_a_token_calls_without_cookies(api):
    response = api.post(URL, json=BODY)
    assert response.status_code == 201
    assert "Set-Cookie" not in response.headers


def test_revoked_token_and_disabled_user_are_refused(app, db, make_user):
    user = make_user(Role.EDITOR)
    token, secret = issue_token(db.session, user, "t")
    db.session.commit()
    caller = ApiClient(app.test_client(), secret)
    assert caller.get(URL).status_code == 200
    token.revoked_at = token.created_at
    db.session.commit()
    assert_problem(caller.get(URL), 401)
    _other, secret = issue_token(db.session, user, "u")
    user.is_active = False
    db.session.commit()
    assert_problem(ApiClient(app.test_client(), secret).get(URL), 401)


def test_viewer_token_only_reads(viewer_api):
    assert viewer_api.get(URL).status_code == 200
    assert_problem(viewer_api.post(URL, json=BODY), 403)


def test_session_cookie_reads_but_writes_only_with_csrf(app, db, make_user, client):
    sign_in(client, make_user(Role.EDITOR))
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.get(URL).status_code == 200
    body = assert_problem(client.post(URL, json=BODY), 403)
    assert "CSRF" in body["detail"]
    assert_problem(client.post(URL, json=BODY, headers={"X-CSRFToken": "forged"}), 403)
    assert db.session.query(Venue).count() == 0
    # The CSRF token of one of this session's pages makes the write the user's own.
    page = client.get("/me/").get_data(as_text=True)
    csrf_token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)[1]
    response = client.post(URL, json=BODY, headers={"X-CSRFToken": csrf_token})
    assert response.status_code == 201, response.get_json()


def test_account_page_creates_shows_once_and_revokes(staff_client, db):
    page = staff_client.get("/me/")
    assert page.status_code == 200
    created = staff_client.post("/me/tokens", data={"name": "Calendar of the governor"})
    assert created.status_code == 201
    token = db.session.query(ApiToken).one()
    html = created.get_data(as_text=True)
    secret = html.split('<code class="secret">')[1].split("</code>")[0]
    assert digest(secret) == token.token_hash
    again = staff_client.get("/me/").get_data(as_text=True)
    assert secret not in again and token.hint in again
    assert staff_client.post(f"/me/tokens/{token.id}/revoke").status_code == 302
    db.session.refresh(token)
    assert token.is_revoked


def test_viewer_manages_own_tokens_not_others(viewer_client, db, make_user):
    assert viewer_client.post("/me/tokens", data={"name": "mine"}).status_code == 201
    other, _secret = issue_token(db.session, make_user(Role.ADMIN), "theirs")
    db.session.commit()
    assert viewer_client.post(f"/me/tokens/{other.id}/revoke").status_code == 404
    db.session.refresh(other)
    assert not other.is_revoked


def test_empty_token_name_is_refused(staff_client, db):
    response = staff_client.post("/me/tokens", data={"name": "  "})
    assert response.status_code == 422
    assert db.session.query(ApiToken).count() == 0
