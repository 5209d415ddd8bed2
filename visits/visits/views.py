from datetime import UTC, datetime

from flask import abort, current_app, render_template

from visits.extensions import db
from visits.logistics.transfers import transfers
from visits.notices.plan import recipient_count
from visits.outbox.queue import eml_folder, writes_files
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
        mail_files=_mail_files(visit.id),
    )


def _mail_files(visit_id: int) -> str | None:
    """Where the visit's e-mail notices go when no mail server is set: the folder of .eml
    files, when some delegate's link asks for e-mail (None otherwise)."""
    if not writes_files(current_app.config) or not recipient_count(db.session(), visit_id):
        return None
    return str(eml_folder(current_app))
