"""Query builders for organization pages; each returns a Select."""

from typing import Any

from sqlalchemy import Select, select

from visits.models import (
    Organization,
    OrganizationKind,
    Person,
    Visit,
)
from visits.search import localized_columns, text_matches
from visits.visits.queries import visits_where


def name_order(model: Any = Organization, name: str = "name") -> list[Any]:
    """Order by the Russian name (the working language), then by id."""
    return [*localized_columns(model, name)[:1], model.id]


def organization_list(term: str | None, kind: OrganizationKind | None) -> Select:
    query = select(Organization).where(text_matches(localized_columns(Organization, "name"), term))
    if kind is not None:
        query = query.where(Organization.kind == kind)
    return query.order_by(*name_order())


def organization_choices() -> Select:
    """All organizations by name, for a select field."""
    return select(Organization).order_by(*name_order())


def visits_hosted_by(organization_id: int) -> Select:
    return visits_where(Visit.host_organization_id == organization_id)


def people_of(organization_id: int) -> Select:
    return (
        select(Person)
        .where(Person.organization_id == organization_id)
        .order_by(*name_order(Person, "full_name"))
    )
