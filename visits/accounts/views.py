"""Staff accounts: administrators only."""

from typing import cast

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from visits.accounts import bp
from visits.accounts.forms import AccountForm, NewAccountForm
from visits.accounts.services import LastAdmin, update_account
from visits.auth.access import role_required
from visits.auth.notices import tokens_revoked
from visits.auth.services import AccountError, create_user, random_password
from visits.editing import StaleEdit, check_version, commit
from visits.extensions import db
from visits.models import Role, User


@bp.before_request
@role_required(Role.ADMIN)
def _admins_only() -> None:
    return None


@bp.get("/")
def index():
    users = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("accounts/index.html", users=users)


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = NewAccountForm()
    if form.validate_on_submit():
        password = form.password.data or random_password()
        assert form.email.data is not None  # the form requires it
        try:
            user = create_user(db.session(), form.email.data, password, form.role.data)
        except AccountError:
            db.session.rollback()
            cast(list[str], form.email.errors).append(
                _("An account with this e-mail already exists.")
            )
        else:
            commit(db.session())
            if not form.password.data:
                return _generated(user, password)
            flash(_("The account is created."), "success")
            return redirect(url_for("accounts.index"))
    return render_template("accounts/new.html", form=form), 422 if form.errors else 200


def _generated(user: User, password: str):
    """The generated password in this answer only: never in the session cookie (a flash
    message would put it there), never kept by a cache."""
    page = render_template("accounts/created.html", user=user, password=password)
    return page, 201, {"Cache-Control": "no-store"}


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
def edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = AccountForm(obj=user)
    if form.validate_on_submit():
        try:
            check_version(db.session(), user, form.loaded_version())
            revoked = update_account(
                db.session(), user, form.role.data, form.is_active.data, form.password.data
            )
            commit(db.session(), user, form.loaded_version())
        except StaleEdit as stale:
            db.session.rollback()
            form.version_id.data = stale.record.version_id
            return render_template("accounts/edit.html", form=form, user=user, stale=stale), 409
        except LastAdmin:
            db.session.rollback()
            cast(list[str], form.role.errors).append(
                _("There must remain at least one active administrator.")
            )
        else:
            flash(_("Saved."), "success")
            if revoked:
                flash(tokens_revoked(revoked), "info")
            return redirect(url_for("accounts.index"))
    status = 422 if form.errors else 200
    return render_template("accounts/edit.html", form=form, user=user, stale=None), status
