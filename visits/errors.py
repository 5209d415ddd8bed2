"""Error pages: a clear page for every HTTP error, never a bare stack trace."""

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_http_error)


def render_http_error(error: HTTPException):
    if request.path == "/healthz" or request.accept_mimetypes.best == "application/json":
        return {"status": error.code, "title": error.name}, error.code
    return render_template("errors/error.html", error=error), error.code
