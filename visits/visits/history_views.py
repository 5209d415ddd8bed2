"""The history of a visit: its changes as user actions, filtered, each one undoable."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from visits.auth.access import editors_only
from visits.extensions import db
from visits.labels import entity_label
from visits.models import AuditEntry, ChangeSet, Visit
from visits.problems import problem_message
from visits.undo import CannotUndo, undo
from visits.visits import bp
from visits.visits.history import change_set_rows, title_text
from visits.visits.history_forms import HistoryFilterForm, UndoForm
from visits.visits.history_queries import (
    HistoryFilter,
    entries_of,
    in_visit,
    records_in_history,
    staff_in_history,
    visit_change_sets,
)
from visits.web.records import page_number

PER_PAGE = 25


def _filter_form(visit: Visit) -> HistoryFilterForm:
    form = HistoryFilterForm(request.args)
    records = [
        (f"{kind}:{ident}", f"{entity_label(kind)}: {title_text(title) or f'#{ident}'}")
        for kind, ident, title in db.session.execute(records_in_history(visit))
    ]
    staff = [(str(u.id), u.name or u.email) for u in db.session.scalars(staff_in_history(visit))]
    form.set_choices(records, staff)
    return form


@bp.get("/<int:visit_id>/history")
def history(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    form = _filter_form(visit)
    wanted = form.wanted(visit.timezone) if form.validate() else HistoryFilter()
    page = db.paginate(
        visit_change_sets(visit, wanted), page=page_number(), per_page=PER_PAGE, error_out=False
    )
    change_sets = list(page.items)
    entries = list(db.session.scalars(entries_of(visit, [c.id for c in change_sets])))
    rows = change_set_rows(db.session(), change_sets, entries, visit.timezone)
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "visits/history.html",
        visit=visit,
        page=page,
        rows=rows,
        form=form,
        filters=filters,
        undo_form=UndoForm(),
    )


@bp.post("/<int:visit_id>/history/<int:change_set_id>/undo")
@editors_only
def undo_change(visit_id: int, change_set_id: int):
    visit = db.get_or_404(Visit, visit_id)
    change_set = db.get_or_404(ChangeSet, change_set_id)
    of_visit = select(AuditEntry.id).where(
        AuditEntry.change_set_id == change_set.id, in_visit(visit)
    )
    if db.session.scalar(of_visit.limit(1)) is None:
        abort(404)
    if not UndoForm().validate_on_submit():
        abort(400)
    try:
        undo(db.session(), change_set)
        db.session.commit()
    except CannotUndo as refused:
        db.session.rollback()
        flash(refusal(refused), "error")
    except StaleDataError:
        db.session.rollback()
        flash(_("Someone changed these records at the same moment. Try again."), "error")
    else:
        flash(_("The change is undone."), "success")
    back: dict[str, Any] = {key: value for key, value in request.args.items() if value}
    return redirect(url_for("visits.history", visit_id=visit.id, **back))


def refusal(refused: CannotUndo) -> str:
    """Why the change was not undone, in words."""
    records = ", ".join(f"«{title_text(t)}»" for t in refused.titles if title_text(t))
    if refused.code == "already_undone":
        return _("This change has already been undone.")
    if refused.code == "changed_since":
        return _(
            "Not undone: %(records)s changed after this change. Undo the later changes first.",
            records=records,
        )
    if refused.code == "not_undoable":
        return _("Not undone: changes of staff accounts cannot be undone here.")
    if refused.code == "invalid":
        problems = " ".join(problem_message(code) for code in refused.problems)
        return _("Not undone: %(problems)s", problems=problems)
    if refused.code == "nothing_to_undo":
        return _("There is nothing left to undo in this change.")
    return _(
        "Not undone: the records as they were no longer fit with the others "
        "(a person, venue or event they name may have been deleted)."
    )
