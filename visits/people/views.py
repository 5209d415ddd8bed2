"""People: the list, creating, changing and deleting a person."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext

from visits.extensions import db
from visits.i18n import in_language
from visits.models import Person
from visits.organizations.queries import organization_choices
from visits.people import bp
from visits.people.forms import PersonForm
from visits.people.queries import people_list
from visits.people.services import (
    SERVICES,
    PersonUsage,
)
from visits.references import Reference, delegation_reference, event_reference, names
from visits.web.choices import record_choices
from visits.web.records import RecordPages, list_page


@bp.get("/")
def index():
    term = request.args.get("q", "").strip()
    organization_id = request.args.get("organization", type=int)
    return list_page(
        people_list(term, organization_id),
        "people/index.html",
        term=term,
        organization_id=organization_id,
        organizations=_organization_choices()[1:],  # without «—»
        args={"q": term or None, "organization": organization_id},
    )


def new():
    """A new person, of the organization the list was filtered by."""
    return PAGES.new(data={"organization_id": request.args.get("organization", type=int)})


def _organization_choices():
    return record_choices(db.session().scalars(organization_choices()))


def _form(**kwargs) -> PersonForm:
    form = PersonForm(**kwargs)
    form.organization_id.choices = _organization_choices()
    return form


def _render(form: PersonForm, person: Person | None = None, stale=None, status: int = 200):
    page = render_template("people/form.html", form=form, person=person, stale=stale)
    return page, status


def _consequences(usage: PersonUsage) -> tuple[list[Reference], str]:
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
    return blockers, " ".join(consequences)


PAGES = RecordPages(Person, "person_id", SERVICES, _form, _render, _consequences)
PAGES.register(bp, new)
