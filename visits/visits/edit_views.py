"""Creating, changing and deleting visits."""

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3

from visits.editing import commit, save_edit
from visits.extensions import db
from visits.forms import DeleteForm, localized_value, show_problems, status_of
from visits.i18n import current_language
from visits.models import Delegation, Visit
from visits.visits import bp
from visits.visits.forms import VISIT_MERGE, VisitForm
from visits.visits.services import (
    InvalidVisit,
    create_visit,
    deletion_consequences,
    update_visit,
)
from visits.web.choices import record_choices
from visits.web.merge import FormMerge
from visits.zones import zone_names

LOCALIZED = (
    "title",
    "city",
    "occasion",
    "topics",
    "purpose",
    "approved_by_name",
    "approved_by_position",
)
OPTIONAL_IDS = ("delegation_id", "host_organization_id", "liaison_officer_id")


def _form(**kwargs) -> VisitForm:
    form = VisitForm(session=db.session(), **kwargs)
    form.delegation_id.choices = _choices(Delegation)
    # A form shown (or a colleague's version read) names its picks; a posted one keeps
    # the names as typed, to be resolved.
    if "formdata" in kwargs or not form.is_submitted():
        form.show_names()
    return form


def _choices(model: type) -> list[SelectChoice]:
    return record_choices(db.session().scalars(select(model)))


def _values(form: VisitForm) -> dict[str, Any]:
    values: dict[str, Any] = {name: localized_value(form[name]) for name in LOCALIZED}
    values |= {name: form[name].data or None for name in OPTIONAL_IDS}
    values |= {
        name: form[name].data
        for name in (
            "timezone",
            "start_date",
            "end_date",
            "status",
            "city_speed_kmh",
            "hosts_first",
        )
    }
    return values


def _render(form: VisitForm, visit: Visit | None = None, stale=None, status: int = 200):
    page = render_template(
        "visits/form.html", form=form, visit=visit, stale=stale, zones=zone_names()
    )
    return page, status


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = _form(data={"timezone": "Asia/Almaty", "status": "draft", "city_speed_kmh": 30})
    if not form.validate_on_submit():
        return _render(form, status=status_of(form))
    try:
        visit = create_visit(db.session(), **_values(form))
    except InvalidVisit as invalid:
        db.session.rollback()
        return _render(show_problems(form, invalid.problems), status=422)
    commit(db.session())
    flash(_("The visit is created."), "success")
    return redirect(url_for("visits.show", visit_id=visit.id))


@bp.route("/<int:visit_id>/edit", methods=["GET", "POST"])
def edit(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    form = _form(obj=visit)
    merging = FormMerge(form, visit, lambda now: _form(formdata=None, obj=now), VISIT_MERGE)
    merging.remember()
    if not form.validate_on_submit() or not merging.resolve():
        return _render(form, visit, status=status_of(form))
    try:
        stale = save_edit(
            db.session(), visit, form, lambda: update_visit(db.session(), visit, **_values(form))
        )
    except InvalidVisit as invalid:
        db.session.rollback()
        return _render(show_problems(form, invalid.problems), visit, status=422)
    if stale:
        merging.after_stale(stale)
        return _render(form, stale.record, stale, 409)
    flash(_("Saved."), "success")
    return redirect(url_for("visits.show", visit_id=visit.id))


@bp.route("/<int:visit_id>/delete", methods=["GET", "POST"])
def delete(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    if DeleteForm().validate_on_submit():
        db.session.delete(visit)
        commit(db.session())
        flash(_("The visit is deleted."), "success")
        return redirect(url_for("visits.index"))
    counts = deletion_consequences(db.session(), visit)
    consequences = _(
        "Its %(events)d events, %(movements)d arrivals and departures, %(stays)d stays "
        "and %(feeds)d calendar links are deleted with it. Delegates' calendars lose it.",
        **counts,
    )
    return render_template(
        "_confirm_delete.html",
        what=visit.title.get(current_language()),
        consequences=consequences,
        cancel_url=url_for("visits.show", visit_id=visit.id),
    )
