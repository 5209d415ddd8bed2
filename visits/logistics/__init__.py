"""Arrivals, departures and accommodation of a visit's delegation."""

from flask import Blueprint

bp = Blueprint("logistics", __name__)

from visits.logistics import views  # noqa: E402,F401  (routes register on bp)
