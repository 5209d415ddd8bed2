"""People: the list, creating, changing and deleting a person."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from visits.auth.access import role_required
from visits.editing import commit, delete_or_confirm, save_edit
from visits.extensions import db
from visits.i18n import in_language
from visits.models import Person, Role
from visits.organizations.queries import organization_choices
from visits.people import bp
from visits.people.forms import PersonForm
from visits.people.queries import people_list
from visits.people.services import (
    PersonInUse,
    PersonUsage,
    create_person,
    delete_person,
    update_person,
    usage_of,
)
from visits.references import delegation_reference, event_reference, names
from visits.web.choices import record_choices

PER_PAGE = 50
EDITORS = (Role.ADMIN, Role.EDITOR)


@bp.get("/")
def index():
    term = request.args.get("q", "").strip()
    organization_id = request.args.get("organization", type=int)
    page = db.paginate(
        people_list(term, organization_id),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "people/index.html",
        page=page,
        term=term,
        organization_id=organization_id,
        organizations=_organization_choices()[1:],  # without «—»
        args={"q": term or None, "organization": organization_id},
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def new():
    form = _form(data={"organization_id": request.args.get("organization", type=int)})
    if not form.validate_on_submit():
        return _render(form, status=422 if form.is_submitted() else 200)
    person = create_person(db.session, form.values())
    commit(db.session)
    flash(_("%(name)s: created.", name=in_language(person.full_name)), "success")
    return redirect(url_for(".index"))


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
def edit(person_id: int):
    person = db.get_or_404(Person, person_id)
    form = _form(obj=person)
    if not form.validate_on_submit():
        return _render(form, person, status=422 if form.is_submitted() else 200)
    stale = save_edit(db.session, person, form, lambda: update_person(person, form.values()))
    if stale:
        return _render(form, stale.record, stale=stale, status=409)
    flash(_("%(name)s: saved.", name=in_language(person.full_name)), "success")
    return redirect(url_for(".index"))


@bp.route("/<int:person_id>/delete", methods=["GET", "POST"])
def delete(person_id: int):
    person = db.get_or_404(Person, person_id)
    name = in_language(person.full_name)
    return delete_or_confirm(
        db.session, person, name, delete_person, PersonInUse, usage_of, _confirm_delete
    )


def _organization_choices():
    return record_choices(db.session.scalars(organization_choices()))


def _form(**kwargs) -> PersonForm:
    form = PersonForm(**kwargs)
    form.organization_id.choices = _organization_choices()
    return form


def _render(form: PersonForm, person: Person | None = None, stale=None, status: int = 200):
    page = render_template("people/form.html", form=form, person=person, stale=stale)
    return page, status


def _confirm_delete(person: Person, usage: PersonUsage, status: int = 200):
    blockers = [event_reference(event) for event in usage.events]
    blockers += [delegation_reference(member.delegation) for member in usage.members]
    consequences = []
    if usage.liaison_visits:
        visits = names([in_language(visit.title) for visit in usage.liaison_visits])
        consequences.append(
            _("These visits will have no liaison officer: %(visits)s.", visits=visits)
        )
    if usage.feeds:
        consequences.append(
            ngettext(
                "Their calendar link stops working.",
                "Their %(num)d calendar links stop working.",
                usage.feeds,
            )
        )
    page = render_template(
        "_confirm_delete.html",
        what=in_language(person.full_name),
        blockers=blockers if usage.blocks_deletion else None,
        consequences=" ".join(consequences),
        cancel_url=url_for(".edit", person_id=person.id),
    )
    return page, status
