"""Saved groups: named, ordered lists of people and organizations added to an event in one
move (called participant lists in the code, as "group" names an organization)."""

from flask import Blueprint

bp = Blueprint("saved_groups", __name__, url_prefix="/saved-groups")
