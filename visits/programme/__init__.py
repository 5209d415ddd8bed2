"""The printed programme of a visit (HTML and PDF, guest and working variants) and its
issued revisions with the changes between them."""

from flask import Blueprint

bp = Blueprint("programme", __name__)
