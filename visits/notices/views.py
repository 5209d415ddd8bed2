""" "Notify delegates": the preview of who receives what, then the messages queued."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField

from visits.auth.access import editors_only
from visits.extensions import db
from visits.models import Visit
from visits.notices import bp
from visits.notices.plan import AlreadyNotified, Plan, plan_for, queue
from visits.outbox.queue import eml_folder, writes_files

LETTER_KINDS = {
    "notice": _l("Change notice"),
    "request": _l("Invitation"),
    "cancel": _l("Cancellation"),
}


class NotifyForm(FlaskForm):
    digest = HiddenField()  # the preview the sender saw


def _page(visit: Visit, plan: Plan, form: NotifyForm, status: int = 200):
    form.digest.data = plan.digest()
    revision = request.args.get("revision", type=int)
    page = render_template(
        "notices/preview.html",
        visit=visit,
        plan=plan,
        form=form,
        revision=revision,
        letter_kinds=LETTER_KINDS,
        files_folder=str(eml_folder(current_app)) if writes_files(current_app.config) else None,
    )
    return page, status


@bp.get("/visits/<int:visit_id>/notify", endpoint="preview")
@editors_only
def preview(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    return _page(visit, plan_for(db.session(), visit), NotifyForm())


@bp.post("/visits/<int:visit_id>/notify", endpoint="send")
@editors_only
def send(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    form = NotifyForm()
    plan = plan_for(db.session(), visit)
    if not form.validate_on_submit():
        return _page(visit, plan, form, 400)
    if form.digest.data != plan.digest():
        flash(_("The programme or the recipients changed while you were reading the preview. "
                "Check it again, then send."), "error")  # fmt: skip
        return _page(visit, plan, NotifyForm(formdata=None), 409)
    if not plan.message_count:
        flash(_("Nothing to send: no delegate's programme has changed since the last notice."),
              "info")  # fmt: skip
        return redirect(url_for("visits.show", visit_id=visit.id))
    try:
        count = queue(db.session(), plan, current_user.id)
        db.session.commit()
    except AlreadyNotified:
        db.session.rollback()
        flash(_("Someone else sent notices at the same moment. Check the preview again."),
              "error")  # fmt: skip
        return redirect(url_for(".preview", visit_id=visit.id))
    flash(_("Messages queued: %(messages)d. Recipients: %(people)d.", messages=count,
            people=len(plan.sending)), "success")  # fmt: skip
    if writes_files(current_app.config):
        flash(_("No mail server is set (MAIL_URL): messages are written as .eml files in "
                "%(folder)s.", folder=str(eml_folder(current_app))), "info")  # fmt: skip
    return redirect(url_for("visits.show", visit_id=visit.id))
