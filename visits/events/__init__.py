"""Events of a visit: the forms and the quick actions."""

from flask import Blueprint

bp = Blueprint("events", __name__)

from visits.events import views  # noqa: E402,F401  (routes register on bp)
