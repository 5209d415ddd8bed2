"""Saved groups: the list, creating, changing and deleting one."""

from flask import render_template, request
from flask_babel import gettext as _

from visits.auth.access import editors_only
from visits.events.additions import saved_group_participants
from visits.events.merge_rules import PARTICIPANT_ROWS
from visits.extensions import db
from visits.models import ParticipantList
from visits.participant_lists import bp
from visits.participant_lists.forms import SavedGroupForm
from visits.participant_lists.queries import saved_group_list
from visits.participant_lists.services import SERVICES, SavedGroupUsage
from visits.references import Reference
from visits.web.merge_units import MergeRules
from visits.web.records import RecordPages, list_page


@bp.get("/")
def index():
    term = request.args.get("q", "").strip()
    return list_page(
        saved_group_list(term), "saved_groups/index.html", term=term, args={"q": term or None}
    )


def _form(**kwargs) -> SavedGroupForm:
    """The form; on GET of a saved group it shows its rows, on POST what was posted."""
    form = SavedGroupForm(**kwargs)
    saved = kwargs.get("obj")
    if saved is not None and not form.is_submitted():
        form.set_rows(saved_group_participants(saved))
    form.bind(db.session())
    form.show_names()  # before a merge remembers what the form showed
    return form


def _render(form: SavedGroupForm, saved: ParticipantList | None = None, stale=None, status=200):
    form.pad_rows()
    form.show_names()
    page = render_template("saved_groups/form.html", form=form, saved=saved, stale=stale)
    return page, status


def _consequences(_usage: SavedGroupUsage) -> tuple[list[Reference], str]:
    return [], _("Events keep the participants it added.")


PAGES = RecordPages(
    ParticipantList,
    "list_id",
    SERVICES,
    _form,
    _render,
    _consequences,
    merge_rules=MergeRules(lists={"participants": PARTICIPANT_ROWS}),
)


def _more_rows(saved: ParticipantList | None = None):
    """«More rows» without script: the form as posted, with blank rows, saved not yet."""
    form = _form(obj=saved) if saved is not None else _form()
    form.more_rows()
    return _render(form, saved)


@bp.route("/new", methods=["GET", "POST"])
@editors_only
def new():
    if request.form.get("add") == "rows":
        return _more_rows()
    return PAGES.new()


@bp.route("/<int:list_id>/edit", methods=["GET", "POST"])
def edit(list_id: int):
    if request.form.get("add") == "rows":
        return _more_rows(db.get_or_404(ParticipantList, list_id))
    return PAGES.edit(list_id=list_id)


bp.add_url_rule("/<int:list_id>/delete", "delete", PAGES.remove, methods=["GET", "POST"])
