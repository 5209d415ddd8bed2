"""Query builders for the logistics pages, and the loading options the visit page uses."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import LoaderOption

# What `selectinload` returns and what `.options()` of a loader accepts; SQLAlchemy names
# no public type for it.
from sqlalchemy.orm.strategy_options import _AbstractLoad

from visits.models import Delegation, DelegationMember, Movement, Stay, Venue, Visit
from visits.search import localized_columns


def _member_options() -> tuple[_AbstractLoad, ...]:
    return (
        selectinload(DelegationMember.person),
        selectinload(DelegationMember.organization),
    )


def logistics_options() -> tuple[LoaderOption, ...]:
    """Options for a Visit query so that `templates/logistics/_summary.html` runs no query
    of its own: `select(Visit).options(*logistics_options())`."""
    return (
        selectinload(Visit.movements).options(
            selectinload(Movement.member).options(*_member_options()),
            selectinload(Movement.venue),
        ),
        selectinload(Visit.stays).options(
            selectinload(Stay.member).options(*_member_options()),
            selectinload(Stay.hotel),
        ),
    )


def visit_logistics(visit_id: int) -> Select[Visit]:
    """A visit with its delegation's members, its movements and its stays."""
    return (
        select(Visit)
        .where(Visit.id == visit_id)
        .options(
            selectinload(Visit.delegation)
            .selectinload(Delegation.members)
            .options(*_member_options()),
            *logistics_options(),
        )
    )


def venues() -> Select[Venue]:
    return select(Venue).order_by(localized_columns(Venue, "name")[0], Venue.id)
