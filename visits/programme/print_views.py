"""The printable programme: `GET /visits/<id>/program` (HTML), `.../program.pdf` and
`.../program.docx` (Word).

All answer a repeat request from one query (the version row) with 304. The page is rendered
in the request; the PDF and the .docx are print jobs (visits.prints): a finished one is
served at once, else the request queues it and answers 202 with a progress page, and the
print worker renders it (PRINT_RENDERING). Printing is reading: viewers may print.
"""

from datetime import date

from flask import Response, current_app, render_template, request
from flask_babel import lazy_gettext as _l

from visits.extensions import db
from visits.i18n import current_language
from visits.models import Visit
from visits.orm import utcnow
from visits.prints import background, queue, worker
from visits.prints.responses import conditional, file_response, progress_response
from visits.programme import bp, documents, printing
from visits.programme.printing import BadOption, NotInVisit, PrintOptions
from visits.scheduling.days import date_range


def _refuse(code: int, message: str) -> Response:
    page = render_template("programme/_prog_error.html", code=code, message=message)
    return Response(page, status=code)


def _answer(visit_id: int, kind: str):
    """Shared by the views: validate, 304 when unchanged, else the page, the file or 202."""
    try:
        options = printing.parse_options(request.args, current_language)
    except BadOption as error:
        return _refuse(400, str(error))
    version = printing.version_row(db.session.connection(), visit_id, options.person_id)
    if version is None:
        return _refuse(404, str(_l("There is no such visit.")))
    tag = printing.etag(version, options, kind, current_app.config["PUBLIC_BASE_URL"])
    if request.if_none_match.contains(tag):
        return conditional(Response(status=304), tag)
    try:
        printing.check_day(version, options.day)
        if kind != "html":
            return _print(visit_id, options, tag, kind)
        visit = printing.load_visit(db.session(), visit_id)
        page = documents.page(db.session(), visit, options, version)
    except NotInVisit as error:
        return _refuse(404, str(error))
    return conditional(Response(page, mimetype="text/html"), tag)


def _print(visit_id: int, options: PrintOptions, tag: str, kind: str) -> Response:
    """The file of a finished job, else the job queued (one per print) and 202."""
    job = queue.done_job(db.session(), tag)
    if job is not None:
        return file_response(job)
    person = options.person_id
    if person is not None and not printing.takes_part(db.session.connection(), visit_id, person):
        raise NotInVisit(_l("This person takes no part in the visit."))
    job_id = queue.enqueue(
        db.session(),
        visit_id=visit_id,
        key=tag,
        kind=kind,
        options=options,
        interface=current_language(),
        file_name=printing.file_name(visit_id, options, kind),
    )
    db.session.commit()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    rendering = app.config.get("PRINT_RENDERING", "worker")
    if rendering == "inline":  # in the request: tests, and sites without a worker
        name = worker.worker_name()
        if worker.claim(db.session(), name, utcnow(), job_id) is not None:
            worker.render_job(app, db.session(), job_id, name)
        job = queue.done_job(db.session(), tag)
        if job is not None:
            return file_response(job)
    elif rendering == "thread":
        background.kick(app)
    return progress_response(job_id, 202)


@bp.get("/visits/<int:visit_id>/program")
def program(visit_id: int):
    return _answer(visit_id, "html")


@bp.get("/visits/<int:visit_id>/program.pdf")
def program_pdf(visit_id: int):
    return _answer(visit_id, "pdf")


@bp.get("/visits/<int:visit_id>/program.docx")
def program_docx(visit_id: int):
    return _answer(visit_id, "docx")


@bp.app_template_global()
def programme_days(visit: Visit) -> list[date]:
    """The dates of a visit, for the print links of each day."""
    return date_range(visit.start_date, visit.end_date)
