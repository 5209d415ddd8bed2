"""Scheduling conflicts as a resource: the warnings the visit page and the event form show
(someone in two places at once, a hall booked twice, too little time to travel…),
computed by the same code. Warnings never refuse anything."""

from dataclasses import replace

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from webargs.flaskparser import abort

from visits.api.common import get_or_404
from visits.extensions import db
from visits.models import Event, Visit
from visits.scheduling import conflicts as c
from visits.visits.conflict_cache import cached_conflicts
from visits.visits.warnings import Names, describe

blp = Blueprint(
    "api-conflicts",
    __name__,
    url_prefix="/api/v1",
    description="Scheduling conflicts of visits and events (warnings).",
)


class WarningSchema(ma.Schema):
    kind = ma.fields.String(
        required=True, metadata={"enum": list(c.CODES), "description": "What kind of conflict"}
    )
    message = ma.fields.String(required=True, metadata={"description": "In the reader's language"})
    event_ids = ma.fields.List(ma.fields.Integer(), required=True)
    person_ids = ma.fields.List(ma.fields.Integer(), required=True)
    organization_ids = ma.fields.List(ma.fields.Integer(), required=True)
    venue_ids = ma.fields.List(ma.fields.Integer(), required=True)
    minutes = ma.fields.Integer(
        allow_none=True,
        metadata={"description": "Overlap, gap left for travel, lateness, or nights (stays)"},
    )
    required_minutes = ma.fields.Integer(allow_none=True, metadata={"description": "Travel time"})
    count = ma.fields.Integer(allow_none=True, metadata={"description": "Peak attendance"})
    limit = ma.fields.Integer(allow_none=True, metadata={"description": "Venue capacity"})


def warnings_of(visit: Visit, event_id: int | None = None) -> list[dict]:
    """One warning per distinct problem, as on the visit page: people in the same situation
    are named together. With `event_id`, only the warnings involving that event. The
    conflicts come from the per-visit cache; the names they mention are read once."""
    try:
        found = cached_conflicts(db.session(), visit.id, visit)
    except OverflowError:  # days past the end of the calendar (year 9999) cannot be read
        abort(422, message="The visit's dates lie at the end of the calendar: its conflicts "
              "cannot be computed. Correct the dates of the visit.")  # fmt: skip
    conflicts = list(found.conflicts) if found else []
    if event_id is not None:
        conflicts = [k for k in conflicts if event_id in k.event_ids]
    groups: dict[c.Conflict, list[c.Conflict]] = {}
    for conflict in conflicts:  # the same problem, whomever it concerns
        groups.setdefault(replace(conflict, person_id=None, group_id=None), []).append(conflict)
    names, warnings = Names(db.session(), visit, conflicts), []
    for same, concerned in groups.items():
        (view,) = describe(names, concerned, with_links=False)
        warnings.append(
            {
                "kind": same.code,
                "message": view.message,
                "event_ids": list(same.event_ids),
                "person_ids": _ids(k.person_id for k in concerned),
                "organization_ids": _ids(k.group_id for k in concerned),
                "venue_ids": list(same.venue_ids),
                "minutes": same.minutes,
                "required_minutes": same.required_minutes,
                "count": same.count,
                "limit": same.limit,
            }
        )
    return warnings


def _ids(ids) -> list[int]:
    return list(dict.fromkeys(i for i in ids if i is not None))


def _visit(visit_id: int) -> Visit:
    return get_or_404(Visit, visit_id, "visit")


@blp.route("/visits/<int:visit_id>/conflicts")
class VisitConflicts(MethodView):
    @blp.response(200, WarningSchema(many=True))
    def get(self, visit_id):
        """List a visit's conflicts"""
        return warnings_of(_visit(visit_id))


@blp.route("/events/<int:event_id>/conflicts")
class EventConflicts(MethodView):
    @blp.response(200, WarningSchema(many=True))
    def get(self, event_id):
        """List an event's conflicts"""
        event = get_or_404(Event, event_id, "event")
        return warnings_of(_visit(event.visit_id), event.id)
