"""The translation checklist of a visit: which texts still lack a Kazakh or English variant."""

from collections.abc import Iterator

from flask import abort, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select

from visits.extensions import db
from visits.models import (
    Organization,
    Person,
    Visit,
)
from visits.scheduling.translations import Item, by_kind, missing
from visits.visits import bp
from visits.visits.queries import visit_with_people
from visits.visits.translation_counts import gap_counts

CHECKED = ("kk", "en")
HEADINGS = {
    "visit": _l("Visit"),
    "event": _l("Events"),
    "venue": _l("Venues"),
    "person": _l("People"),
    "organization": _l("Organizations"),
    "delegation": _l("Delegation"),
}


def checklist_query(visit_id: int) -> Select[Visit]:
    """The visit with every record whose texts the checklist reads, in a fixed number of
    queries."""
    return visit_with_people(visit_id, employers=True)


def _person(person: Person, lang: str) -> Iterator[Item]:
    url = url_for("people.edit", person_id=person.id)
    label = person.full_name.get(lang)
    yield Item("person", label, url, "full_name", person.full_name)
    yield Item("person", label, url, "position", person.position)


def _organization(organization: Organization, lang: str) -> Iterator[Item]:
    url = url_for("organizations.edit", organization_id=organization.id)
    yield Item("organization", organization.name.get(lang), url, "name", organization.name)


def _texts(visit: Visit, lang: str) -> Iterator[Item]:
    """Every text of the visit and of what takes part in it, as checklist items."""
    url, label = url_for("visits.edit", visit_id=visit.id), visit.title.get(lang)
    for field in ("title", "city", "occasion", "topics", "purpose"):
        yield Item("visit", label, url, field, getattr(visit, field))
    people: list[Person] = []
    organizations = [visit.host_organization] if visit.host_organization else []
    for event in visit.events:
        url, label = url_for("events.edit", event_id=event.id), event.title.get(lang)
        for field in ("title", "description", "dress_code", "notes"):
            yield Item("event", label, url, field, getattr(event, field))
        if event.venue:
            venue = event.venue
            url, label = url_for("venues.edit", venue_id=venue.id), venue.name.get(lang)
            for field in ("name", "address", "city"):
                yield Item("venue", label, url, field, getattr(venue, field))
        people += [p.person for p in event.participants if p.person]
        organizations += [p.organization for p in event.participants if p.organization]
    if delegation := visit.delegation:
        url = url_for("delegations.edit", delegation_id=delegation.id)
        label = delegation.name.get(lang)
        yield Item("delegation", label, url, "name", delegation.name)
        yield Item("delegation", label, url, "origin_region", delegation.origin_region)
        people += [m.person for m in delegation.members if m.person]
        organizations += [m.organization for m in delegation.members if m.organization]
    organizations += [p.organization for p in people if p.organization]
    for person in people:
        yield from _person(person, lang)
    for organization in organizations:
        yield from _organization(organization, lang)


@bp.app_template_global()
def translation_gaps(visit: Visit) -> dict[str, int]:
    """How many texts of the visit lack their Kazakh and English variant (those printed
    in another language), for the languages with any: one query, no text loaded."""
    counts = gap_counts(db.session(), visit.id, CHECKED)
    return {lang: count for lang, count in counts.items() if count}


@bp.get("/<int:visit_id>/translations")
def translations(visit_id: int):
    # `content` picks the language checked; the interface keeps its own (`lang` too, as before).
    lang = request.args.get("content") or request.args.get("lang")
    lang = lang if lang in CHECKED else CHECKED[0]
    visit = db.session.scalar(checklist_query(visit_id)) or abort(404)
    gaps = missing(_texts(visit, lang), lang)
    return render_template(
        "visits/translations.html",
        visit=visit,
        lang=lang,
        checked=CHECKED,
        count=len(gaps),
        groups=[(HEADINGS[kind], found) for kind, found in by_kind(gaps)],
    )
