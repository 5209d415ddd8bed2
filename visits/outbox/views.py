"""The outbox: administrators only. What was queued, sent or failed, and why."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from visits.auth.access import role_required
from visits.extensions import db
from visits.models import OutboxMessage, OutboxStatus, Role
from visits.orm import utcnow
from visits.outbox import bp
from visits.outbox.forms import SendAgainForm
from visits.outbox.queries import counts_by_status, messages
from visits.outbox.queue import eml_folder, writes_files
from visits.outbox.services import NotFailed, send_again
from visits.web.records import page_number

PER_PAGE = 50


@bp.before_request
@role_required(Role.ADMIN)
def _admins_only() -> None:
    return None


@bp.context_processor
def _delivery() -> dict[str, object]:
    folder = eml_folder(current_app) if writes_files(current_app.config) else None
    return {"eml_folder": folder}


@bp.get("/")
def index():
    status = request.args.get("status", "")
    chosen = OutboxStatus(status) if status in set(OutboxStatus) else None
    page = db.paginate(
        messages(chosen),
        page=page_number(),
        per_page=PER_PAGE,
        error_out=False,
    )
    counts = {status: count for status, count in db.session.execute(counts_by_status())}
    return render_template(
        "outbox/index.html",
        page=page,
        chosen=chosen,
        counts={status: counts.get(status, 0) for status in OutboxStatus},
        args={"status": chosen.value} if chosen else {},
    )


@bp.get("/<int:message_id>")
def show(message_id: int):
    message = db.get_or_404(OutboxMessage, message_id)
    return render_template("outbox/show.html", message=message, form=SendAgainForm())


@bp.post("/<int:message_id>/send-again")
def resend(message_id: int):
    message = db.get_or_404(OutboxMessage, message_id)
    if SendAgainForm().validate_on_submit():
        try:
            send_again(db.session(), message, utcnow())
        except NotFailed:
            db.session.rollback()
            flash(_("Only a failed message can be sent again."), "error")
        else:
            db.session.commit()
            flash(_("The message is queued to be sent again."), "success")
    return redirect(url_for("outbox.show", message_id=message_id))
