"""Error pages: a clear page for every HTTP error, never a bare stack trace.

When the database cannot be reached (stopped, restarting, the network gone, the pool
exhausted), every request is answered 503 with a `Retry-After` hint instead of a 500.
The failed transaction is rolled back; the pool's pre-ping (visits/config.py) replaces
the dead connections, so the app answers again by itself once the database is back.
"""

import contextlib

import psycopg
from flask import Flask, Response, current_app, g, make_response, render_template, request
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import Conflict, HTTPException, ServiceUnavailable

from visits.api.problems import from_http_exception, is_api_request, problem
from visits.editing import StaleEdit
from visits.extensions import db, login_manager

RETRY_AFTER_SECONDS = 5
# SQLAlchemy wraps the driver's connection errors in OperationalError or InterfaceError;
# the driver's own classes are listed for errors raised outside SQLAlchemy's wrapping.
DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,  # no free connection in the pool within its timeout
    psycopg.OperationalError,
    psycopg.InterfaceError,
)


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_http_error)
    for error_class in DATABASE_UNAVAILABLE:
        app.register_error_handler(error_class, database_unavailable)
    app.register_error_handler(StaleEdit, stale_edit)
    app.register_error_handler(sa_exc.IntegrityError, integrity_error)
    # Runs before Flask-SQLAlchemy's own teardown (teardowns run in reverse order).
    app.teardown_appcontext(release_session)


def wants_json() -> bool:
    return request.path == "/healthz" or request.accept_mimetypes.best == "application/json"


def render_http_error(error: HTTPException):
    if is_api_request():
        return from_http_exception(error)
    if wants_json():
        return {"status": error.code, "title": error.name}, error.code
    return render_template("errors/error.html", error=error), error.code


def database_unavailable(error: Exception) -> Response:
    """503 with a retry hint: HTML for pages, JSON for /healthz and API clients, bare text
    for calendar feeds. Nothing of the request was saved (its transaction is rolled back)."""
    with contextlib.suppress(sa_exc.SQLAlchemyError, psycopg.Error):
        db.session.rollback()
    cause = getattr(error, "orig", None) or error
    current_app.logger.warning(
        "Database unavailable (%s): %s %s answered 503",
        type(cause).__name__,
        request.method,
        request.path,
    )
    # The signed-in user cannot be (re)loaded now: the error page is shown as to a visitor.
    g._login_user = login_manager.anonymous_user()
    unavailable = ServiceUnavailable()
    if request.path.startswith("/feeds/"):
        response = Response("Service Unavailable\n", status=503, mimetype="text/plain")
    elif is_api_request():
        response = problem(503, "The database is not reachable now; try again shortly.")
    else:
        response = make_response(render_http_error(unavailable))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def stale_edit(error: StaleEdit) -> Response:
    """A save that lost the race to another (pages catch this themselves; the API here)."""
    db.session.rollback()
    if is_api_request():
        return problem(
            409,
            "The record changed since you read it: reload it and apply your change.",
            current_version=error.record.version_id,
        )
    return make_response(render_http_error(Conflict()))


def integrity_error(error: sa_exc.IntegrityError) -> Response:
    """A write the database refused for a rule the checks before it did not see (most
    often a concurrent change): 409, nothing saved."""
    db.session.rollback()
    current_app.logger.warning("Integrity error answered 409: %s", getattr(error, "orig", error))
    if is_api_request():
        return problem(409, "The change conflicts with data saved meanwhile; nothing was saved.")
    return make_response(render_http_error(Conflict()))


def release_session(_error: BaseException | None) -> None:
    """End the request's session. When the database dropped the connection after the
    answer was made (a restart in the middle of a request), the rollback of closing fails:
    the connection is discarded instead of turning a finished answer into a 500."""
    try:
        db.session.remove()
    except DATABASE_UNAVAILABLE as error:
        cause = getattr(error, "orig", None) or error
        current_app.logger.warning(
            "Database connection lost at the end of a request (%s)", type(cause).__name__
        )
        with contextlib.suppress(Exception):
            db.session().invalidate()
        db.session.registry.clear()
