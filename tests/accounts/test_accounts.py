from sqlalchemy import func, select

from tests.conftest import sign_in
from visits.models import Role, User


def test_only_admins_reach_the_account_pages(client, make_user):
    sign_in(client, make_user(Role.EDITOR))
    assert client.get("/accounts/").status_code == 403
    assert client.post("/accounts/new", data={"email": "x@example.org"}).status_code == 403


def test_an_admin_creates_an_account_with_a_generated_password(client, make_user, db):
    sign_in(client, make_user(Role.ADMIN))
    response = client.post(
        "/accounts/new", data={"email": "New@Example.org", "role": "editor", "password": ""}
    )
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    user = db.session.scalar(select(User).where(User.email == "new@example.org"))
    assert user.role is Role.EDITOR
    page = response.get_data(as_text=True)
    password = page.split('<code class="secret">')[1].split("<")[0]
    assert user.check_password(password)
    # Shown in this answer only: the session cookie does not carry it.
    with client.session_transaction() as session:
        assert password not in repr(dict(session))
    assert password not in client.get("/accounts/").get_data(as_text=True)


def test_a_duplicate_account_is_refused_beside_the_field(client, make_user, db):
    admin = make_user(Role.ADMIN)
    sign_in(client, admin)
    response = client.post("/accounts/new", data={"email": admin.email, "role": "viewer"})
    assert response.status_code == 422
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_an_admin_changes_a_role_and_disables_an_account(client, make_user, db):
    sign_in(client, make_user(Role.ADMIN))
    editor = make_user(Role.EDITOR)
    response = client.post(
        f"/accounts/{editor.id}/edit",
        data={"role": "viewer", "is_active": "", "version_id": str(editor.version_id)},
    )
    assert response.status_code == 302
    db.session.expire_all()
    changed = db.session.get(User, editor.id)
    assert changed.role is Role.VIEWER and not changed.is_active


def test_the_last_admin_cannot_lose_the_role(client, make_user, db):
    admin = make_user(Role.ADMIN)
    sign_in(client, admin)
    response = client.post(
        f"/accounts/{admin.id}/edit",
        data={"role": "editor", "is_active": "y", "version_id": str(admin.version_id)},
    )
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(User, admin.id).role is Role.ADMIN
