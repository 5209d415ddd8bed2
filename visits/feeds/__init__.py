"""Calendar feeds: the secret-link .ics feeds delegates subscribe to, their subscribe
pages, and the staff pages that issue, revoke and rotate them."""

from flask import Blueprint

bp = Blueprint("feeds", __name__)
