"""Pages: a whole visit downloaded as a JSON document, and a document uploaded, previewed
and imported.

The upload is parked between the preview and the confirmation; the confirmation checks and
plans again from the parked file (the database may have changed meanwhile) and saves all
of it in one transaction, or nothing.
"""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from visits import uploads
from visits.auth.access import role_required
from visits.editing import commit
from visits.exports.visit_document import to_json
from visits.extensions import db
from visits.imports import bp
from visits.imports.apply import apply_import
from visits.imports.forms import ConfirmForm, UploadForm
from visits.imports.plan import ImportPlan, plan_import
from visits.imports.queries import visit_document
from visits.imports.reading import parse_json
from visits.imports.schema import DocumentError
from visits.models import Role

editors_only = role_required(Role.ADMIN, Role.EDITOR)


def _limit() -> int:
    return current_app.config["IMPORT_MAX_BYTES"]


def _plan(data: bytes) -> ImportPlan:
    return plan_import(db.session, parse_json(data, _limit()))


def _form_page(form: UploadForm, errors=(), status: int = 200):
    return render_template("imports/upload.html", form=form, errors=errors), status


@bp.get("/")
@editors_only
def upload():
    return _form_page(UploadForm())


@bp.post("/")
@editors_only
def preview():
    form = UploadForm()
    if not form.validate_on_submit():
        return _form_page(form, status=400)
    try:
        parked = uploads.read_upload(request.files.get(form.file.name), _limit())
        plan = _plan(parked.data)
    except uploads.UploadError as error:
        return _form_page(form, [uploads.upload_problem(error)], 422)
    except DocumentError as error:
        return _form_page(form, error.messages, 422)
    confirm_form = ConfirmForm(token=uploads.park(current_user.id, parked))
    return render_template("imports/preview.html", plan=plan, form=confirm_form)


@bp.post("/confirm")
@editors_only
def confirm():
    form = ConfirmForm()
    parked = uploads.fetch(current_user.id, form.token.data) if form.validate() else None
    if parked is None:
        flash(_("The uploaded file is no longer kept. Please upload it again."), "error")
        return redirect(url_for("imports.upload"))
    try:
        visit = apply_import(db.session, _plan(parked.data))
        commit(db.session)
    except DocumentError as error:  # imported meanwhile, most likely
        db.session.rollback()
        uploads.discard(current_user.id, form.token.data)
        return _form_page(UploadForm(formdata=None), error.messages, 422)
    except IntegrityError:  # the same visit imported by someone else meanwhile
        db.session.rollback()
        message = _("This visit was imported by someone else meanwhile. Nothing was saved.")
        return _form_page(UploadForm(formdata=None), [message], 409)
    except BaseException:
        db.session.rollback()
        raise
    uploads.discard(current_user.id, form.token.data)
    flash(_("The visit is imported."), "success")
    return redirect(url_for("visits.show", visit_id=visit.id))


@bp.get("/visits/<int:visit_id>.json")
def download(visit_id: int):
    document = visit_document(db.session, visit_id)
    if document is None:
        abort(404)
    name = f"visit-{visit_id}.json"
    return Response(
        to_json(document).encode("utf-8"),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
