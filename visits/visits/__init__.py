"""Staff pages of visits: the list and a visit with its schedule."""

from flask import Blueprint

bp = Blueprint("visits", __name__, url_prefix="/visits")
