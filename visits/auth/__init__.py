"""Staff sign-in, sign-out, and the guard that keeps every staff page behind them."""

from flask import Blueprint, Flask

from visits.auth import access

bp = Blueprint("auth", __name__, url_prefix="/auth")


def init_app(app: Flask) -> None:
    access.init_app(app)
