"""Organizations: the list, creating, changing and deleting one."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from visits.auth.access import role_required
from visits.editing import commit, delete_or_confirm, save_edit
from visits.extensions import db
from visits.i18n import in_language
from visits.models import Organization, OrganizationKind, Role
from visits.organizations import bp
from visits.organizations.forms import OrganizationForm
from visits.organizations.queries import organization_list
from visits.organizations.services import (
    OrganizationInUse,
    OrganizationUsage,
    create_organization,
    delete_organization,
    update_organization,
    usage_of,
)
from visits.references import (
    delegation_reference,
    event_reference,
    names,
    visit_reference,
)
from visits.web.choices import enum_choices

PER_PAGE = 50
EDITORS = (Role.ADMIN, Role.EDITOR)


@bp.get("/")
def index():
    term = request.args.get("q", "").strip()
    kind = _kind_arg()
    page = db.paginate(
        organization_list(term, kind),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "organizations/index.html",
        page=page,
        term=term,
        kind=kind,
        kinds=enum_choices(OrganizationKind),
        args={"q": term or None, "kind": kind.value if kind else None},
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def new():
    form = OrganizationForm()
    if not form.validate_on_submit():
        return _render(form, status=422 if form.is_submitted() else 200)
    organization = create_organization(db.session, form.values())
    commit(db.session)
    flash(_("%(name)s: created.", name=in_language(organization.name)), "success")
    return redirect(url_for(".index"))


@bp.route("/<int:organization_id>/edit", methods=["GET", "POST"])
def edit(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    form = OrganizationForm(obj=organization)
    if not form.validate_on_submit():
        return _render(form, organization, status=422 if form.is_submitted() else 200)
    stale = save_edit(
        db.session, organization, form, lambda: update_organization(organization, form.values())
    )
    if stale:
        return _render(form, stale.record, stale=stale, status=409)
    flash(_("%(name)s: saved.", name=in_language(organization.name)), "success")
    return redirect(url_for(".index"))


@bp.route("/<int:organization_id>/delete", methods=["GET", "POST"])
def delete(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    name = in_language(organization.name)
    return delete_or_confirm(
        db.session,
        organization,
        name,
        delete_organization,
        OrganizationInUse,
        usage_of,
        _confirm_delete,
    )


def _kind_arg() -> OrganizationKind | None:
    try:
        return OrganizationKind(request.args.get("kind", ""))
    except ValueError:
        return None


def _render(form, organization=None, stale=None, status: int = 200):
    page = render_template(
        "organizations/form.html", form=form, organization=organization, stale=stale
    )
    return page, status


def _confirm_delete(organization: Organization, usage: OrganizationUsage, status: int = 200):
    blockers = [delegation_reference(member.delegation) for member in usage.members]
    blockers += [event_reference(event) for event in usage.events]
    blockers += [
        visit_reference(visit, _("Host of the visit «%(visit)s»", visit=in_language(visit.title)))
        for visit in usage.visits
    ]
    consequences = ""
    if usage.people:
        consequences = ngettext(
            "%(num)d person works for it: they stay, with no organization (%(names)s).",
            "%(num)d people work for it: they stay, with no organization (%(names)s).",
            len(usage.people),
            names=names([in_language(person.full_name) for person in usage.people]),
        )
    page = render_template(
        "_confirm_delete.html",
        what=in_language(organization.name),
        blockers=blockers if usage.blocks_deletion else None,
        consequences=consequences,
        cancel_url=url_for(".edit", organization_id=organization.id),
    )
    return page, status
