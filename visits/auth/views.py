import math
import re
from datetime import timedelta
from typing import cast
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user

from visits.auth import bp
from visits.auth.access import current_staff_session
from visits.auth.forms import LanguageForm, LoginForm, LogoutForm
from visits.auth.services import password_matches, user_by_email
from visits.auth.staff_sessions import end_session, open_session
from visits.auth.throttle import Limits, TooManyAttempts, check_allowed, record_attempt
from visits.extensions import db
from visits.languages import LANGUAGES
from visits.orm import utcnow


def _safe_next(target: str | None) -> str:
    """Only a path on this site; never an absolute URL handed in by someone else.

    The value is judged as a browser reads it: tab, CR and LF are dropped (as browsers and
    Werkzeug drop them) and a backslash counts as a slash, so "/", a tab, then
    "/evil.example" is another host, and so are "/" or a backslash followed by a backslash;
    other control characters make the value unusable.
    """
    path = re.sub(r"[\t\r\n]", "", target or "")
    usable = (
        path.startswith("/")
        and path[1:2] not in ("/", "\\")
        and not any(ord(char) < 0x20 or ord(char) == 0x7F for char in path)
    )
    parts = urlsplit(path.replace("\\", "/"))
    if usable and not parts.scheme and not parts.netloc:
        return path
    return url_for("visits.index")


def _limits() -> Limits:
    config = current_app.config
    return Limits(
        per_account=config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
        per_address=config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
        window=timedelta(minutes=config["LOGIN_WINDOW_MINUTES"]),
    )


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("visits.index"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form, refusal=None)
    email, address, now = form.email.data, request.remote_addr or "unknown", utcnow()
    assert email is not None and form.password.data is not None  # the form requires both
    try:
        check_allowed(db.session(), email, address, _limits(), now)
    except TooManyAttempts as refused:
        return _too_many(form, refused)
    user = db.session.scalar(user_by_email(email))
    succeeded = password_matches(user, form.password.data) and user is not None and user.is_active
    record_attempt(db.session(), email, address, succeeded, now)
    if succeeded and user is not None:
        remember = bool(form.remember.data)
        user.attach_session(
            open_session(
                db.session(),
                user,
                remember=remember,
                user_agent=request.user_agent.string,
                ip=address,
            )
        )
        login_user(user, remember=remember)
    db.session.commit()
    if succeeded:
        return redirect(_safe_next(request.args.get("next")))
    cast(list[str], form.password.errors).append(_("Wrong e-mail or password."))
    return render_template("auth/login.html", form=form, refusal=None)


def _too_many(form: LoginForm, refused: TooManyAttempts):
    """The form again with the wait beside it; the password was not even looked at."""
    refusal = ngettext(
        "Too many attempts: try again in %(num)d minute.",
        "Too many attempts: try again in %(num)d minutes.",
        refused.minutes,
    )
    page = render_template("auth/login.html", form=form, refusal=refusal)
    return page, 429, {"Retry-After": str(math.ceil(refused.wait.total_seconds()))}


@bp.route("/logout", methods=["POST"])
def logout():
    if LogoutForm().validate_on_submit():
        record = current_staff_session()
        if record is not None:
            end_session(record)
            db.session.commit()
        logout_user()
        flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language():
    """Remember the signed-in staff member's language; every page is then shown in it."""
    chosen = request.form.get("lang")
    if LanguageForm().validate_on_submit() and chosen in LANGUAGES:
        current_user.locale = chosen
        db.session.commit()
    return redirect(_safe_next(request.form.get("next")))
