"""Staff pages of feeds (issue, list, revoke, rotate) and the delegate's subscribe page."""

from flask import abort

from visits.feeds import bp


@bp.get("/feeds/<secret>")
def subscribe(secret: str):
    abort(404)
