"""The signed-in staff member's own account: who they are and their API tokens."""

from flask import Blueprint

bp = Blueprint("profile", __name__, url_prefix="/me")
