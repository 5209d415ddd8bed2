"""Staff pages of visits: the list and a visit with its schedule."""

from flask import Blueprint

bp = Blueprint("visits", __name__, url_prefix="/visits")

from visits.visits import edit_views, timeline_views, translation_views, views  # noqa: E402,F401
