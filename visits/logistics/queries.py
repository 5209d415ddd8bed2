"""Query builders for the logistics pages, and the loading options the visit page uses."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from visits.models import Delegation, DelegationMember, Movement, Stay, Venue, Visit


def _member_options() -> tuple[LoaderOption, ...]:
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


def visit_logistics(visit_id: int) -> Select[tuple[Visit]]:
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


def venues() -> Select[tuple[Venue]]:
    return select(Venue).order_by(Venue.name_ru, Venue.id)
