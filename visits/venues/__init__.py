"""Venues and the travel times between them."""

from flask import Blueprint

bp = Blueprint("venues", __name__, url_prefix="/venues")

from visits.venues import views  # noqa: E402,F401  (routes register on bp)
