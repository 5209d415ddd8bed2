"""Calendar feeds: the secret-link .ics feeds delegates subscribe to, their subscribe
pages, and the staff pages that issue, revoke and rotate them."""

from flask import Blueprint

bp = Blueprint("feeds", __name__)

from visits.feeds import serve, views  # noqa: E402,F401  (routes register on bp)
