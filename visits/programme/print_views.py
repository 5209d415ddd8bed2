"""The printable programme: `GET /visits/<id>/program` (HTML) and `.../program.pdf`.

Both answer a repeat request from one query (the version row) with 304; the PDF is
rendered once per version and kept in a bounded in-process cache. Printing is reading:
viewers may print.
"""

from datetime import date
from typing import Any

import segno
from flask import Response, current_app, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from visits.exports.program import WORKING, Options, build_programme
from visits.extensions import db
from visits.feeds.links import subscribe_url
from visits.i18n import current_language, heading_date
from visits.models import Visit
from visits.programme import bp, printing, revisions
from visits.programme.printing import BadOption, NotInVisit, PrintOptions
from visits.scheduling.days import date_range
from visits.visits.warnings import visit_warnings

PDF = "application/pdf"


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


def _page(visit: Visit, options: PrintOptions, version) -> str:
    """The programme page, in the language asked for."""
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
        )
        return render_template(
            "programme/programme.html",
            visit=visit,
            programme=programme,
            state=revisions.revision_state(db.session(), visit),
            qr=_feed_qr(version.token) if person is not None else None,
            options=options,
            words=words,
            page_words=printing.page_words(),
            pdf_url=_pdf_url(visit.id, options),
            warnings=visit_warnings(db.session(), visit) if options.variant == WORKING else [],
        )


def _answer(visit_id: int, kind: str):
    """Shared by both views: validate, 304 when unchanged, else the page or the PDF."""
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
        # A cached PDF was rendered from this very version (its key): nothing is loaded.
        body: bytes | str | None = printing.pdf_cache.get(tag) if kind == "pdf" else None
        if body is None:
            page = _page(printing.load_visit(db.session(), visit_id), options, version)
            if kind == "pdf":
                body = printing.render_pdf(page)
                printing.pdf_cache.put(tag, body)
            else:
                body = page
    except NotInVisit as error:
        return _refuse(404, str(error))
    response = Response(body, mimetype=PDF if kind == "pdf" else "text/html")
    if kind == "pdf":
        name = printing.file_name(visit_id, options, "pdf")
        response.headers["Content-Disposition"] = f'inline; filename="{name}"'
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


@bp.app_template_global()
def programme_days(visit: Visit) -> list[date]:
    """The dates of a visit, for the print links of each day."""
    return date_range(visit.start_date, visit.end_date)
