"""Sign-in attempts are limited per account and per client address, counted in the database."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from visits.models import LoginAttempt, Role, User
from visits.orm import utcnow

ENGLISH = {"Accept-Language": "en"}


def attempt(client, email: str, password: str = "wrong password", address: str = "127.0.0.1"):
    return client.post(
        "/auth/login",
        data={"email": email, "password": password},
        headers=ENGLISH,
        environ_base={"REMOTE_ADDR": address},
    )


def fail(client, email: str, times: int, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        assert attempt(client, email, address=address).status_code == 200


def age_attempts(db, by: timedelta) -> None:
    for row in db.session.scalars(select(LoginAttempt)):
        row.at -= by
    db.session.commit()


def attempts(db) -> int:
    return db.session.scalar(select(func.count(LoginAttempt.id)))


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, make_user):
    user = make_user(Role.EDITOR)
    fail(client, user.email, 5)
    response = attempt(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts: try again in 15 minutes." in response.get_data(as_text=True)
    assert response.headers["Retry-After"] in ("899", "900")
    assert client.get("/visits/").status_code == 302


def test_the_account_limit_holds_from_any_address_and_ignores_case(client, make_user):
    user = make_user(Role.EDITOR)
    fail(client, user.email.upper(), 5, address="10.0.0.1")
    assert attempt(client, user.email, PASSWORD, address="10.0.0.2").status_code == 429


def test_another_account_from_the_same_address_works_until_the_address_limit(client, make_user):
    blocked, other = make_user(Role.EDITOR), make_user(Role.VIEWER)
    fail(client, blocked.email, 5)
    assert attempt(client, other.email, PASSWORD).status_code == 302
    client.post("/auth/logout")
    for n in range(3):  # 15 more failures on accounts of their own: 20 from this address
        fail(client, f"guess{n}@example.org", 5)
    response = attempt(client, other.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert attempt(client, other.email, PASSWORD, address="10.0.0.9").status_code == 302


def test_the_block_lifts_when_the_window_has_passed(client, make_user, db):
    user = make_user(Role.EDITOR)
    fail(client, user.email, 5)
    age_attempts(db, timedelta(minutes=10))
    response = attempt(client, user.email, PASSWORD)
    assert "try again in 5 minutes." in response.get_data(as_text=True)
    age_attempts(db, timedelta(minutes=5, seconds=1))
    assert attempt(client, user.email, PASSWORD).status_code == 302
    assert client.get("/visits/").status_code == 200


def test_a_blocked_attempt_checks_no_password_and_is_not_counted(
    client, make_user, db, monkeypatch
):
    user = make_user(Role.EDITOR)
    fail(client, user.email, 5)
    checked = []
    monkeypatch.setattr(User, "check_password", lambda self, pw: checked.append(pw) or True)
    assert attempt(client, user.email, PASSWORD).status_code == 429
    assert checked == []
    assert attempts(db) == 5


def test_a_successful_sign_in_is_recorded_and_clears_nothing(client, make_user, db):
    user = make_user(Role.EDITOR)
    fail(client, user.email, 4)
    assert attempt(client, user.email, PASSWORD).status_code == 302
    client.post("/auth/logout")
    succeeded = db.session.scalars(select(LoginAttempt.succeeded).order_by(LoginAttempt.id))
    assert list(succeeded) == [False] * 4 + [True]
    fail(client, user.email, 1)
    assert attempt(client, user.email, PASSWORD).status_code == 429


def test_the_limits_come_from_the_configuration(app, client, make_user):
    app.config.update(LOGIN_MAX_FAILURES_PER_ACCOUNT=2, LOGIN_WINDOW_MINUTES=1)
    user = make_user(Role.EDITOR)
    fail(client, user.email, 2)
    response = attempt(client, user.email, PASSWORD)
    assert "try again in 1 minute." in response.get_data(as_text=True)


def test_attempts_older_than_a_day_are_pruned_when_one_is_recorded(client, make_user, db):
    db.session.add(
        LoginAttempt(at=utcnow() - timedelta(days=2), email="old@example.org", address="10.0.0.1")
    )
    db.session.commit()
    fail(client, "new@example.org", 1)
    emails = db.session.scalars(select(LoginAttempt.email))
    assert list(emails) == ["new@example.org"]


@pytest.mark.parametrize("data", [{"email": "a@example.org"}, {"password": "x"}, {}])
def test_an_invalid_form_is_no_attempt(client, db, data):
    assert client.post("/auth/login", data=data).status_code == 200
    assert attempts(db) == 0


def test_the_refusal_is_translated(client, make_user):
    user = make_user(Role.EDITOR)
    fail(client, user.email, 5)
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": PASSWORD},
        headers={"Accept-Language": "ru"},
    )
    assert response.status_code == 429
    assert "Слишком много попыток: повторите через 15 минут." in response.get_data(as_text=True)


@pytest.fixture
def behind_a_proxy(app, tmp_path):
    """A client of a second app on the same database, built with PROXY_HOPS set."""
    from visits import create_app
    from visits.config import TestConfig
    from visits.extensions import db as extension

    apps = []

    def make(hops: int):
        config = TestConfig(str(tmp_path / "proxied"), app.config["SQLALCHEMY_DATABASE_URI"])
        config.PROXY_HOPS = hops
        apps.append(create_app(config))
        return apps[-1].test_client()

    yield make
    for other in apps:
        with other.app_context():
            extension.engine.dispose()


@pytest.mark.isolated  # the second app commits on connections of its own
@pytest.mark.parametrize(("hops", "counted"), [(1, "203.0.113.7"), (0, "127.0.0.1")])
def test_behind_a_proxy_the_client_address_is_counted(behind_a_proxy, db, hops, counted):
    """With VISITS_PROXY_HOPS the proxy's X-Forwarded-For names the client; without it the
    header is not trusted (anyone could send it)."""
    client = behind_a_proxy(hops)
    client.post(
        "/auth/login",
        data={"email": "a@example.org", "password": "wrong password"},
        headers={"X-Forwarded-For": "203.0.113.7"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert list(db.session.scalars(select(LoginAttempt.address))) == [counted]
