"""The front door and the health check."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from visits.main import views  # noqa: E402,F401  (routes register on bp)
