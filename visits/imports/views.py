"""Pages: a whole visit downloaded as a JSON document, and a document uploaded, previewed
and imported.

Upload, preview and confirmation are the shared import pages (visits.importing.pages)
around the visit-document importer: all of the document is saved, or nothing.
"""

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from visits.auth.access import role_required
from visits.exports.visit_document import to_json
from visits.extensions import db
from visits.importing.pages import ImportPages
from visits.imports import bp
from visits.imports.forms import UploadForm
from visits.imports.importer import VisitDocumentImporter
from visits.imports.queries import visit_document
from visits.models import Role

editors_only = role_required(Role.ADMIN, Role.EDITOR)


def _form_page(form: UploadForm, errors=(), status: int = 200):
    return render_template("imports/upload.html", form=form, errors=errors), status


def _pages() -> ImportPages:
    return ImportPages(
        importer=VisitDocumentImporter(current_app.config["IMPORT_MAX_BYTES"]),
        upload_form=UploadForm,
        form_page=_form_page,
        upload_url=url_for("imports.upload"),
        kind="visit-document",
    )


@bp.get("/")
@editors_only
def upload():
    return _form_page(UploadForm())


@bp.post("/")
@editors_only
def preview():
    return _pages().preview(
        lambda plan, form: render_template("imports/preview.html", plan=plan, form=form)
    )


@bp.post("/confirm")
@editors_only
def confirm():
    def saved(visit):
        flash(_("The visit is imported."), "success")
        return redirect(url_for("visits.show", visit_id=visit.id))

    return _pages().confirm(saved)


@bp.get("/visits/<int:visit_id>.json")
def download(visit_id: int):
    document = visit_document(db.session(), visit_id)
    if document is None:
        abort(404)
    name = f"visit-{visit_id}.json"
    return Response(
        to_json(document).encode("utf-8"),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
