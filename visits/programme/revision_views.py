"""Issuing revisions of a programme and comparing them."""

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from wtforms import TextAreaField
from wtforms.validators import Optional

from visits.auth.access import role_required
from visits.exports.program import GUEST, VARIANTS, WORKING
from visits.extensions import db
from visits.forms import limit
from visits.i18n import current_language
from visits.labels import field_label, label
from visits.languages import LANGUAGES
from visits.models import (
    Direction,
    EventKind,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    ProgrammeRevision,
    Role,
    Side,
    TravelMode,
    Visibility,
    Visit,
)
from visits.notices.plan import recipient_count
from visits.programme import bp, printing
from visits.programme.revisions import (
    NothingToIssue,
    current_rows,
    issue_revision,
    issuer_name,
    revision_by_number,
    revision_state,
    revisions_of,
)
from visits.scheduling.revisions import Row, diff, guest_rows
from visits.scheduling.timezones import to_local
from visits.visits.queries import visit_page
from visits.visits.translation_views import translation_gaps
from visits.visits.warnings import visit_warnings

editors_only = role_required(Role.ADMIN, Role.EDITOR)
DRAFT = "draft"
FIELD_NAMES = {
    "venue": _l("Venue"),
    "participants": _l("Participants"),
    "transport": _l("Transport"),
}
ENUMS: dict[str, tuple[type[StrEnum], ...]] = {
    "kind": (EventKind, Direction),
    "status": (EventStatus,),
    "visibility": (Visibility,),
}


class IssueForm(FlaskForm):
    comment = TextAreaField(
        _l("Comment (optional)"), validators=[Optional(), limit(ProgrammeRevision.comment)]
    )


class BadComparison(Exception):
    """The compare request names no two distinct revisions: a 400 with this message."""


@dataclass(frozen=True)
class Version:
    """One side of a comparison: an issued revision, or the current draft (number None)."""

    number: int | None
    issued_at: datetime | None
    issued_by: str | None
    rows: list[Row]


@bp.get("/visits/<int:visit_id>/revisions", endpoint="revisions")
def revision_list(visit_id: int):
    return _render_list(db.get_or_404(Visit, visit_id), IssueForm())


def _render_list(visit: Visit, form: IssueForm, status: int = 200):
    sheet = Sheet(visit.timezone, current_language())
    issued = revisions_of(db.session(), visit)
    revisions = [
        {"number": r.number, "issued": sheet.stamp(r.issued_at), "by": issuer_name(r.issued_by),
         "comment": r.comment}
        for r in issued
    ]  # fmt: skip
    state = revision_state(db.session(), visit)
    page = render_template(
        "programme/revisions.html",
        visit=visit,
        revisions=revisions,
        state=state,
        form=form,
        compare=_default_comparison([r.number for r in issued], state.draft),
    )
    return page, status


def _default_comparison(numbers: list[int], draft: bool) -> tuple[int | None, int | str]:
    """What the compare form offers first: the last revision against the draft, or the
    last two revisions when nothing is unissued."""
    if draft or len(numbers) < 2:
        return (numbers[0] if numbers else None), DRAFT
    return numbers[1], numbers[0]


@bp.post("/visits/<int:visit_id>/revisions", endpoint="issue")
@editors_only
def issue(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    form = IssueForm()
    if not form.validate_on_submit():
        return _render_list(visit, form, 422)
    if "anyway" not in request.form:
        warnings = visit_warnings(db.session(), db.session.scalar(visit_page(visit.id)) or visit)
        gaps = translation_gaps(visit)  # texts the Kazakh or English print shows in Russian
        if warnings or gaps:  # issued anyway only once someone has seen them
            return render_template(
                "programme/confirm_issue.html", visit=visit, form=form, warnings=warnings, gaps=gaps
            )
    back = redirect(url_for(".revisions", visit_id=visit.id))
    try:
        user = current_user._get_current_object()
        revision = issue_revision(db.session(), visit, user, form.comment.data)
        db.session.commit()
    except NothingToIssue as refused:
        db.session.rollback()
        flash(_("Nothing has changed since revision %(number)d: no revision was issued.",
                number=refused.number), "error")  # fmt: skip
        return back
    except IntegrityError:
        db.session.rollback()
        flash(_("Someone else issued a revision at the same moment. Check the list below."),
              "error")  # fmt: skip
        return back
    if recipient_count(db.session(), visit.id):  # delegates who asked for e-mail: ask next
        return redirect(url_for("notices.preview", visit_id=visit.id, revision=revision.number))
    flash(_("Revision %(number)d is issued.", number=revision.number), "success")
    return back


@bp.get("/visits/<int:visit_id>/revisions/compare", endpoint="diff")
def compare(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    try:
        sheet = _change_sheet(visit, default_variant=WORKING)
    except BadComparison as bad:
        return render_template("programme/_rev_refused.html", visit=visit, message=str(bad)), 400
    return render_template("programme/diff.html", visit=visit, **sheet)


@bp.get("/visits/<int:visit_id>/revisions/compare.pdf", endpoint="diff_pdf")
def compare_pdf(visit_id: int):
    """The change sheet as a PDF, all in its language. The guests' copy is the default:
    it is the one handed out, so a link passed on leaks no internal event."""
    visit = db.get_or_404(Visit, visit_id)
    try:
        lang = _language()
        with force_locale(lang):
            sheet = _change_sheet(visit, default_variant=GUEST)
            page = render_template("programme/diff_print.html", visit=visit, **sheet)
    except BadComparison as bad:
        return render_template("programme/_rev_refused.html", visit=visit, message=str(bad)), 400
    response = Response(printing.render_pdf(page), mimetype="application/pdf")
    versions = f"{sheet['old'].number}-{sheet['new'].number or DRAFT}"
    name = f"changes-{visit.id}-{versions}-{sheet['variant']}-{lang}.pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _language() -> str:
    """`content` picks the language of the sheet's texts and leaves the interface as it
    is (`lang`, which also switches the interface, is still read for older links)."""
    lang = request.args.get("content") or request.args.get("lang") or current_language()
    if lang not in LANGUAGES:
        raise BadComparison(_("Unknown language: choose ru, kk or en."))
    return lang


def _change_sheet(visit: Visit, default_variant: str) -> dict[str, Any]:
    """What the change sheet shows, from the request's revisions, language and variant
    (the guests' copy leaves internal events and staff fields out)."""
    lang = _language()
    variant = request.args.get("variant") or default_variant
    if variant not in VARIANTS:
        raise BadComparison(_("Unknown variant: choose guest or working."))
    old_number = _number(request.args.get("from"), draft_allowed=False)
    new_number = _number(request.args.get("to"), draft_allowed=True)
    if old_number == new_number:
        raise BadComparison(_("Choose two different revisions to compare."))
    old, new = _version(visit, old_number), _version(visit, new_number)
    if variant == GUEST:
        changes = diff(guest_rows(old.rows), guest_rows(new.rows))
    else:
        changes = diff(old.rows, new.rows)
    sheet = Sheet(visit.timezone, lang)
    return {
        "old": old,
        "new": new,
        "lang": lang,
        "variant": variant,
        "added": [sheet.row(row) for row in changes.added],
        "removed": [sheet.row(row) for row in changes.removed],
        "moved": [sheet.moved(change) for change in changes.moved],
        "changed": [sheet.changed(change) for change in changes.changed],
        "old_label": sheet.describe(old),
        "new_label": sheet.describe(new),
    }


def _number(value: str | None, draft_allowed: bool) -> int | None:
    """A revision number from the query (None: the draft); anything else is refused."""
    value = (value or "").strip()
    if draft_allowed and value == DRAFT:
        return None
    if not value.isdigit() or not value.isascii():
        raise BadComparison(_("Choose two revisions to compare from the list of revisions."))
    return int(value)


def _version(visit: Visit, number: int | None) -> Version:
    if number is None:
        return Version(None, None, None, current_rows(db.session(), visit))
    revision = revision_by_number(db.session(), visit, number) or abort(404)
    rows = revision.snapshot.get("rows", [])
    return Version(number, revision.issued_at, issuer_name(revision.issued_by), rows)


class Sheet:
    """Rows and changed values put into the reader's words and the visit's local time."""

    def __init__(self, zone: str, lang: str) -> None:
        self.zone = zone
        self.lang = lang

    def stamp(self, moment: datetime | str | None) -> str:
        if moment is None:
            return ""
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment)
        return to_local(moment, self.zone).strftime("%d.%m.%Y %H:%M")

    def describe(self, version: Version) -> str:
        if version.number is None:
            return _("the current draft (as of %(date)s)", date=self.stamp(datetime.now(UTC)))
        return _(
            "revision %(number)d (issued %(date)s)",
            number=version.number,
            date=self.stamp(version.issued_at),
        )

    def when(self, row: Row) -> str:
        start, end = self.stamp(row["starts_at"]), self.stamp(row["ends_at"])
        if start == end:
            return start
        return f"{start}–{end[11:]}" if start[:10] == end[:10] else f"{start} – {end}"

    def text(self, texts: dict | None) -> str:
        return LocalizedText(**texts).get(self.lang) if texts else ""

    def row(self, row: Row) -> dict[str, Any]:
        return {
            "when": self.when(row),
            "title": self.text(row.get("title")),
            "kind": self.value("kind", row.get("kind")),
            "venue": self.text(row.get("venue")),
            "cancelled": row.get("status") == EventStatus.CANCELLED.value,
        }

    def moved(self, change) -> dict[str, Any]:
        return self.row(change.new) | {"old_when": self.when(change.old)}

    def changed(self, change) -> dict[str, Any]:
        fields = [
            (self.field_name(item.field), self.value(item.field, item.old),
             self.value(item.field, item.new))
            for item in change.fields
        ]  # fmt: skip
        return self.row(change.new) | {"fields": fields}

    @staticmethod
    def field_name(name: str) -> str:
        return str(FIELD_NAMES[name]) if name in FIELD_NAMES else field_label(name)

    def value(self, name: str, value: Any) -> str:
        if value in (None, "", [], {}):
            return "—"
        if name in ENUMS:
            return _enum_label(ENUMS[name], value)
        if name == "participants":
            return "; ".join(self.participant(who) for who in value) or "—"
        if name == "transport":
            mode = _enum_label((TravelMode,), value.get("mode"))
            return " ".join(part for part in (mode, value.get("number")) if part)
        if isinstance(value, dict):
            return self.text(value) or "—"
        return str(value)

    def participant(self, who: dict) -> str:
        side = _enum_label((Side,), who.get("side"))
        role = _enum_label((ParticipantRole,), who.get("role"))
        return f"{self.text(who.get('name'))} ({side}, {role})"


def _enum_label(enums: tuple[type[StrEnum], ...], value: Any) -> str:
    for enum in enums:
        try:
            return label(enum(value))
        except ValueError:
            continue
    return str(value)
