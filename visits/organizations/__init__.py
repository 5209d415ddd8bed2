"""Organizations: government bodies, ensembles, companies."""

from flask import Blueprint

bp = Blueprint("organizations", __name__, url_prefix="/organizations")
