"""The day timeline page: lanes per person or per venue, drawn to scale."""

from datetime import date

from flask import abort, render_template, request

from visits.extensions import db
from visits.i18n import current_language
from visits.scheduling import conflicts as c
from visits.scheduling.days import date_range
from visits.scheduling.timeline import Item, build
from visits.visits import bp
from visits.visits.conflicts import visit_conflicts
from visits.visits.queries import visit_page

MODES = ("person", "venue")


def _lanes(visit, mode: str, lang: str) -> tuple[list[tuple[str, str]], dict[int, tuple]]:
    """(key, name) of the lanes in drawing order, and the lane keys of each event."""
    keys_of: dict[int, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    for event in visit.events:
        if mode == "venue":
            key = f"v{event.venue_id}" if event.venue else "v-"
            names[key] = event.venue.name.get(lang) if event.venue else "—"
            keys_of[event.id] = (key,)
            continue
        keys = []
        for who in event.participants:
            key = f"p{who.person_id}" if who.person_id else f"g{who.organization_id}"
            names[key] = who.display_name.get(lang)
            keys.append(key)
        keys_of[event.id] = tuple(keys)
    members = visit.delegation.members if visit.delegation else []
    senior = [f"p{m.person_id}" if m.person_id else f"g{m.organization_id}" for m in members]
    rank = {key: n for n, key in enumerate(senior)}
    order = sorted(names, key=lambda k: (rank.get(k, len(rank)), names[k].lower()))
    return [(key, names[key]) for key in order], keys_of


def _lane_of(conflict: c.Conflict, mode: str) -> str | None:
    """The lane a conflict concerns in this view, or None for every lane of its events."""
    if mode == "person" and conflict.person_id is not None:
        return f"p{conflict.person_id}"
    if mode == "person" and conflict.group_id is not None:
        return f"g{conflict.group_id}"
    if mode == "venue" and conflict.venue_ids and conflict.code != c.TRAVEL_TOO_SHORT:
        return f"v{conflict.venue_ids[0]}"
    return None


@bp.get("/<int:visit_id>/timeline")
def timeline(visit_id: int):
    visit = db.session.scalar(visit_page(visit_id)) or abort(404)
    days = date_range(visit.start_date, visit.end_date)
    try:
        day = date.fromisoformat(request.args.get("day") or days[0].isoformat())
    except ValueError:
        abort(400)
    mode = request.args.get("by", "person")
    if day not in days or mode not in MODES:
        abort(404)
    lang = current_language()
    lanes, keys_of = _lanes(visit, mode, lang)
    items = [
        Item(
            e.id,
            e.starts_at,
            e.ends_at,
            e.title.get(lang),
            e.kind.value,
            keys_of[e.id],
            e.venue_id,
            e.is_cancelled,
        )
        for e in visit.events
    ]
    conflicts = visit_conflicts(db.session, visit)
    drawn = build(
        day,
        visit.timezone,
        items,
        lanes,
        conflicting=frozenset(
            (_lane_of(k, mode), event_id) for k in conflicts for event_id in k.event_ids
        ),
        short_gaps=frozenset(k.event_ids[:2] for k in conflicts if k.code == c.TRAVEL_TOO_SHORT),
    )
    return render_template(
        "visits/timeline.html", visit=visit, timeline=drawn, days=days, mode=mode
    )
