"""The printable programme: `GET /visits/<id>/program` (HTML), `.../program.pdf` and
`.../program.docx` (Word).

All answer a repeat request from one query (the version row) with 304; the PDF and the
.docx are rendered once per version and kept in a bounded in-process cache. Printing is reading:
viewers may print.
"""

from datetime import date
from typing import Any

import segno
from flask import Response, current_app, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from visits.exports import fallback
from visits.exports.program import WORKING, Options, build_programme
from visits.extensions import db
from visits.feeds.links import subscribe_url
from visits.i18n import current_language, heading_date
from visits.models import Visit
from visits.programme import bp, printing, revisions, word
from visits.programme.printing import BadOption, NotInVisit, PrintOptions
from visits.scheduling.days import date_range
from visits.visits.warnings import visit_warnings

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIMETYPES = {"html": "text/html", "pdf": PDF, "docx": DOCX}


def _refuse(code: int, message: str) -> Response:
    page = render_template("programme/_prog_error.html", code=code, message=message)
    return Response(page, status=code)


def _feed_qr(secret: str | None) -> Markup | None:
    if not secret:
        return None
    url = subscribe_url(secret)
    return Markup(segno.make(url, error="m").svg_inline(scale=2, omitsize=False))


def _pdf_url(visit_id: int, options: PrintOptions) -> str:
    """The PDF of the same print, for the page's download link."""
    asked: dict[str, Any] = {
        "variant": options.variant,
        "lang": options.lang,
        "day": options.day and options.day.isoformat(),
        "person": options.person_id,
        "cancelled": 1 if options.keep_cancelled else None,
    }
    return url_for(".program_pdf", visit_id=visit_id, **{k: v for k, v in asked.items() if v})


def _page(visit: Visit, options: PrintOptions, version, kind: str = "html") -> str | bytes:
    """The programme page, or its .docx (kind "docx"), in the language asked for."""
    person = printing.find_person(visit, options.person_id)
    with force_locale(options.lang):
        words = printing.words()
        programme = build_programme(
            visit,
            visit.events,
            visit.movements,
            Options(options.variant, options.lang, options.day, person, options.keep_cancelled),
            words,
            heading_date,
            stays=visit.stays,
        )
        state = revisions.revision_state(db.session(), visit)
        if kind == "docx":
            return word.docx(programme, state)
        return render_template(
            "programme/programme.html",
            visit=visit,
            programme=programme,
            state=state,
            qr=_feed_qr(version.token) if person is not None else None,
            options=options,
            words=words,
            page_words=printing.page_words(),
            fallbacks=fallback.count(programme),
            pdf_url=_pdf_url(visit.id, options),
            warnings=visit_warnings(db.session(), visit) if options.variant == WORKING else [],
        )


def _answer(visit_id: int, kind: str):
    """Shared by the views: validate, 304 when unchanged, else the page or the PDF."""
    try:
        options = printing.parse_options(request.args, current_language)
    except BadOption as error:
        return _refuse(400, str(error))
    version = printing.version_row(db.session.connection(), visit_id, options.person_id)
    if version is None:
        return _refuse(404, str(_l("There is no such visit.")))
    tag = printing.etag(version, options, kind, current_app.config["PUBLIC_BASE_URL"])
    if request.if_none_match.contains(tag):
        return _conditional(Response(status=304), tag)
    try:
        printing.check_day(version, options.day)
        # A cached document was rendered from this very version (its key): nothing is loaded.
        body: bytes | str | None = printing.pdf_cache.get(tag) if kind != "html" else None
        if body is None:
            page = _page(printing.load_visit(db.session(), visit_id), options, version, kind)
            body = printing.render_pdf(str(page)) if kind == "pdf" else page
            if isinstance(body, bytes):
                printing.pdf_cache.put(tag, body)
    except NotInVisit as error:
        return _refuse(404, str(error))
    response = Response(body, mimetype=MIMETYPES[kind])
    if kind != "html":
        name = printing.file_name(visit_id, options, kind)
        how = "inline" if kind == "pdf" else "attachment"  # Word documents are saved, then edited
        response.headers["Content-Disposition"] = f'{how}; filename="{name}"'
    return _conditional(response, tag)


def _conditional(response: Response, tag: str) -> Response:
    response.set_etag(tag)
    response.cache_control.private = True
    response.cache_control.no_cache = True  # revalidate every time: programmes change
    return response


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
