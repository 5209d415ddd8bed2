"""Placing an event from the day timeline: one POST per gesture, saved through the same
service and version check as the event form. The page's script gets the redrawn day
and its warnings back as HTML to swap in; without script the answer is a redirect back
to the timeline with the outcome flashed."""

from datetime import date, datetime

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from visits.editing import StaleEdit, commit_change
from visits.events import bp
from visits.events.bulk import later_events
from visits.events.place_form import PlaceForm
from visits.events.placing import placement
from visits.events.services import InvalidEvent, update_event
from visits.events.views import editors_only, load_event
from visits.extensions import db
from visits.i18n import current_language
from visits.models import Event
from visits.problems import problem_message
from visits.scheduling.timezones import to_local
from visits.visits.queries import visit_frame
from visits.visits.timeline_views import day_view


@bp.post("/events/<int:event_id>/place")
@editors_only
def place(event_id: int):
    event = load_event(event_id)
    form = PlaceForm()
    if not form.validate_on_submit():
        return _answer(event, form, 400, _("The change could not be read. Reload the page."))
    gesture = form.gesture()
    old_end = event.ends_at
    try:
        commit_change(
            db.session(),
            event,
            form.loaded_version(),
            lambda: update_event(db.session(), event, placement(db.session(), event, gesture)),
        )
    except InvalidEvent as invalid:
        db.session.rollback()
        refused = " ".join(problem_message(p.code) for p in invalid.problems)
        return _answer(event, form, 422, refused)
    except StaleEdit as stale:
        title = stale.record.title.get(current_language())
        said = _(
            "Someone changed «%(title)s» after this page was loaded, so it was not moved. "
            "The timeline now shows it as it is; open its form to make your change there.",
            title=title,
        )
        return _answer(stale.record, form, 409, said)
    return _answer(event, form, 200, _placed_message(event), _ripple(event, old_end))


def _ripple(event: Event, old_end: datetime) -> dict[str, str] | None:
    """When the event now ends later or earlier, the offer to shift the events that
    followed it by as much (the akim's meeting overran by twenty minutes)."""
    minutes = int((event.ends_at - old_end).total_seconds() // 60)
    if not minutes:
        return None
    day = to_local(old_end, event.visit.timezone).date()
    following = later_events(db.session(), event.visit, day, old_end, event.id)
    if not following:
        return None
    if minutes > 0:
        text = ngettext(
            "Shift the %(num)d event after it %(minutes)d min later too…",
            "Shift the %(num)d events after it %(minutes)d min later too…",
            len(following),
            minutes=minutes,
        )
    else:
        text = ngettext(
            "Shift the %(num)d event after it %(minutes)d min earlier too…",
            "Shift the %(num)d events after it %(minutes)d min earlier too…",
            len(following),
            minutes=-minutes,
        )
    url = url_for("events.shift_later", event_id=following[0].id, minutes=minutes)
    return {"url": url, "text": text}


def _placed_message(event: Event) -> str:
    zone, lang = event.visit.timezone, current_language()
    when = f"{to_local(event.starts_at, zone):%H:%M}–{to_local(event.ends_at, zone):%H:%M}"
    if event.venue is not None:
        return _(
            "«%(title)s» is now at %(time)s in %(venue)s.",
            title=event.title.get(lang),
            time=when,
            venue=event.venue.name.get(lang),
        )
    return _("«%(title)s» is now at %(time)s.", title=event.title.get(lang), time=when)


def _answer(
    event: Event,
    form: PlaceForm,
    status: int,
    message: str,
    ripple: dict[str, str] | None = None,
):
    """For the script: the message, the redrawn day and its warnings (JSON); else the
    message flashed and a redirect back to the timeline."""
    day = form.day.data if isinstance(form.day.data, date) else _day_of(event)
    mode = form.by.data if form.by.data in ("person", "venue") else "person"
    if not request.accept_mimetypes.accept_json or request.accept_mimetypes.accept_html:
        flash(message, "success" if status == 200 else "error")
        return redirect(url_for("visits.timeline", visit_id=event.visit_id, day=day, by=mode))
    visit = db.session.scalar(visit_frame(event.visit_id)) or abort(404)
    days_of_visit = visit.start_date <= day <= visit.end_date
    shown = day_view(visit, day if days_of_visit else visit.start_date, mode, form.shown_lanes())
    body = {
        "ok": status == 200,
        "message": message,
        "event": event.id,
        "timeline": render_template("visits/_timeline.html", **shown),
        "warnings": render_template("visits/_warnings.html", **shown),
    }
    if status == 409:
        form_url = url_for("events.edit", event_id=event.id)
        body["form"] = {"url": form_url, "text": _("Open the form")}
    elif ripple is not None:
        body["form"] = ripple
    return jsonify(body), status


def _day_of(event: Event) -> date:
    return to_local(event.starts_at, event.visit.timezone).date()
