from flask import jsonify, redirect, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from visits.extensions import db
from visits.main import bp
from visits.scheduling.timezones import tz_data_problem, tz_data_version


@bp.get("/")
def index():
    return redirect(url_for("visits.index"))


@bp.get("/healthz")
def healthz():
    """200 when the database answers a query and the zone data is current; 503 (with a
    retry hint) when the database does not answer, 503 with the reason when the zone data
    is out of date. Either way it names the zone data's IANA version."""
    tzdata = tz_data_version()
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        response = jsonify(status="unavailable", database="unreachable", tzdata=tzdata)
        response.status_code = 503
        response.headers["Retry-After"] = "5"
        return response
    problem = tz_data_problem()
    if problem is not None:
        response = jsonify(status="unavailable", database="ok", tzdata=tzdata, reason=problem)
        response.status_code = 503
        return response
    return jsonify(status="ok", database="ok", tzdata=tzdata)
