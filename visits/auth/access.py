"""Who may see and change what.

Every endpoint needs a signed-in staff member unless it is listed as public; viewers
may only read. The check runs before every request, so a new page is protected by
default rather than by remembering a decorator.

The policy is this module's; an area with callers of its own (the JSON API's tokens)
extends it with `extend`, and this module knows nothing of that area.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from flask import Flask, Response, abort, current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_login.config import COOKIE_NAME
from sqlalchemy import inspect

from visits.auth import staff_sessions
from visits.extensions import db, login_manager
from visits.models import Role, StaffSession, User

# Endpoints anyone may reach (delegates have no account).
PUBLIC_ENDPOINTS = frozenset(
    {"static", "auth.login", "main.healthz", "feeds.calendar", "feeds.subscribe"}
)
# Endpoints that change nothing of the office's data, though reached by POST.
VIEWER_POSTS = frozenset(
    {
        "auth.logout",
        "auth.language",
        "profile.password",
        "profile.new_token",
        "profile.revoke",
        "profile.end_session",
    }
)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class CallerCheck:
    """How an area signs its callers in: `applies()` says whether a request is the
    area's; `check()` answers it (a refusal) or lets it go on (None)."""

    applies: Callable[[], bool]
    check: Callable[[], Response | None]


@dataclass
class Policy:
    public: set[str] = field(default_factory=lambda: set(PUBLIC_ENDPOINTS))
    viewer_posts: set[str] = field(default_factory=lambda: set(VIEWER_POSTS))
    callers: list[CallerCheck] = field(default_factory=list)


def extend(
    app: Flask,
    *,
    public: Iterable[str] = (),
    viewer_posts: Iterable[str] = (),
    caller: CallerCheck | None = None,
) -> None:
    """Add an area's public endpoints, its harmless POSTs and its own sign-in check."""
    policy = app.extensions["visits.access"]
    policy.public.update(public)
    policy.viewer_posts.update(viewer_posts)
    if caller is not None:
        policy.callers.append(caller)


def init_app(app: Flask) -> None:
    app.extensions["visits.access"] = Policy()
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)
    app.before_request(require_staff)
    # Registered after Flask-Login's own, so it runs before the remember-me cookie is written.
    app.after_request(keep_own_session)
    app.after_request(keep_out_of_caches)


def load_user(user_id: str) -> User | None:
    """The user of a session or remember-me cookie holding
    "<id>:<session_version>:<staff session secret>", in one query.

    A password change raises the version, so an id handed out before it no longer signs
    anyone in; nor does one whose staff session was ended, idle too long or too old.
    """
    number, version, secret = [*user_id.split(":", 2), "", ""][:3]
    if not (number.isdigit() and version.isdigit() and secret) or ":" in secret:
        return None
    row = db.session.execute(staff_sessions.with_session(secret)).first()
    if row is None:
        return None
    user, record = row
    if user.id != int(number) or not user.is_active or user.session_version != int(version):
        return None
    if not staff_sessions.is_live(record, staff_sessions.Lifetimes.from_config(current_app.config)):
        return None
    if staff_sessions.needs_touch(record):
        staff_sessions.touch(db.session(), record)
        db.session.commit()
    user.attach_session(secret)
    return user


def current_staff_session() -> StaffSession | None:
    """The server-side session of the signed-in staff member's browser (already loaded)."""
    if not current_user.is_authenticated:
        return None
    secret = current_user.session_secret
    return db.session.get(StaffSession, staff_sessions.digest(secret)) if secret else None


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


def keep_out_of_caches(response: Response) -> Response:
    """No browser or proxy keeps a copy of what only staff may see (pages, prints, API
    answers). Public endpoints (feeds, subscribe pages, static files) set their own."""
    policy: Policy = current_app.extensions["visits.access"]
    if request.endpoint is not None and request.endpoint not in policy.public:
        response.headers["Cache-Control"] = "no-store"
    return response


def require_staff():
    """Send anonymous visitors to sign-in; refuse viewers anything that writes."""
    policy: Policy = current_app.extensions["visits.access"]
    endpoint = request.endpoint
    if endpoint is None or endpoint in policy.public:
        return None
    caller = next((caller for caller in policy.callers if caller.applies()), None)
    if caller is not None:
        refusal = caller.check()
        if refusal is not None:
            return refusal
    elif not current_user.is_authenticated:
        return login_manager.unauthorized()
    writes = request.method not in SAFE_METHODS and endpoint not in policy.viewer_posts
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


# The pages that create or import: editors and administrators only.
editors_only = role_required(Role.ADMIN, Role.EDITOR)
