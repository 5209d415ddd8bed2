"""Delegations and their members in order of precedence."""

from flask import Blueprint

bp = Blueprint("delegations", __name__, url_prefix="/delegations")

from visits.delegations import views  # noqa: E402,F401  (routes register on bp)
