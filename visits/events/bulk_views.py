"""Pages of the changes to several events: «shift this and later events», the selection
toolbar of each day on the visit page, and copying a day. Each asks, previews what would
change and which warnings would come and go, then applies all of it or nothing."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from visits.auth.access import role_required
from visits.events import bp, bulk_flow
from visits.events.bulk import (
    COPY_DAY,
    SHIFT_LATER,
    BulkRefused,
    BulkRequest,
    Change,
    Outcome,
    StaleSelection,
    Times,
    format_versions,
)
from visits.events.bulk_forms import ACTION_LABELS, BulkForm
from visits.events.queries import events_by_ids
from visits.events.views import load_event, requested_day
from visits.extensions import db
from visits.i18n import current_language, long_date
from visits.models import Role, Visit
from visits.scheduling.days import date_range
from visits.scheduling.timezones import to_local
from visits.visits.warnings import warnings_of

editors_only = role_required(Role.ADMIN, Role.EDITOR)
# What the page that asked posted and the preview posts back with «Apply».
REPOSTED = ("action", "minutes", "day", "source")


def bulk_actions() -> list[tuple[str, str]]:
    """The actions a day's bulk form offers: (name, label)."""
    return [(name, str(text)) for name, text in ACTION_LABELS.items()]


bp.add_app_template_global(bulk_actions, "bulk_actions")


def _form(visit: Visit, **initial) -> BulkForm:
    form = BulkForm(**initial)
    form.set_days([(day, long_date(day)) for day in date_range(visit.start_date, visit.end_date)])
    return form


@bp.route("/events/<int:event_id>/shift-later", methods=["GET", "POST"])
@editors_only
def shift_later(event_id: int):
    """Shift the event and every later event of its day by a number of minutes."""
    event = load_event(event_id)
    # ?minutes= comes from the timeline, after the event before this one grew or shrank.
    asked = request.args.get("minutes", type=int) if request.method == "GET" else None
    form = _form(event.visit, minutes=asked)
    back = _day_url(event.visit, to_local(event.starts_at, event.visit.timezone).date())
    if not form.validate_on_submit():
        return _ask("events/shift_later.html", form, event.visit, back, event=event)
    bulk = form.bulk_request(SHIFT_LATER, (event.id,))
    return _preview_or_apply(form, event.visit, bulk, "events/shift_later.html", back, event=event)


@bp.post("/visits/<int:visit_id>/events/bulk")
@editors_only
def bulk(visit_id: int):
    """The events ticked on a day of the visit page, and what to do with them."""
    visit = db.get_or_404(Visit, visit_id)
    form = _form(visit)
    back = url_for("visits.show", visit_id=visit.id)
    events = _ticked(visit, form.event_ids())
    if not form.validate_on_submit():
        return _ask("events/bulk.html", form, visit, back, events=events)
    selection = form.bulk_request(form.action.data, form.event_ids())
    return _preview_or_apply(form, visit, selection, "events/bulk.html", back, events=events)


@bp.route("/visits/<int:visit_id>/copy-day", methods=["GET", "POST"], endpoint="copy_day")
@editors_only
def copy_day_view(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    days = date_range(visit.start_date, visit.end_date)
    source = requested_day(visit, "source") or visit.start_date
    target = next((day for day in days if day > source), source)
    form = _form(visit, source=source, day=target)
    form.day.label.text = _("Onto")
    back = _day_url(visit, source)
    if not form.validate_on_submit():
        return _ask("events/copy_day.html", form, visit, back)
    return _preview_or_apply(form, visit, form.bulk_request(COPY_DAY), "events/copy_day.html", back)


def _ask(template: str, form: BulkForm, visit: Visit, back: str, status: int | None = None, **kw):
    status = status or (422 if form.is_submitted() else 200)
    page = render_template(template, form=form, visit=visit, back=back, **kw)
    return page, status


def _preview_or_apply(
    form: BulkForm, visit: Visit, bulk: BulkRequest, template: str, back: str, **kw
):
    """Apply when the preview's «Apply» was pressed, else show the preview; a refusal goes
    back to the page that asked, with the problems beside the fields."""
    stale = None
    try:
        if "apply" in request.form:
            try:
                outcome = bulk_flow.apply(db.session(), visit, bulk, form.expected())
            except StaleSelection as changed:
                stale = changed
            else:
                flash(_done(bulk, outcome), "success")
                return redirect(_day_url(visit, _day_of(visit, bulk, outcome)))
        preview = bulk_flow.preview(db.session(), visit, bulk, _describe)
    except BulkRefused as refused:
        form.add_problems(refused.problems, visit.timezone)
        return _ask(template, form, visit, back, **kw)
    form.versions.data = format_versions(preview.outcome.versions)
    page = render_template(
        "events/bulk_preview.html",
        form=form,
        visit=visit,
        bulk=bulk,
        preview=preview,
        stale=stale,
        action_url=request.path,
        back=back,
        changes=[_change_row(change, visit.timezone) for change in preview.outcome.changes],
        hidden={name: request.form[name] for name in REPOSTED if name in request.form},
    )
    return page, 409 if stale else 200


def _span(times: Times | None, zone_name: str) -> str:
    """«21.04 10:00–11:00» in the visit's zone (the end's date too when it differs)."""
    if times is None:
        return ""
    start, end = to_local(times.starts_at, zone_name), to_local(times.ends_at, zone_name)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%d.%m %H:%M}"
    return f"{start:%d.%m %H:%M}–{until}"


def _change_row(change: Change, zone_name: str) -> dict[str, str]:
    return {
        "action": change.action,
        "title": change.title.get(current_language()),
        "before": _span(change.before, zone_name),
        "after": _span(change.after, zone_name),
    }


def _ticked(visit: Visit, event_ids: tuple[int, ...]) -> list[dict]:
    """The events ticked, as the page that asks again lists them."""
    events = list(db.session.scalars(events_by_ids(visit.id, event_ids)))
    return [
        {
            "id": event.id,
            "label": f"{_span(Times(event.starts_at, event.ends_at, event.status), visit.timezone)}"
            f" {event.title.get(current_language())}",
        }
        for event in events
    ]


def _day_url(visit: Visit, day: date) -> str:
    shown = day.isoformat()
    return url_for("visits.show", visit_id=visit.id, day=shown, _anchor=f"day-{shown}")


def _day_of(visit: Visit, bulk: BulkRequest, outcome: Outcome) -> date:
    """The day to go back to: the target day, else the day of the first event changed."""
    if bulk.day is not None:
        return bulk.day
    first = outcome.changes[0]
    times = first.after or first.before
    if times is None:
        abort(500)
    return to_local(times.starts_at, visit.timezone).date()


def _done(bulk: BulkRequest, outcome: Outcome) -> str:
    """What was done, as the flash message says it."""
    num = len(outcome.changes)
    actions = {change.action for change in outcome.changes}
    day = long_date(bulk.day) if bulk.day else ""
    if actions == {"copied"}:
        return ngettext("%(num)d event copied.", "%(num)d events copied.", num)
    if actions == {"cancelled"}:
        return ngettext("%(num)d event cancelled.", "%(num)d events cancelled.", num)
    if actions == {"deleted"}:
        return ngettext("%(num)d event deleted.", "%(num)d events deleted.", num)
    if bulk.day is not None:
        return ngettext(
            "%(num)d event moved to %(day)s.", "%(num)d events moved to %(day)s.", num, day=day
        )
    minutes = bulk.minutes or 0
    if minutes > 0:
        return ngettext(
            "%(num)d event shifted %(minutes)d min later.",
            "%(num)d events shifted %(minutes)d min later.",
            num,
            minutes=minutes,
        )
    return ngettext(
        "%(num)d event shifted %(minutes)d min earlier.",
        "%(num)d events shifted %(minutes)d min earlier.",
        num,
        minutes=-minutes,
    )


def _describe(visit, conflicts: list) -> list:
    """The conflicts of a visit put into words (the names read from the session now)."""
    return warnings_of(db.session(), visit, conflicts)
