"""An API client authenticated by a personal token, for each role."""

import pytest

from visits.api.tokens import issue_token
from visits.models import Role


class ApiClient:
    """The Flask test client with `Authorization: Bearer <token>` on every request."""

    def __init__(self, client, secret: str) -> None:
        self.client = client
        self.secret = secret

    def open(self, method: str, url: str, **kwargs):
        headers = {"Authorization": f"Bearer {self.secret}", **kwargs.pop("headers", {})}
        return self.client.open(url, method=method, headers=headers, **kwargs)

    def get(self, url, **kwargs):
        return self.open("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.open("POST", url, **kwargs)

    def put(self, url, **kwargs):
        return self.open("PUT", url, **kwargs)

    def patch(self, url, **kwargs):
        return self.open("PATCH", url, **kwargs)

    def delete(self, url, **kwargs):
        return self.open("DELETE", url, **kwargs)


@pytest.fixture
def make_api_client(app, db, make_user):
    def make(role: Role | str = Role.EDITOR) -> ApiClient:
        user = make_user(role, email=f"api-{role}@example.org")
        _token, secret = issue_token(db.session, user, f"{role} token")
        db.session.commit()
        return ApiClient(app.test_client(), secret)

    return make


@pytest.fixture
def api(make_api_client) -> ApiClient:
    """An editor's token."""
    return make_api_client(Role.EDITOR)


@pytest.fixture
def viewer_api(make_api_client) -> ApiClient:
    return make_api_client(Role.VIEWER)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"]
    return body


def pointers(body: dict) -> set[str]:
    return {error["pointer"] for error in body.get("errors", [])}
