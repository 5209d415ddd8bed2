"""Your account: role and language, your password, your signed-in sessions (the others
can be ended), and personal API tokens (created, shown once, revoked).

Any signed-in staff member, viewers included, manages their own tokens: a token acts with
its owner's role, so a viewer's token only reads.
"""

from typing import cast

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from visits.api.tokens import issue_token, revoke_token, tokens_of
from visits.auth import staff_sessions
from visits.auth.access import current_staff_session
from visits.auth.notices import tokens_revoked
from visits.auth.services import change_password
from visits.editing import commit
from visits.extensions import db
from visits.models import ApiToken, StaffSession
from visits.profile import bp
from visits.profile.forms import EndSessionForm, NewTokenForm, PasswordForm, RevokeTokenForm


def _render(
    form: NewTokenForm,
    secret: str | None = None,
    status: int = 200,
    password_form: PasswordForm | None = None,
):
    tokens = db.session.scalars(tokens_of(current_user.id)).all()
    lifetimes = staff_sessions.Lifetimes.from_config(current_app.config)
    this_one = current_staff_session()
    return (
        render_template(
            "profile/index.html",
            form=form,
            password_form=password_form or PasswordForm(formdata=None),
            revoke_form=RevokeTokenForm(),
            tokens=tokens,
            sessions=staff_sessions.live_sessions_of(db.session(), current_user.id, lifetimes),
            this_session=this_one.id if this_one else None,
            end_form=EndSessionForm(),
            secret=secret,
        ),
        status,
    )


@bp.get("/")
def index():
    return _render(NewTokenForm())


@bp.post("/password")
def password():
    """A new password ends every other session of the account and revokes its tokens."""
    form = PasswordForm()
    me = current_user._get_current_object()
    if form.validate_on_submit() and not me.check_password(form.current.data or ""):
        cast(list[str], form.current.errors).append(_("This is not your current password."))
    if form.errors:
        return _render(NewTokenForm(formdata=None), status=422, password_form=form)
    revoked = change_password(db.session(), me, form.new.data or "")
    commit(db.session())
    flash(_("Your password is changed; your other sessions are signed out."), "success")
    if revoked:
        flash(tokens_revoked(revoked), "info")
    return redirect(url_for(".index"))


@bp.post("/tokens")
def new_token():
    form = NewTokenForm()
    if not form.validate_on_submit():
        return _render(form, status=422)
    name = form.name.data
    assert name is not None  # the form requires it
    _token, secret = issue_token(db.session(), current_user._get_current_object(), name)
    commit(db.session())
    # Shown in this answer only: the database keeps its hash, no cookie carries it.
    return _render(NewTokenForm(formdata=None), secret=secret, status=201)


@bp.post("/tokens/<int:token_id>/revoke")
def revoke(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    if RevokeTokenForm().validate_on_submit():
        revoke_token(token)
        commit(db.session())
        flash(_("Token «%(name)s» revoked.", name=token.name), "success")
    return redirect(url_for(".index"))


@bp.post("/sessions/<session_id>/end")
def end_session(session_id: str):
    """Sign out one of one's other browsers."""
    record = db.session.get(StaffSession, session_id)
    if record is None or record.user_id != current_user.id:
        abort(404)
    if EndSessionForm().validate_on_submit():
        staff_sessions.end_session(record)
        commit(db.session())
        flash(_("The session is ended: that browser is signed out."), "success")
    return redirect(url_for(".index"))
