"""A print's progress: `GET /prints/<id>` (the page), `GET /prints/<id>.json` (its state,
for the page's script and for clients) and `GET /prints/<id>/file` (the finished file).
Staff reach them as they reach printing: viewers too."""

from flask import abort, jsonify, request
from sqlalchemy import select
from sqlalchemy.orm import undefer

from visits.extensions import db
from visits.models import PrintJob, PrintState
from visits.prints import bp
from visits.prints.responses import file_response, progress_response, status


@bp.get("/<int:job_id>")
def progress(job_id: int):
    return progress_response(job_id)


@bp.get("/<int:job_id>.json")
def progress_json(job_id: int):
    job = db.session.get(PrintJob, job_id, populate_existing=True)
    if job is None:
        abort(404)
    response = jsonify(status(job))
    response.cache_control.no_store = True
    return response


@bp.get("/<int:job_id>/file")
def file(job_id: int):
    job = db.session.scalar(
        select(PrintJob)
        .where(PrintJob.id == job_id, PrintJob.state == PrintState.DONE)
        .options(undefer(PrintJob.file))
        .execution_options(populate_existing=True)
    )
    if job is None:
        abort(404)
    return file_response(job).make_conditional(request)
