"""Organizations: the list, creating, changing and deleting one."""

from typing import Any

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext

from visits.extensions import db
from visits.i18n import in_language
from visits.labels import label
from visits.languages import LANGUAGES
from visits.models import Organization, OrganizationKind
from visits.organizations import bp
from visits.organizations.forms import OrganizationForm
from visits.organizations.queries import organization_list
from visits.organizations.services import (
    SERVICES,
    OrganizationUsage,
)
from visits.references import (
    Reference,
    delegation_reference,
    event_reference,
    names,
    visit_reference,
)
from visits.web.choices import enum_choices
from visits.web.picker import MOST_FOUND
from visits.web.records import RecordPages, list_page


@bp.get("/")
def index():
    term = request.args.get("q", "").strip()
    kind = _kind_arg()
    return list_page(
        organization_list(term, kind),
        "organizations/index.html",
        term=term,
        kind=kind,
        kinds=enum_choices(OrganizationKind),
        args={"q": term or None, "kind": kind.value if kind else None},
    )


@bp.get("/search")
def search():
    """Organizations and groups whose name (any language) holds the words of `?q=`, as
    JSON, for the pickers of other forms (at most MOST_FOUND)."""
    term = request.args.get("q", "").strip()
    query = organization_list(term, None).limit(MOST_FOUND)
    found = db.session.scalars(query).all() if term else []
    return jsonify(organizations=[organization_summary(record) for record in found])


def organization_summary(organization: Organization) -> dict[str, Any]:
    """An organization as the pickers show it: the name in the reader's language, the
    other spellings and its kind."""
    name = in_language(organization.name)
    variants = [getattr(organization.name, lang) for lang in LANGUAGES]
    return {
        "id": organization.id,
        "name": name,
        "other_names": [v for v in dict.fromkeys(variants) if v and v != name],
        "position": "",
        "organization": label(organization.kind),
    }


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


def _consequences(usage: OrganizationUsage) -> tuple[list[Reference], str]:
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
    return blockers, consequences


PAGES = RecordPages(
    Organization, "organization_id", SERVICES, OrganizationForm, _render, _consequences
)
PAGES.register(bp, PAGES.new)
