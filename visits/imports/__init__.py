"""Whole visits as versioned JSON documents: export, and import with a preview."""

from flask import Blueprint

bp = Blueprint("imports", __name__, url_prefix="/imports")
