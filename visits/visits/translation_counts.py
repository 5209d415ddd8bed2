"""How many texts of a visit lack their Kazakh or English variant, counted by the database
in one query: the same texts the translation checklist lists (`translation_views._texts`),
each record once, without loading any of them."""

from typing import Any

from sqlalchemy import and_, case, func, not_, or_, select, union, union_all
from sqlalchemy.orm import Session

from visits.languages import LANGUAGES
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventParticipant,
    Organization,
    Person,
    Venue,
    Visit,
)

# The texts of each kind of record the checklist reads.
FIELDS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (Visit, ("title", "city", "occasion", "topics", "purpose")),
    (Event, ("title", "description", "dress_code", "notes")),
    (Venue, ("name", "address", "city")),
    (Person, ("full_name", "position")),
    (Organization, ("name",)),
    (Delegation, ("name", "origin_region")),
)


def _present(column: Any) -> Any:
    return and_(column.is_not(None), column != "")


def _gaps(model: Any, lang: str) -> Any:
    """The number of texts of a row with some variant but none in `lang`."""
    columns = model.__table__.c
    terms = []
    for field in dict(FIELDS)[model]:
        variants = [columns[f"{field}_{code}"] for code in LANGUAGES]
        text = or_(*(_present(v) for v in variants))
        terms.append(case((and_(text, not_(_present(columns[f"{field}_{lang}"]))), 1), else_=0))
    return sum(terms[1:], terms[0])


def _records(visit_id: int) -> dict[Any, Any]:
    """The ids of the records whose texts count, per model (as selects)."""
    delegation = select(Visit.delegation_id).where(Visit.id == visit_id).scalar_subquery()
    taking_part = union(
        select(EventParticipant.person_id, EventParticipant.organization_id)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(Event.visit_id == visit_id),
        select(DelegationMember.person_id, DelegationMember.organization_id).where(
            DelegationMember.delegation_id == delegation
        ),
    ).cte("taking_part")
    people = select(taking_part.c.person_id).where(taking_part.c.person_id.is_not(None))
    organizations = union(
        select(Visit.host_organization_id).where(Visit.id == visit_id),
        select(taking_part.c.organization_id),
        select(Person.organization_id).where(Person.id.in_(people)),
    )
    return {
        Visit: select(Visit.id).where(Visit.id == visit_id),
        Event: select(Event.id).where(Event.visit_id == visit_id),
        Venue: select(Event.venue_id).where(Event.visit_id == visit_id),
        Person: people,
        Organization: organizations,
        Delegation: select(Delegation.id).where(Delegation.id == delegation),
    }


def gap_counts(session: Session, visit_id: int, languages: tuple[str, ...]) -> dict[str, int]:
    """For each of `languages`, how many texts of the visit have no variant in it."""
    records = _records(visit_id)
    per_model = union_all(
        *(
            select(*(func.coalesce(func.sum(_gaps(model, lang)), 0) for lang in languages)).where(
                model.id.in_(records[model])
            )
            for model, _ in FIELDS
        )
    )
    rows = session.execute(per_model).all()
    return {lang: int(sum(row[i] for row in rows)) for i, lang in enumerate(languages)}
