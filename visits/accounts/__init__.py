"""Staff accounts, managed by administrators."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/accounts")

from visits.accounts import views  # noqa: E402,F401  (routes register on bp)
