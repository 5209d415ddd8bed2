"""The day timeline page: lanes per person or per venue, drawn to scale, with the events
and the arrivals and departures shown as transfers, and the warnings of the day beside.
Editors move and stretch the blocks on it (see `visits.events.place_views`)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from visits.extensions import db
from visits.i18n import current_language
from visits.models import Venue, Visit
from visits.scheduling import conflicts as c
from visits.scheduling.days import date_range
from visits.scheduling.timeline import BY_PERSON, BY_VENUE, Lane, build
from visits.visits import bp
from visits.visits.conflict_cache import cached_conflicts
from visits.visits.queries import day_events, visit_frame
from visits.visits.timeline_lanes import lane_of, lanes_and_items
from visits.visits.warnings import warnings_of

MODES = (BY_PERSON, BY_VENUE)


def day_view(visit: Visit, day: date, mode: str, keep: Sequence[str] = ()) -> dict[str, Any]:
    """What the timeline of `day` shows: the drawing, the warnings that concern the day's
    events, and (for editors) the version of each event a gesture must name. By venue,
    the venue lanes named in `keep` stay drawn even when no event is left in them. Only
    the day's events are loaded; the conflicts come from the per-visit cache."""
    lang = current_language()
    kept = {venue_id for key in keep if (venue_id := Lane(key, "").venue_id) is not None}
    venues = db.session.scalars(select(Venue).where(Venue.id.in_(kept))) if kept else ()
    events = db.session.scalars(day_events(visit, day)).all()
    lanes, items = lanes_and_items(visit, events, mode, lang, venues)
    found = cached_conflicts(db.session(), visit.id, visit)
    conflicts = found.conflicts if found else ()
    drawn = build(
        day,
        visit.timezone,
        items,
        lanes,
        conflicting=frozenset(
            (lane_of(k, mode), event_id) for k in conflicts for event_id in k.event_ids
        ),
        short_gaps=frozenset(
            (k.event_ids[0], k.event_ids[1]) for k in conflicts if k.code == c.TRAVEL_TOO_SHORT
        ),
    )
    todays = {e.id for e in events}
    shown = [k for k in conflicts if todays.intersection(k.event_ids)]
    editable = current_user.is_authenticated and current_user.can_edit
    versions = {e.id: e.version_id for e in events} if editable else {}
    return {
        "visit": visit,
        "timeline": drawn,
        "mode": mode,
        "warnings": warnings_of(db.session(), visit, shown),
        "versions": versions,
        "editable": editable,
    }


@bp.get("/<int:visit_id>/timeline")
def timeline(visit_id: int):
    visit = db.session.scalar(visit_frame(visit_id)) or abort(404)
    days = date_range(visit.start_date, visit.end_date)
    try:
        day = date.fromisoformat(request.args.get("day") or days[0].isoformat())
    except ValueError:
        abort(400)
    mode = request.args.get("by", "person")
    if day not in days or mode not in MODES:
        abort(404)
    return render_template("visits/timeline.html", days=days, **day_view(visit, day, mode))
