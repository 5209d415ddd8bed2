"""The pages every kind of record of the office's directory has (people, organizations,
venues): a searchable list, a form that creates one, the same form that changes it
(refusing a stale save and showing what changed), and a deletion that asks first and
names what still uses the record.

An area describes its record once (`RecordPages`) and its views call these pages; the
rules stay in the area's services.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import Select

from visits.auth.access import editors_only
from visits.editing import RecordServices, commit, save_edit
from visits.extensions import db
from visits.forms import DeleteForm, status_of
from visits.i18n import in_language
from visits.references import Reference
from visits.web.choices import name_of
from visits.web.merge import FormMerge
from visits.web.merge_units import PLAIN_RULES, MergeRules

PER_PAGE = 50
# No list of the office runs to more pages; a page number beyond is not found.
LAST_PAGE = 100_000

Render = Callable[..., ResponseReturnValue]


def page_number() -> int:
    """The page `?page=` asks for: 1 when it is no number; 404 beyond any list's length."""
    text = request.args.get("page", "")
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > len(str(LAST_PAGE)) or int(text) > LAST_PAGE:
        abort(404)
    return max(int(text), 1)


def list_page(query: Select[Any], template: str, **context: Any) -> str:
    """One page of `query` (by `?page=`), rendered with `template`."""
    page = db.paginate(query, page=page_number(), per_page=PER_PAGE, error_out=False)
    return render_template(template, page=page, **context)


@dataclass(frozen=True)
class RecordPages:
    """How an area's record is created, changed and deleted from its pages.

    `key` is the name of the record's id in the addresses ("person_id"); `services` are
    the area's (fed with `form.values()`); `form(**kwargs)` builds the record's form with
    its choices; `render(form, record, stale=None, status=200)` shows it;
    `consequences(usage)` names the records that block a deletion and says what else it
    changes, for the page that asks. After a creation the browser goes to
    `created(record)`, else to the list.
    """

    model: type
    key: str
    services: RecordServices
    form: Callable[..., Any]
    render: Render
    consequences: Callable[[Any], tuple[list[Reference], str]]
    created: Callable[[Any], str] | None = None
    merge_rules: MergeRules = PLAIN_RULES

    def register(self, bp: Blueprint, new: Callable[[], ResponseReturnValue]) -> None:
        """The routes `.new` (by `new`, which may pass the form its initial data),
        `.edit` and `.delete` of the record on the area's blueprint."""
        rule = f"/<int:{self.key}>"
        bp.add_url_rule("/new", "new", editors_only(new), methods=["GET", "POST"])
        bp.add_url_rule(f"{rule}/edit", "edit", self.edit, methods=["GET", "POST"])
        bp.add_url_rule(f"{rule}/delete", "delete", self.remove, methods=["GET", "POST"])

    def new(self, **initial: Any) -> ResponseReturnValue:
        form = self.form(**initial)
        if not form.validate_on_submit():
            return self.render(form, status=status_of(form))
        record: Any = self.services.create(db.session(), form.values())
        commit(db.session())
        flash(_("%(name)s: created.", name=in_language(name_of(record))), "success")
        return redirect(self.created(record) if self.created else url_for(".index"))

    def edit(self, **ids: int) -> ResponseReturnValue:
        """The record's form; a save refused because a colleague saved first comes back
        merged with their version (409), to be checked and saved again."""
        record: Any = db.get_or_404(self.model, ids[self.key])
        form = self.form(obj=record)
        merging = FormMerge(
            form, record, lambda now: self.form(formdata=None, obj=now), self.merge_rules
        )
        merging.remember()
        if not form.validate_on_submit() or not merging.resolve():
            return self.render(form, record, status=status_of(form))
        stale = save_edit(
            db.session(), record, form, lambda: self.services.update(record, form.values())
        )
        if stale:
            merging.after_stale(stale)
            return self.render(form, stale.record, stale=stale, status=409)
        flash(_("%(name)s: saved.", name=in_language(name_of(record))), "success")
        return redirect(url_for(".index"))

    def remove(self, **ids: int) -> ResponseReturnValue:
        """GET asks first (naming what uses the record); POST deletes and returns to the
        list, unless something still uses it: then the question comes back with 409."""
        record: Any = db.get_or_404(self.model, ids[self.key])
        name = in_language(name_of(record))
        session = db.session()
        if not DeleteForm().validate_on_submit():
            return self._confirm(record, name, self.services.usage(session, record))
        try:
            self.services.delete(session, record)
        except self.services.in_use as refused:
            return self._confirm(record, name, refused.usage, status=409)
        commit(session)
        flash(_("%(name)s: deleted.", name=name), "success")
        return redirect(url_for(".index"))

    def _confirm(self, record: Any, name: str, usage: Any, status: int = 200):
        blockers, consequences = self.consequences(usage)
        page = render_template(
            "_confirm_delete.html",
            what=name,
            blockers=blockers if usage.blocks_deletion else None,
            consequences=consequences,
            cancel_url=url_for(".edit", **{self.key: record.id}),
        )
        return page, status
