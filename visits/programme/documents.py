"""A print of the programme as a document: the HTML page, and the PDF or .docx made of it.
Used by the page view (HTML, in the request) and by the print worker (PDF and .docx)."""

from typing import Any

import segno
from flask import render_template, url_for
from flask_babel import force_locale
from markupsafe import Markup
from sqlalchemy.orm import Session

from visits.exports import fallback
from visits.exports.program import WORKING, Options, build_programme
from visits.feeds.links import subscribe_url
from visits.i18n import heading_date
from visits.models import Visit
from visits.programme import printing, revisions, word
from visits.programme.printing import PrintOptions
from visits.visits.warnings import visit_warnings


def _feed_qr(secret: str | None) -> Markup | None:
    if not secret:
        return None
    url = subscribe_url(secret)
    return Markup(segno.make(url, error="m").svg_inline(scale=2, omitsize=False))


def pdf_url(visit_id: int, options: PrintOptions) -> str:
    """The PDF of the same print, for the page's download link."""
    asked: dict[str, Any] = {
        "variant": options.variant,
        "lang": options.lang,
        "day": options.day and options.day.isoformat(),
        "person": options.person_id,
        "cancelled": 1 if options.keep_cancelled else None,
    }
    return url_for(
        "programme.program_pdf", visit_id=visit_id, **{k: v for k, v in asked.items() if v}
    )


def page(
    session: Session, visit: Visit, options: PrintOptions, version, kind: str = "html"
) -> str | bytes:
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
        state = revisions.revision_state(session, visit)
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
            pdf_url=pdf_url(visit.id, options),
            warnings=visit_warnings(session, visit) if options.variant == WORKING else [],
        )


def render(session: Session, visit_id: int, options: PrintOptions, version, kind: str) -> bytes:
    """The PDF or the .docx of a print, from the visit as it is now."""
    document = page(session, printing.load_visit(session, visit_id), options, version, kind)
    if kind == "pdf":
        return printing.render_pdf(str(document))
    assert isinstance(document, bytes)
    return document
