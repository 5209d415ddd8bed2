from datetime import UTC, date, datetime

from flask import abort, current_app, render_template, request

from visits.extensions import db
from visits.logistics.transfers import transfers
from visits.notices.plan import recipient_count
from visits.outbox.queue import eml_folder, writes_files
from visits.scheduling.days import date_range, group_by_day
from visits.scheduling.timezones import to_local
from visits.visits import bp
from visits.visits.conflict_cache import cached_conflicts
from visits.visits.day_summary import day_summaries, warned_days
from visits.visits.queries import day_events, visit_frame, visit_list
from visits.visits.warnings import warnings_of


@bp.get("/")
def index():
    today = datetime.now(UTC).date()
    visits = db.session.scalars(visit_list(today)).all()
    return render_template("visits/index.html", visits=visits, today=today)


@bp.get("/<int:visit_id>")
def show(visit_id: int):
    """The visit, its days with their counts, and one day's events and warnings (`?day=`;
    by default today within the visit, else its first day)."""
    visit = db.session.scalar(visit_frame(visit_id)) or abort(404)
    found = cached_conflicts(db.session(), visit.id, visit)
    assert found is not None  # the visit was just read
    days = day_summaries(visit, found)
    day = _chosen_day(visit, [d.date for d in days])
    home_zone = visit.delegation.home_timezone if visit.delegation else None
    on_day = [t for t in transfers(visit.movements) if _local_day(t.starts_at, visit) == day]
    events = db.session.scalars(day_events(visit, day)).all()
    (shown,) = group_by_day([*events, *on_day], visit.timezone, home_zone, days=[day])
    warnings = warnings_of(db.session(), visit, found.shown_on(day))
    return render_template(
        "visits/show.html",
        visit=visit,
        days=days,
        day=shown,
        home_zone=home_zone,
        warnings=warnings,
        other_warnings=warned_days(days, day),
        flagged={event_id for w in warnings for event_id in w.event_ids},
        mail_files=_mail_files(visit.id),
    )


def _local_day(moment: datetime, visit) -> date:
    return to_local(moment, visit.timezone).date()


def _chosen_day(visit, days: list[date]) -> date:
    asked = request.args.get("day")
    if asked:
        try:
            day = date.fromisoformat(asked)
        except ValueError:
            abort(400)
        return day if day in days else abort(404)
    today = _local_day(datetime.now(UTC), visit)
    return today if today in date_range(visit.start_date, visit.end_date) else days[0]


def _mail_files(visit_id: int) -> str | None:
    """Where the visit's e-mail notices go when no mail server is set: the folder of .eml
    files, when some delegate's link asks for e-mail (None otherwise)."""
    if not writes_files(current_app.config) or not recipient_count(db.session(), visit_id):
        return None
    return str(eml_folder(current_app))
