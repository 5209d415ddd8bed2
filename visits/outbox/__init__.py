"""The outbox: reliable e-mail delivery. Messages are queued in the caller's transaction
(`queue.enqueue`) and delivered by the sender (`sender.send_due`, `flask outbox send`)."""

from flask import Blueprint

bp = Blueprint("outbox", __name__, url_prefix="/outbox")
