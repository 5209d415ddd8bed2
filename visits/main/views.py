from flask import jsonify, redirect, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from visits.extensions import db
from visits.main import bp


@bp.get("/")
def index():
    return redirect(url_for("visits.index"))


@bp.get("/healthz")
def healthz():
    """200 when the database answers a query, 503 (with a retry hint) when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        response = jsonify(status="unavailable", database="unreachable")
        response.status_code = 503
        response.headers["Retry-After"] = "5"
        return response
    return jsonify(status="ok", database="ok")
