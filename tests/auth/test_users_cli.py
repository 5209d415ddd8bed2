from sqlalchemy import func, select

from visits.models import Role, User


def test_users_create_with_a_password(runner, db):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Protocol@Example.org",
            "--role",
            "admin",
            "--password",
            "long enough pw",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.role) == ("protocol@example.org", Role.ADMIN)
    assert user.check_password("long enough pw")


def test_users_create_prompts_for_the_password(runner, db):
    result = runner.invoke(
        args=["users", "create", "editor@example.org", "--role", "editor"],
        input="long enough pw\nlong enough pw\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User)).check_password("long enough pw")


def test_a_duplicate_user_is_refused_with_a_clear_message(runner, db):
    args = ["users", "create", "a@example.org", "--password", "long enough pw"]
    assert runner.invoke(args=args).exit_code == 0
    result = runner.invoke(args=["users", "create", "A@example.org", "--password", "other pw 123"])
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_a_short_password_or_unknown_role_is_refused(runner, db):
    result = runner.invoke(args=["users", "create", "a@example.org", "--password", "short"])
    assert result.exit_code != 0 and "at least" in result.output
    result = runner.invoke(
        args=["users", "create", "a@example.org", "--role", "boss", "--password", "long enough"]
    )
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_ensure_admin_creates_one_admin_once_and_prints_its_sign_in(runner, db, client):
    first = runner.invoke(args=["users", "ensure-admin"])
    assert first.exit_code == 0 and "admin@visits.example /" in first.output
    password = first.output.split(" / ")[1].split()[0]
    admin = db.session.scalar(select(User))
    assert admin.role is Role.ADMIN and admin.check_password(password)
    # What is printed signs in through the form, as a new user would.
    signed_in = client.post("/auth/login", data={"email": admin.email, "password": password})
    assert signed_in.status_code == 302 and "/auth/login" not in signed_in.headers["Location"]
    second = runner.invoke(args=["users", "ensure-admin"])
    assert second.exit_code == 0
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_set_password_replaces_the_old_one(runner, db):
    runner.invoke(args=["users", "create", "a@example.org", "--password", "first password"])
    result = runner.invoke(
        args=["users", "set-password", "A@example.org", "--password", "second password"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert user.check_password("second password") and not user.check_password("first password")
    result = runner.invoke(
        args=["users", "set-password", "nobody@example.org", "--password", "x" * 12]
    )
    assert result.exit_code != 0 and "no account" in result.output


def test_an_account_on_a_special_use_domain_still_signs_in(runner, db, client):
    """Sign-in looks the address up; it does not judge its syntax (older installations made
    their first admin on a .local address)."""
    result = runner.invoke(
        args=["users", "create", "admin@visits.local", "--password", "long enough pass"]
    )
    assert result.exit_code == 0, result.output
    signed_in = client.post(
        "/auth/login", data={"email": "admin@visits.local", "password": "long enough pass"}
    )
    assert signed_in.status_code == 302
