"""Events of a visit: the forms and the quick actions."""

from flask import Blueprint

bp = Blueprint("events", __name__)
