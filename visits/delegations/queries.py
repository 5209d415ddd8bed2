"""Query builders for the delegation pages; each returns a Select."""

from collections.abc import Iterable

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import selectinload

from visits.models import (
    Delegation,
    DelegationMember,
    Movement,
    Organization,
    Person,
    Stay,
    Visit,
)
from visits.search import localized_columns


def spellings(term: str) -> set[str]:
    """The ways a search term is likely written in stored text.

    SQLite's lower() folds only ASCII letters (and so does PostgreSQL under the C
    locale), so Cyrillic is matched by trying the term as typed, in lower and upper
    case, and capitalized: «алтай» finds «Алтайский край» on both databases.
    """
    return {term, term.lower(), term.upper(), term.capitalize(), term.title()}


def text_matches(columns: Iterable[ColumnElement[str]], term: str) -> ColumnElement[bool]:
    """Any of the columns contains the term, ignoring case as far as the database can."""
    term = term.strip()
    if not term:
        return false()
    conditions = []
    for column in columns:
        conditions.append(func.lower(column).contains(term.lower(), autoescape=True))
        conditions.extend(column.contains(form, autoescape=True) for form in spellings(term))
    return or_(*conditions)


def delegation_list(term: str | None = None) -> Select[Delegation]:
    """Delegations by name (Russian), optionally those whose name or region matches."""
    query = select(Delegation).order_by(localized_columns(Delegation, "name")[0], Delegation.id)
    if term and term.strip():
        columns = localized_columns(Delegation, "name", "origin_region")
        query = query.where(text_matches(columns, term))
    return query


def delegation_page(delegation_id: int) -> Select[Delegation]:
    """One delegation with its members, each with the person or group it is."""
    return (
        select(Delegation)
        .where(Delegation.id == delegation_id)
        .options(
            selectinload(Delegation.members).options(
                selectinload(DelegationMember.person),
                selectinload(DelegationMember.organization),
            )
        )
    )


def visits_of(delegation_id: int) -> Select[Visit]:
    """The visits of a delegation, latest first."""
    return (
        select(Visit)
        .where(Visit.delegation_id == delegation_id)
        .order_by(Visit.start_date.desc(), Visit.id)
    )


def people() -> Select[Person]:
    return select(Person).order_by(localized_columns(Person, "full_name")[0], Person.id)


def organizations() -> Select[Organization]:
    by_name = localized_columns(Organization, "name")[0]
    return select(Organization).order_by(by_name, Organization.id)


def movements_of(member_ids: Iterable[int]) -> Select[Movement]:
    return select(Movement).where(Movement.member_id.in_(list(member_ids)))


def stays_of(member_ids: Iterable[int]) -> Select[Stay]:
    return select(Stay).where(Stay.member_id.in_(list(member_ids)))


def member_in_delegation(
    delegation_id: int, person_id: int | None, organization_id: int | None
) -> Select[int]:
    """The id of the member that is already this person (or this group), if any."""
    query = select(DelegationMember.id).where(DelegationMember.delegation_id == delegation_id)
    if person_id is not None:
        return query.where(DelegationMember.person_id == person_id)
    return query.where(DelegationMember.organization_id == organization_id)
