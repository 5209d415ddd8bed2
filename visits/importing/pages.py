"""The upload → preview → confirm pages of an import, the same for every importer.

The upload is read, planned and parked in the database for the user; the preview page
carries its token. The confirmation saves from the parked file through the flow. The
parked file is discarded once saved, and when the file is refused (it would be refused
again); it is kept when the database failed for a moment, so that confirming again can
succeed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from visits import uploads
from visits.extensions import db
from visits.importing.budget import ParseBusy
from visits.importing.flow import ImportConflict, Importer, ImportRefused, preview, save
from visits.importing.forms import ConfirmForm

# The upload page again: the form, the problems to list, the status.
FormPage = Callable[[FlaskForm, list[str], int], ResponseReturnValue]


@dataclass(frozen=True)
class ImportPages:
    importer: Importer[Any, Any]
    upload_form: type[FlaskForm]  # its file field is named `file`
    form_page: FormPage
    upload_url: str  # where to start again when the parked file is gone
    kind: str  # the kind of import a parked file is kept for

    def preview(self, preview_page: Callable[[Any, FlaskForm], ResponseReturnValue]):
        """The upload form posted: the preview page, or the form with what is wrong."""
        form = self.upload_form()
        if not form.validate_on_submit():
            return self.form_page(form, [], 400)
        try:
            upload = uploads.read_upload(request.files.get("file"))
            plan = preview(db.session(), self.importer, upload)
        except uploads.UploadError as error:
            return self.form_page(form, [uploads.upload_problem(error)], 422)
        except ImportRefused as error:
            return self.form_page(form, error.messages, 422)
        except ParseBusy as busy:
            return self.form_page(form, [busy.message()], 503)
        confirm = ConfirmForm(token=uploads.park(current_user.id, upload, self.kind))
        return preview_page(plan, confirm)

    def confirm(self, saved_page: Callable[[Any], ResponseReturnValue]):
        """The preview confirmed: the parked file saved, or the form with why not."""
        form = ConfirmForm()
        if not form.validate_on_submit():
            abort(400)
        token = form.token.data
        if token is None:  # DataRequired lets no empty token through
            abort(400)
        try:
            parked = uploads.fetch(current_user.id, token, self.kind)
        except uploads.PendingGone as gone:
            flash(uploads.gone_message(gone), "error")
            return redirect(self.upload_url)
        try:
            saved = save(db.session(), self.importer, parked)
        except ImportRefused as error:
            uploads.discard(current_user.id, token, self.kind)
            status = 409 if isinstance(error, ImportConflict) else 422
            return self.form_page(self.upload_form(formdata=None), error.messages, status)
        except ParseBusy as busy:  # the parked file is kept: confirming later can succeed
            return self.form_page(self.upload_form(formdata=None), [busy.message()], 503)
        uploads.discard(current_user.id, token, self.kind)
        return saved_page(saved.result)
