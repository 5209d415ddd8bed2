"""Agenda import pages: upload, preview, confirm; and the sheet templates to fill in.

The upload is parked between the preview and the confirmation; the confirmation plans
again from the parked file (the database may have changed meanwhile) and saves all of it
in one transaction, or nothing.
"""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from visits import uploads
from visits.agenda import bp
from visits.agenda.forms import ConfirmForm, UploadForm
from visits.agenda.service import AgendaError, apply_agenda, plan_agenda
from visits.agenda.sheet_template import template_csv, template_xlsx
from visits.auth.access import role_required
from visits.editing import commit
from visits.extensions import db
from visits.languages import LANGUAGES
from visits.models import Role, Visit

editors_only = role_required(Role.ADMIN, Role.EDITOR)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form_page(visit: Visit, form: UploadForm, errors=(), status: int = 200):
    page = render_template(
        "agenda/upload.html", visit=visit, form=form, errors=errors, languages=LANGUAGES
    )
    return page, status


@bp.get("/<int:visit_id>/import")
@editors_only
def upload(visit_id: int):
    return _form_page(db.get_or_404(Visit, visit_id), UploadForm())


@bp.post("/<int:visit_id>/import")
@editors_only
def preview(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _form_page(visit, form, status=400)
    try:
        upload_ = uploads.read_upload(request.files.get(form.file.name))
        plan = plan_agenda(db.session, visit, upload_.name, upload_.data)
    except uploads.UploadError as error:
        return _form_page(visit, form, [uploads.upload_problem(error)], 422)
    except AgendaError as error:
        return _form_page(visit, form, error.messages, 422)
    confirm = ConfirmForm(token=uploads.park(current_user.id, upload_))
    return render_template("agenda/preview.html", visit=visit, plan=plan, form=confirm)


@bp.post("/<int:visit_id>/import/confirm")
@editors_only
def confirm(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    parked = uploads.fetch(current_user.id, form.token.data)
    if parked is None:
        flash(_("The uploaded file is no longer kept. Please upload it again."), "error")
        return redirect(url_for("agenda.upload", visit_id=visit.id))
    try:
        plan = plan_agenda(db.session, visit, parked.name, parked.data)
        events = apply_agenda(db.session, visit, plan)
        commit(db.session)
    except AgendaError as error:
        db.session.rollback()
        return _form_page(visit, UploadForm(formdata=None), error.messages, 422)
    except IntegrityError:  # another import of the same events won the race
        db.session.rollback()
        message = _("Some of these events were saved meanwhile. Nothing was imported.")
        return _form_page(visit, UploadForm(formdata=None), [message], 409)
    uploads.discard(current_user.id, form.token.data)
    count = len(events)
    flash(ngettext("%(num)d event imported.", "%(num)d events imported.", count), "success")
    return redirect(url_for("visits.show", visit_id=visit.id))


@bp.get("/<int:visit_id>/import/template.csv", defaults={"extension": "csv"})
@bp.get("/<int:visit_id>/import/template.xlsx", defaults={"extension": "xlsx"})
def template(visit_id: int, extension: str):
    visit = db.get_or_404(Visit, visit_id)
    lang = request.args.get("lang", "ru")
    if lang not in LANGUAGES:
        abort(404)
    if extension == "csv":
        body, mimetype = template_csv(lang, visit.start_date), "text/csv; charset=utf-8"
    else:
        body, mimetype = template_xlsx(lang, visit.start_date), XLSX_TYPE
    name = f"agenda-{visit.id}-{lang}.{extension}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
