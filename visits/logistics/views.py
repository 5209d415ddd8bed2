from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from visits.editing import StaleEdit, check_version, commit
from visits.extensions import db
from visits.forms import status_of
from visits.logistics import bp
from visits.logistics.forms import LogisticsForm, MovementForm, StayForm
from visits.logistics.merge_rules import MOVEMENT_MERGE
from visits.logistics.queries import venues, visit_logistics
from visits.logistics.services import (
    InvalidLogistics,
    create_movement,
    create_stay,
    update_movement,
    update_stay,
)
from visits.logistics.summary import describe_movement, describe_stay, movement_row, summarize
from visits.models import Direction, Movement, Stay, Visit
from visits.web.merge import FormMerge

# For the partials the visit page includes: _summary.html and _transfer_row.html.
bp.add_app_template_global(summarize, "logistics_summary")
bp.add_app_template_global(movement_row, "logistics_movement_row")


def _visit(visit_id: int) -> Visit:
    return db.session.scalar(visit_logistics(visit_id)) or abort(404)


Record = TypeVar("Record", Movement, Stay)


def _record(visit: Visit, model: type[Record], record_id: int) -> Record:
    record = db.session.get(model, record_id)
    if record is None or record.visit_id != visit.id:
        abort(404)
    return record


def _members(visit: Visit) -> list:
    return list(visit.delegation.members) if visit.delegation else []


def _venues() -> list:
    return list(db.session.scalars(venues()))


def _index_url(visit: Visit) -> str:
    return url_for("logistics.index", visit_id=visit.id)


def _save(
    visit: Visit, form: LogisticsForm, save: Callable[[], Any], record: Any = None
) -> tuple[bool, StaleEdit | None]:
    """Check the version, run the service, commit; refusals go beside the fields.

    Returns (saved, stale): a lost race leaves the user's input in the form, with the
    form's version moved to the record's so that saving again is a deliberate choice.
    """
    loaded = form.loaded_version()
    try:
        if record is not None:
            check_version(db.session(), record, loaded)
        save()
        commit(db.session(), record, loaded)
    except InvalidLogistics as error:
        form.show(error.problems, visit.timezone)
    except StaleEdit as stale:
        form.version_id.data = stale.record.version_id
        return False, stale
    else:
        return True, None
    return False, None


# The form page of each kind of record, and what it flashes once saved.
_MOVEMENT_PAGE = ("logistics/movement.html", _l("The arrival or departure is saved."))
_STAY_PAGE = ("logistics/stay.html", _l("The stay is saved."))


def _form_page(
    page: tuple[str, Any],
    visit: Visit,
    form: LogisticsForm,
    save: Callable[[], Any],
    record: Any = None,
    merging: FormMerge | None = None,
):
    """A movement or stay form (a new one when `record` is None): a valid POST is saved
    (see `_save`) and goes back to the visit's logistics with its message flashed; else the
    form again, 422 with refusals, 409 after a lost race (merged with the colleague's
    version by `merging`)."""
    template, done = page
    stale = None
    if merging is not None:
        merging.remember()
    if form.validate_on_submit() and (merging is None or merging.resolve()):
        saved, stale = _save(visit, form, save, record)
        if saved:
            flash(str(done), "success")
            return redirect(_index_url(visit))
        if stale is not None and merging is not None:
            merging.after_stale(stale)
            record = stale.record
    status = 409 if stale else status_of(form)
    html = render_template(template, visit=visit, form=form, record=record, stale=stale)
    return html, status


@bp.get("/visits/<int:visit_id>/logistics")
def index(visit_id: int):
    visit = _visit(visit_id)
    return render_template("logistics/index.html", visit=visit, summary=summarize(visit))


@bp.route("/visits/<int:visit_id>/movements/new", methods=["GET", "POST"])
def new_movement(visit_id: int):
    visit = _visit(visit_id)
    departing = request.args.get("direction") == Direction.DEPARTURE.value
    first = {
        "direction": Direction.DEPARTURE if departing else Direction.ARRIVAL,
        "day": visit.end_date if departing else visit.start_date,
    }
    form = MovementForm(_members(visit), _venues(), visit.timezone, data=_on_get(first))
    return _form_page(
        _MOVEMENT_PAGE, visit, form, lambda: create_movement(db.session(), visit, **form.values())
    )


@bp.route("/visits/<int:visit_id>/movements/<int:movement_id>/edit", methods=["GET", "POST"])
def edit_movement(visit_id: int, movement_id: int):
    visit = _visit(visit_id)
    movement = _record(visit, Movement, movement_id)

    def movement_form(obj: Movement, **kw: Any) -> MovementForm:
        return MovementForm(_members(visit), _venues(), visit.timezone, obj=obj, **kw)

    form = movement_form(movement)
    merging = FormMerge(
        form, movement, lambda now: movement_form(now, formdata=None), MOVEMENT_MERGE
    )
    return _form_page(
        _MOVEMENT_PAGE,
        visit,
        form,
        lambda: update_movement(visit, movement, **form.values()),
        movement,
        merging,
    )


@bp.route("/visits/<int:visit_id>/movements/<int:movement_id>/delete", methods=["GET", "POST"])
def delete_movement(visit_id: int, movement_id: int):
    visit = _visit(visit_id)
    movement = _record(visit, Movement, movement_id)
    return _delete(visit, movement, describe_movement(movement, visit.timezone))


@bp.route("/visits/<int:visit_id>/stays/new", methods=["GET", "POST"])
def new_stay(visit_id: int):
    visit = _visit(visit_id)
    nights = {
        "check_in": visit.start_date,
        "check_out": max(visit.end_date, visit.start_date + timedelta(days=1)),
    }
    form = StayForm(_members(visit), _venues(), data=_on_get(nights))
    return _form_page(
        _STAY_PAGE, visit, form, lambda: create_stay(db.session(), visit, **form.values())
    )


@bp.route("/visits/<int:visit_id>/stays/<int:stay_id>/edit", methods=["GET", "POST"])
def edit_stay(visit_id: int, stay_id: int):
    visit = _visit(visit_id)
    stay = _record(visit, Stay, stay_id)

    def stay_form(obj: Stay, **kw: Any) -> StayForm:
        return StayForm(_members(visit), _venues(), obj=obj, **kw)

    form = stay_form(stay)
    merging = FormMerge(form, stay, lambda now: stay_form(now, formdata=None))
    return _form_page(
        _STAY_PAGE, visit, form, lambda: update_stay(visit, stay, **form.values()), stay, merging
    )


@bp.route("/visits/<int:visit_id>/stays/<int:stay_id>/delete", methods=["GET", "POST"])
def delete_stay(visit_id: int, stay_id: int):
    visit = _visit(visit_id)
    stay = _record(visit, Stay, stay_id)
    return _delete(visit, stay, describe_stay(stay))


def _on_get(values: dict[str, Any]) -> dict[str, Any] | None:
    """A new form's first values: the visit's own dates, shown until the user posts."""
    return values if request.method == "GET" else None


def _delete(visit: Visit, record: Movement | Stay, what: str):
    """GET asks; POST deletes (nothing depends on a movement or a stay)."""
    if request.method == "POST":
        db.session.delete(record)
        try:
            commit(db.session())
        except StaleDataError:  # changed or deleted by someone else meanwhile
            flash(_("It was changed or deleted meanwhile: check it and try again."), "error")
        else:
            flash(_("Deleted: %(what)s.", what=what), "success")
        return redirect(_index_url(visit))
    return render_template("_confirm_delete.html", what=what, cancel_url=_index_url(visit))
