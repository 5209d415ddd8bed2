"""Delegations and their members in order of precedence."""

from flask import Blueprint

bp = Blueprint("delegations", __name__, url_prefix="/delegations")
