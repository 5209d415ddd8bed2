"""People: the list, creating, changing and deleting a person."""

from flask import jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from visits.auth.access import editors_only
from visits.editing import commit
from visits.extensions import db
from visits.forms import errors_by_name
from visits.i18n import in_language
from visits.models import Person
from visits.organizations.queries import organization_choices
from visits.people import bp
from visits.people.forms import PERSON_MERGE, PersonForm
from visits.people.lookup import people_found, person_summary
from visits.people.queries import people_list
from visits.people.services import (
    SERVICES,
    PersonUsage,
)
from visits.references import Reference, delegation_reference, event_reference, names
from visits.web import drafts
from visits.web.choices import record_choices
from visits.web.records import RecordPages, list_page

DRAFT_KIND = "person"


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


@bp.get("/search")
def search():
    """People whose name (any language) or position holds the words of `?q=`, as JSON."""
    term = request.args.get("q", "").strip()
    found = db.session.scalars(people_found(term)).all() if term else []
    return jsonify(people=[person_summary(person) for person in found])


@bp.post("/quick")
@editors_only
def quick():
    """A person created from another form's dialog: 201 with the person as the search
    shows them, or 422 with the problems by input name; nothing is saved then."""
    form = _form()
    if not form.validate_on_submit():
        return jsonify(errors=errors_by_name(form)), 422
    person = SERVICES.create(db.session(), form.values())
    commit(db.session())
    return jsonify(person_summary(person)), 201


def _organization_choices():
    return record_choices(db.session().scalars(organization_choices()))


def _form(**kwargs) -> PersonForm:
    form = PersonForm(session=db.session(), **kwargs)
    # A form shown (or a colleague's version read) names its organization; a posted one
    # keeps the name as typed, to be resolved.
    if "formdata" in kwargs or not form.is_submitted():
        form.show_names()
    return form


def _render(form: PersonForm, person: Person | None = None, stale=None, status: int = 200):
    back = drafts.back_url(DRAFT_KIND) if person is None else None
    page = render_template("people/form.html", form=form, person=person, stale=stale, back=back)
    return page, status


def _created(person: Person) -> str:
    """Back to the form this person was created for, if any; else the list."""
    return drafts.come_back(DRAFT_KIND, person.id) or url_for(".index")


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


PAGES = RecordPages(
    Person,
    "person_id",
    SERVICES,
    _form,
    _render,
    _consequences,
    created=_created,
    merge_rules=PERSON_MERGE,
)
PAGES.register(bp, new)
