"""Agenda import pages: upload, preview, confirm; and the sheet templates to fill in.

Upload, preview and confirmation are the shared import pages (visits.importing.pages)
around the agenda importer: all of the file is saved, or nothing.
"""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext

from visits.agenda import bp
from visits.agenda.forms import UploadForm
from visits.agenda.importer import AgendaImporter
from visits.agenda.sheet_template import template_csv, template_xlsx
from visits.auth.access import role_required
from visits.extensions import db
from visits.importing.pages import ImportPages
from visits.languages import LANGUAGES
from visits.models import Role, Visit

editors_only = role_required(Role.ADMIN, Role.EDITOR)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form_page(visit: Visit, form: UploadForm, errors=(), status: int = 200):
    page = render_template(
        "agenda/upload.html", visit=visit, form=form, errors=errors, languages=LANGUAGES
    )
    return page, status


def _pages(visit: Visit) -> ImportPages:
    return ImportPages(
        importer=AgendaImporter(visit),
        upload_form=UploadForm,
        form_page=lambda form, errors, status: _form_page(visit, form, errors, status),
        upload_url=url_for("agenda.upload", visit_id=visit.id),
        kind="agenda",
    )


@bp.get("/<int:visit_id>/import")
@editors_only
def upload(visit_id: int):
    return _form_page(db.get_or_404(Visit, visit_id), UploadForm())


@bp.post("/<int:visit_id>/import")
@editors_only
def preview(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    return _pages(visit).preview(
        lambda plan, form: render_template("agenda/preview.html", visit=visit, plan=plan, form=form)
    )


@bp.post("/<int:visit_id>/import/confirm")
@editors_only
def confirm(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)

    def saved(events):
        count = len(events)
        flash(ngettext("%(num)d event imported.", "%(num)d events imported.", count), "success")
        return redirect(url_for("visits.show", visit_id=visit_id))

    return _pages(visit).confirm(saved)


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
