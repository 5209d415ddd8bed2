"""Notices by e-mail: telling delegates what changed in their programme (a change notice
or calendar invitations), previewed by staff, then queued in the outbox."""

from flask import Blueprint

bp = Blueprint("notices", __name__)
