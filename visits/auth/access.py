"""Who may see and change what.

Every endpoint needs a signed-in staff member unless it is listed as public; viewers
may only read. The check runs before every request, so a new page is protected by
default rather than by remembering a decorator.
"""

from collections.abc import Callable
from functools import wraps

from flask import Flask, Response, abort, current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_login.config import COOKIE_NAME
from sqlalchemy import inspect

from visits.api.auth import check_api_caller
from visits.api.problems import is_api_request
from visits.extensions import db, login_manager
from visits.models import Role, User

# Endpoints anyone may reach (delegates have no account).
PUBLIC_ENDPOINTS = {
    "static",
    "auth.login",
    "main.healthz",
    "feeds.calendar",
    "feeds.subscribe",
    # The API's reference tells nothing of the office's data.
    "api-docs.openapi_json",
    "api_reference.page",
}
# Endpoints that change nothing of the office's data, though reached by POST.
VIEWER_POSTS = {"auth.logout", "auth.language", "profile.new_token", "profile.revoke"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)
    app.before_request(require_staff)
    # Registered after Flask-Login's own, so it runs before the remember-me cookie is written.
    app.after_request(keep_own_session)


def load_user(user_id: str) -> User | None:
    """The user of a session or remember-me cookie holding "<id>:<session_version>".

    A password change raises the version, so an id handed out before it (including the
    old plain "<id>" form) no longer signs anyone in.
    """
    number, _, version = user_id.partition(":")
    if not (number.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(number))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def keep_own_session(response: Response) -> Response:
    """Keep signed in the one who changed their own password in this request.

    Only the other sessions are to end: this one is handed the new id (and a fresh
    remember-me cookie if it had one).
    """
    if request.method in SAFE_METHODS or not current_user.is_authenticated:
        return response
    if inspect(current_user._get_current_object()).modified:
        return response  # a change not committed: the old id still holds
    new_id = current_user.get_id()
    if session.get("_user_id") not in (None, new_id):
        session["_user_id"] = new_id
        cookie = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)
        if cookie in request.cookies:
            session["_remember"] = "set"
    return response


def require_staff():
    """Send anonymous visitors to sign-in; refuse viewers anything that writes."""
    endpoint = request.endpoint
    if endpoint is None or endpoint in PUBLIC_ENDPOINTS:
        return None
    if is_api_request():
        refusal = check_api_caller()
        if refusal is not None:
            return refusal
    elif not current_user.is_authenticated:
        return login_manager.unauthorized()
    writes = request.method not in SAFE_METHODS and endpoint not in VIEWER_POSTS
    if writes and not current_user.can_edit:
        abort(403)
    return None


def role_required(*roles: Role) -> Callable:
    """Limit a view to the given roles (beyond the sign-in every staff page has)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated or current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
