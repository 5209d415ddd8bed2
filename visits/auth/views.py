from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from visits.auth import bp
from visits.auth.forms import LanguageForm, LoginForm, LogoutForm
from visits.auth.services import user_by_email
from visits.config import UI_LANGUAGES
from visits.extensions import db


def _safe_next(target: str | None) -> str:
    """Only a path on this site; never an absolute URL handed in by someone else."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("visits.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("visits.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(user_by_email(form.email.data))
        if user is None or not user.is_active or not user.check_password(form.password.data):
            form.password.errors.append(_("Wrong e-mail or password."))
        else:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    if LogoutForm().validate_on_submit():
        logout_user()
        flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language():
    """Remember the signed-in staff member's language; every page is then shown in it."""
    chosen = request.form.get("lang")
    if LanguageForm().validate_on_submit() and chosen in UI_LANGUAGES:
        current_user.locale = chosen
        db.session.commit()
    return redirect(_safe_next(request.form.get("next")))
