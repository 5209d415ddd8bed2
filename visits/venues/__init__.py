"""Venues and the travel times between them."""

from flask import Blueprint

bp = Blueprint("venues", __name__, url_prefix="/venues")
