"""People and their positions."""

from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/people")

from visits.people import views  # noqa: E402,F401  (routes register on bp)
