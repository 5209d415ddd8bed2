"""Organizations: government bodies, ensembles, companies."""

from flask import Blueprint

bp = Blueprint("organizations", __name__, url_prefix="/organizations")

from visits.organizations import views  # noqa: E402,F401  (routes register on bp)
