from datetime import UTC, datetime

from flask import abort, render_template

from visits.extensions import db
from visits.logistics.transfers import transfers
from visits.scheduling.days import date_range, group_by_day
from visits.visits import bp
from visits.visits.queries import visit_list, visit_page
from visits.visits.warnings import visit_warnings


@bp.get("/")
def index():
    today = datetime.now(UTC).date()
    visits = db.session.scalars(visit_list(today)).all()
    return render_template("visits/index.html", visits=visits, today=today)


@bp.get("/<int:visit_id>")
def show(visit_id: int):
    visit = db.session.scalar(visit_page(visit_id)) or abort(404)
    home_zone = visit.delegation.home_timezone if visit.delegation else None
    days = group_by_day(
        [*visit.events, *transfers(visit.movements)],
        visit.timezone,
        home_zone,
        days=date_range(visit.start_date, visit.end_date),
    )
    warnings = visit_warnings(db.session(), visit)
    flagged = {event_id for w in warnings for event_id in w.event_ids}
    return render_template(
        "visits/show.html",
        visit=visit,
        days=days,
        home_zone=home_zone,
        warnings=warnings,
        flagged=flagged,
    )
