"""Your account: role and language, and personal API tokens (created, shown once, revoked).

Any signed-in staff member, viewers included, manages their own tokens: a token acts with
its owner's role, so a viewer's token only reads.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from visits.api.tokens import issue_token, revoke_token, tokens_of
from visits.editing import commit
from visits.extensions import db
from visits.models import ApiToken
from visits.profile import bp
from visits.profile.forms import NewTokenForm, RevokeTokenForm


def _render(form: NewTokenForm, secret: str | None = None, status: int = 200):
    tokens = db.session.scalars(tokens_of(current_user.id)).all()
    return (
        render_template(
            "profile/index.html",
            form=form,
            revoke_form=RevokeTokenForm(),
            tokens=tokens,
            secret=secret,
        ),
        status,
    )


@bp.get("/")
def index():
    return _render(NewTokenForm())


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
