"""Event pages: the event form, deletion, and the quick actions staff use every day."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import Select
from sqlalchemy.orm import Session
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3

from visits.auth.access import role_required
from visits.editing import StaleEdit, commit, commit_change
from visits.events import bp
from visits.events.additions import head_party_participants, joined, saved_group_participants
from visits.events.forms import (
    ActionForm,
    EventForm,
    MoveForm,
    local_times,
    message,
)
from visits.events.merge_rules import EVENT_MERGE, MOVE_MERGE
from visits.events.queries import (
    event_for_editing,
    events_on_day,
    last_venue_used,
    saved_groups,
    venues,
)
from visits.events.services import (
    InvalidEvent,
    Participant,
    cancel_event,
    create_event,
    delegation_participants,
    host_participants,
    move_event,
    restore_event,
    update_event,
)
from visits.extensions import db
from visits.forms import DeleteForm, status_of
from visits.i18n import current_language, zone_city
from visits.models import (
    Event,
    EventKind,
    EventStatus,
    ParticipantList,
    ParticipantRole,
    Role,
    Side,
    Venue,
    Visit,
)
from visits.scheduling.defaults import PlannedEvent, duration_of, next_slot
from visits.scheduling.placing import LARGEST_ID
from visits.scheduling.timezones import to_local, zone
from visits.visits import warnings as visits_warnings
from visits.web import drafts
from visits.web.choices import record_choices
from visits.web.merge import FormMerge

editors_only = role_required(Role.ADMIN, Role.EDITOR)


def event_warnings(event: Event) -> list:
    """Scheduling conflicts that involve the event, shown at the top of its form."""
    return visits_warnings.event_warnings(db.session(), event.id, event.visit_id)


def load_event(event_id: int) -> Event:
    return db.session.scalar(event_for_editing(event_id)) or abort(404)


def back_to(event: Event) -> str:
    """The event on its day of the visit page."""
    day = to_local(event.starts_at, event.visit.timezone).date().isoformat()
    return url_for("visits.show", visit_id=event.visit_id, day=day, _anchor=f"event-{event.id}")


def zone_hint(zone_name: str, day: date) -> str:
    """The zone the form's times are in, with its offset on that day: «Алматы (UTC+5)»."""
    offset = datetime.combine(day, time(12), tzinfo=zone(zone_name)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    hours, rest = divmod(abs(minutes), 60)
    sign = "−" if minutes < 0 else "+"
    return f"{zone_city(zone_name)} (UTC{sign}{hours}{f':{rest:02d}' if rest else ''})"


def requested_day(visit: Visit, name: str) -> date | None:
    """A day of the visit given as ?name=YYYY-MM-DD; anything else is ignored."""
    try:
        day = date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None
    return day if visit.start_date <= day <= visit.end_date else None


def _choices(query: Select) -> list[SelectChoice]:
    return record_choices(db.session.scalars(query))


def _event_form(
    visit: Visit, event: Event | None = None, fresh: bool = False, **initial: Any
) -> EventForm:
    """The form; on GET (or `fresh`) it shows `event` (or `initial`), or the draft parked
    when the user went to create a person or a venue for it; on POST what was submitted."""
    draft = drafts.take(request.path) if request.method != "POST" and not fresh else None
    if draft is not None:
        initial = {"formdata": draft.formdata}
    elif event is not None and (fresh or request.method != "POST"):
        initial |= {"obj": event, **local_times(event)}
    if fresh:
        initial["formdata"] = None
    form = EventForm(visit=visit, **initial)
    form.set_choices(_choices(venues()))
    form.bind(db.session())
    form.show_names()  # before a merge remembers what the form showed
    form.saved_group_id.choices = _choices(saved_groups())
    if draft is not None and draft.created_id is not None:
        _take_created(form, visit, draft.kind, draft.created_id)
    return form


def _take_created(form: EventForm, visit: Visit, kind: str, record_id: int) -> None:
    """A person created for the form joins its participants; a venue becomes its venue."""
    if kind == "venue":
        form.venue_id.data = record_id
    elif kind == "person":
        newcomer = Participant(record_id, None, ParticipantRole.GUEST, Side.GUEST)
        form.set_rows(joined(visit, form.participant_values(), [newcomer]))


# The buttons that leave the form to create a record it needs (name "create"), and the
# page of each; the form as typed waits in the session (see visits/web/drafts.py).
DETOURS = {"person": "people.new", "venue": "venues.new"}


def _detour():
    """«New person…» or «New venue…» was pressed without script: park the form, go."""
    kind = request.form.get("create", "") if request.method == "POST" else ""
    if kind not in DETOURS:
        return None
    drafts.park(kind, request.path)
    return redirect(url_for(DETOURS[kind], draft=1))


def _render(form: EventForm, visit: Visit, event: Event | None, stale=None, status=200):
    form.pad_rows()
    form.show_names()
    page = render_template(
        "events/edit.html" if event else "events/new.html",
        form=form,
        visit=visit,
        event=event,
        stale=stale,
        warnings=event_warnings(event) if event else [],
        zone_hint=zone_hint(visit.timezone, form.day.data or visit.start_date),
        durations=durations() if event is None else None,
    )
    return page, status


@bp.route("/visits/<int:visit_id>/events/new", methods=["GET", "POST"])
@editors_only
def new(visit_id: int):
    """A new event of the visit; with `?copy=<event id>` the form starts as a copy of that
    event (tentative, with the same participants) and nothing is saved until it is."""
    visit = db.get_or_404(Visit, visit_id)
    if (detour := _detour()) is not None:
        return detour
    original = _original(visit) if request.method != "POST" else None
    if original is not None:
        form = _event_form(visit, original)
        form.status.data, form.version_id.data = EventStatus.TENTATIVE, None
        flash(_("This is a copy of the event. Change what differs, then save."), "info")
    else:
        form = _event_form(visit, **_suggested(visit, requested_day(visit, "day")))
    if _rows_added(form, visit):
        return _render(form, visit, None)
    if not form.validate_on_submit():
        return _render(form, visit, None, status=status_of(form))

    def write() -> Event:
        event = create_event(db.session(), visit, form.participant_values(), **form.values())
        commit(db.session())
        return event

    return _save(form, visit, None, write)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@editors_only
def edit(event_id: int):
    event = load_event(event_id)
    if (detour := _detour()) is not None:
        return detour
    form = _event_form(event.visit, event)
    merging = FormMerge(form, event, lambda now: _event_form(now.visit, now, True), EVENT_MERGE)
    merging.remember()
    if _rows_added(form, event.visit):
        return _render(form, event.visit, event)
    if not form.validate_on_submit() or not merging.resolve():
        return _render(form, event.visit, event, status=status_of(form))

    def write() -> Event:
        def change() -> None:
            update_event(db.session(), event, form.values(), form.participant_values())

        commit_change(db.session(), event, form.loaded_version(), change)
        return event

    return _save(form, event.visit, event, write, merging)


def _save(
    form: EventForm,
    visit: Visit,
    event: Event | None,
    write: Callable[[], Event],
    merging: FormMerge | None = None,
):
    """Run `write` (a change of `event`, or a new one when None, committed) and go to the
    saved event; else the form again with the problems (422) or merged with the newer
    version a colleague saved (409)."""
    try:
        saved = write()
    except InvalidEvent as invalid:
        db.session.rollback()
        form.add_problems(invalid.problems)
        return _render(form, visit, event, status=422)
    except StaleEdit as stale:
        if merging:
            merging.after_stale(stale)
        form.version_id.data = stale.record.version_id
        return _render(form, stale.record.visit, stale.record, stale, 409)
    flash(_("Saved."), "success")
    return redirect(url_for("events.edit", event_id=saved.id))


@bp.route("/events/<int:event_id>/delete", methods=["GET", "POST"])
@editors_only
def delete(event_id: int):
    event = load_event(event_id)
    if DeleteForm().validate_on_submit():
        day = to_local(event.starts_at, event.visit.timezone).date()
        visit_id = event.visit_id
        db.session.delete(event)
        commit(db.session())
        flash(_("The event is deleted."), "success")
        return redirect(
            url_for("visits.show", visit_id=visit_id, day=day.isoformat(), _anchor=f"day-{day}")
        )
    return render_template(
        "_confirm_delete.html",
        what=event.title.get(current_language()),
        consequences=_(
            "It disappears from the programme and from the delegates' calendars. "
            "To keep it in the schedule, struck through, cancel it instead."
        ),
        cancel_url=url_for("events.edit", event_id=event.id),
    )


def _quick_action(event_id: int, action: Callable[[Session, Event], Any], done: str):
    """Run a one-click action on the event and go back to it on the visit page."""
    event = load_event(event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        action(db.session(), event)
        commit(db.session(), event, event.version_id)
    except InvalidEvent as invalid:
        db.session.rollback()
        flash(" ".join(message(p.code) for p in invalid.problems), "error")
    except StaleEdit:
        flash(_("Someone changed the event at the same moment. Check it and try again."), "error")
    else:
        flash(done, "success")
    return redirect(back_to(event))


@bp.post("/events/<int:event_id>/cancel")
def cancel(event_id: int):
    return _quick_action(event_id, cancel_event, _("The event is cancelled."))


@bp.post("/events/<int:event_id>/restore")
def restore(event_id: int):
    return _quick_action(event_id, restore_event, _("The event is restored."))


@bp.get("/events/<int:event_id>/duplicate")
@editors_only
def duplicate(event_id: int):
    """The new-event form filled as a copy of the event; saving it makes the copy."""
    event = load_event(event_id)
    return redirect(url_for("events.new", visit_id=event.visit_id, copy=event.id))


# The buttons under the participants that fill rows in one move (name "add").
ADDERS = {
    "delegation": delegation_participants,
    "party": head_party_participants,
    "host": host_participants,
}


def _rows_added(form: EventForm, visit: Visit) -> bool:
    """A button under the participants was pressed: «More rows» offers blank rows; «Add
    the whole delegation», «… the head and their party», «… the host organization» or «Add»
    beside a saved group bring their rows in (members of the delegation in their places
    by precedence, the others after those listed). Nothing is saved until the form is."""
    what = request.form.get("add", "") if request.method == "POST" else ""
    if what == "rows":
        form.more_rows()
        return True
    # The names typed first; a name that names nobody keeps its row, with the message.
    if (what in ADDERS or what == "saved") and not form.resolve_picks():
        return True
    if what == "saved":
        wanted = _saved_group(form)
    elif what in ADDERS:
        wanted = ADDERS[what](visit)
    else:
        return False
    form.set_rows(joined(visit, form.participant_values(), wanted))
    return True


def _saved_group(form: EventForm) -> list[Participant]:
    chosen = form.saved_group_id.data
    saved = db.session.get(ParticipantList, chosen) if chosen is not None else None
    if saved is None:
        form.saved_group_id.errors = [_("Choose a saved group to add.")]
        return []
    return saved_group_participants(saved)


def _suggested(visit: Visit, day: date | None) -> dict[str, Any]:
    """A new event's first values: on the day asked for (else the visit's first), after
    that day's last event, as long as an event of its kind lasts (`?kind=`, else a
    meeting), at the venue last used."""
    day = day or visit.start_date
    events = [
        PlannedEvent(
            to_local(e.starts_at, visit.timezone),
            to_local(e.ends_at, visit.timezone),
            e.venue_id,
            e.is_cancelled,
        )
        for e in db.session().scalars(events_on_day(visit, day))
    ]
    kind = _kind_asked()
    length = duration_of(kind, current_app.config["EVENT_DURATIONS"])
    slot = next_slot(day, events, length, db.session().scalar(last_venue_used(visit.id)))
    suggested = {
        "kind": kind,
        "day": day,
        "start_time": slot.start,
        "end_time": slot.end,
        "ends_next_day": slot.ends_next_day,
        "venue_id": slot.venue_id,
    }
    return suggested | _slot_asked(day, length)


def _kind_asked() -> EventKind:
    try:
        return EventKind(request.args.get("kind", EventKind.MEETING))
    except ValueError:
        return EventKind.MEETING


def durations() -> dict[str, int]:
    """Minutes an event of each kind usually lasts, for the form's script."""
    config = current_app.config["EVENT_DURATIONS"]
    return {kind.value: int(duration_of(kind, config).total_seconds() // 60) for kind in EventKind}


def _slot_asked(day: date, length: timedelta) -> dict[str, Any]:
    """The start and venue of an empty slot clicked on the timeline (`?start=HH:MM`,
    `?venue=<id>`), where given and valid; the event lasts as long as a meeting."""
    asked: dict[str, Any] = {}
    try:
        start: time | None = datetime.strptime(request.args.get("start", ""), "%H:%M").time()
    except ValueError:
        start = None
    if start is not None:
        end = datetime.combine(day, start) + length
        asked |= {"start_time": start, "end_time": end.time(), "ends_next_day": end.date() > day}
    venue_id = request.args.get("venue", type=int)
    known = venue_id is not None and 0 < venue_id <= LARGEST_ID
    if known and db.session.get(Venue, venue_id) is not None:
        asked["venue_id"] = venue_id
    return asked


def _original(visit: Visit) -> Event | None:
    """The event of this visit named by `?copy=`, to start a new one from (None if absent;
    404 for an id that names no event of the visit)."""
    copy_id = request.args.get("copy", type=int)
    if copy_id is None:
        return None
    if not 0 < copy_id <= LARGEST_ID:
        abort(404)
    original = load_event(copy_id)
    if original.visit_id != visit.id:
        abort(404)
    return original


@bp.route("/events/<int:event_id>/move", methods=["GET", "POST"])
@editors_only
def move(event_id: int):
    """The event to another date and start, keeping its length; a move refused because a
    colleague saved first comes back merged with their version (409)."""
    event = load_event(event_id)
    initial = {} if request.method == "POST" else {"obj": event, **local_times(event)}
    form, stale = MoveForm(**initial), None
    merging = FormMerge(
        form, event, lambda now: MoveForm(formdata=None, obj=now, **local_times(now)), MOVE_MERGE
    )
    merging.remember()
    if form.validate_on_submit() and merging.resolve():
        new_start = form.starts_at(event.visit.timezone)
        try:
            commit_change(
                db.session(),
                event,
                form.loaded_version(),
                lambda: move_event(db.session(), event, new_start),
            )
        except InvalidEvent as invalid:
            db.session.rollback()
            form.add_problems(invalid.problems)
        except StaleEdit as stale_edit:
            stale, event = stale_edit, stale_edit.record
            merging.after_stale(stale_edit)
        else:
            flash(_("The event is moved."), "success")
            return redirect(back_to(event))
    hint = zone_hint(event.visit.timezone, form.day.data or event.visit.start_date)
    page = render_template("events/move.html", form=form, event=event, stale=stale, zone_hint=hint)
    return page, 409 if stale else status_of(form)
