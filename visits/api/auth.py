"""Who is calling the API.

A personal token (`Authorization: Bearer vst_…`) identifies a staff member and their
role. A browser's session cookie is accepted for reading; for writing it must come with
the page's CSRF token in `X-CSRFToken`, so that no other site can write through a
signed-in browser. Without either the answer is 401 with a Bearer challenge.
"""

from flask import Flask, g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from visits.api.problems import is_api_request, problem
from visits.api.tokens import user_of_secret
from visits.auth import access
from visits.extensions import db, login_manager

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="visits"'}


# The API's reference tells nothing of the office's data.
PUBLIC_ENDPOINTS = ("api-docs.openapi_json", "api_reference.page")


def init_app(app: Flask) -> None:
    """Tokens sign API callers in; the access policy learns the API's own checks."""
    login_manager.request_loader(load_user_from_token)
    access.extend(
        app,
        public=PUBLIC_ENDPOINTS,
        caller=access.CallerCheck(applies=is_api_request, check=check_api_caller),
    )


def bearer_secret() -> str | None:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return secret.strip() or None


def load_user_from_token(_request):
    """Flask-Login's fallback when no session signs the request in: an API token."""
    if not is_api_request():
        return None
    secret = bearer_secret()
    if secret is None:
        return None
    user = user_of_secret(db.session(), secret)
    if user is not None:
        g.api_token_used = True
    return user


def check_api_caller():
    """The API's part of the request guard: a problem response, or None to go on."""
    if request.headers.get("Authorization") and bearer_secret() is None:
        return problem(401, "Use a Bearer token.", headers=CHALLENGE)
    if not current_user.is_authenticated:
        if bearer_secret() is not None:
            return problem(401, "The token is unknown or revoked.", headers=CHALLENGE)
        return problem(401, "Sign in or send a personal API token.", headers=CHALLENGE)
    if request.method in SAFE_METHODS or g.get("api_token_used"):
        return None
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except (ValidationError, CSRFError):
        return problem(
            403, "A write with a session cookie needs the page's CSRF token in X-CSRFToken."
        )
    return None
