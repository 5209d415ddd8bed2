"""The answers of a print request: the file of a finished job, or the progress page."""

from typing import Any

from flask import Response, abort, render_template, url_for

from visits.extensions import db
from visits.models import PrintJob, PrintState, Visit
from visits.prints.queue import options_of

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIMETYPES = {"pdf": PDF, "docx": DOCX}
# Without script, the progress page reloads itself this often.
REFRESH_SECONDS = 3


def conditional(response: Response, tag: str) -> Response:
    response.set_etag(tag)
    response.cache_control.private = True
    response.cache_control.no_cache = True  # revalidate every time: programmes change
    return response


def file_response(job: PrintJob) -> Response:
    """The finished file, as printing always served it: its ETag is the print's."""
    kind = job.kind.value
    response = Response(job.file, mimetype=MIMETYPES[kind])
    how = "inline" if kind == "pdf" else "attachment"  # Word documents are saved, then edited
    response.headers["Content-Disposition"] = f'{how}; filename="{job.file_name}"'
    return conditional(response, job.key)


def print_url(job: PrintJob) -> str:
    """The address the print was asked at (asking again retries a failed one)."""
    options = options_of(job.options)
    asked: dict[str, Any] = {
        "variant": options.variant,
        "lang": options.lang,
        "day": options.day and options.day.isoformat(),
        "person": options.person_id,
        "cancelled": 1 if options.keep_cancelled else None,
    }
    endpoint = "programme.program_pdf" if job.kind.value == "pdf" else "programme.program_docx"
    return url_for(endpoint, visit_id=job.visit_id, **{k: v for k, v in asked.items() if v})


def status(job: PrintJob) -> dict[str, str | None]:
    done = job.state == PrintState.DONE
    return {
        "state": job.state.value,
        "file": url_for("prints.file", job_id=job.id) if done else None,
        "error": job.error if job.state == PrintState.FAILED else None,
    }


def progress_response(job_id: int, code: int = 200) -> Response:
    """The progress page of a job; 202 with its Location when a request just queued it."""
    job = db.session.get(PrintJob, job_id, populate_existing=True)
    if job is None:
        abort(404)
    visit = db.session.get(Visit, job.visit_id)
    waiting = job.state in (PrintState.QUEUED, PrintState.RENDERING)
    page = render_template(
        "prints/progress.html",
        job=job,
        visit=visit,
        status=status(job),
        waiting=waiting,
        refresh=REFRESH_SECONDS,
        again_url=print_url(job),
    )
    response = Response(page, status=code)
    if code == 202:
        response.headers["Location"] = url_for("prints.progress", job_id=job.id)
    response.cache_control.no_store = True
    return response
