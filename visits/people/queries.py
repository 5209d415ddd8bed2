"""Query builders for the people pages; each returns a Select."""

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from visits.models import FeedToken, Person, Visit
from visits.search import localized_columns, text_matches
from visits.visits.queries import visits_where


def name_order() -> list:
    """Order by the Russian name (the working language), then by id."""
    return [localized_columns(Person, "full_name")[0], Person.id]


def people_list(term: str | None, organization_id: int | None) -> Select:
    """People whose name (any language) or position matches, with their organization."""
    query = (
        select(Person)
        .where(text_matches(localized_columns(Person, "full_name", "position"), term))
        .options(selectinload(Person.organization))
    )
    if organization_id is not None:
        query = query.where(Person.organization_id == organization_id)
    return query.order_by(*name_order())


def visits_with_liaison(person_id: int) -> Select:
    return visits_where(Visit.liaison_officer_id == person_id)


def feed_count(person_id: int) -> Select:
    return select(func.count()).select_from(FeedToken).where(FeedToken.person_id == person_id)
