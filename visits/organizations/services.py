"""Organization operations. They check, then change the session; the caller commits."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from visits.editing import InUse, RecordServices, add_new, assign
from visits.models import (
    DelegationMember,
    Event,
    LocalizedText,
    Organization,
    OrganizationKind,
    Person,
    Visit,
)
from visits.organizations import queries
from visits.participation import memberships, participations


@dataclass(frozen=True)
class OrganizationValues:
    name: LocalizedText
    kind: OrganizationKind
    country: str | None
    notes: str | None


@dataclass(frozen=True)
class OrganizationUsage:
    """What refers to an organization. Members, participations and hosted visits would be
    deleted or lose their host with it, so they block a deletion; people only lose the
    organization they work for (their `organization_id` becomes empty)."""

    members: list[DelegationMember]
    events: list[Event]
    visits: list[Visit]
    people: list[Person]

    @property
    def blocks_deletion(self) -> bool:
        return bool(self.members or self.events or self.visits)


class OrganizationInUse(InUse):
    """The organization is still a delegation member, an event participant or a host."""


def create_organization(session: Session, values: OrganizationValues) -> Organization:
    return add_new(session, Organization(), update_organization, values)


def update_organization(organization: Organization, values: OrganizationValues) -> None:
    assign(organization, values)


def usage_of(session: Session, organization: Organization) -> OrganizationUsage:
    return OrganizationUsage(
        members=list(session.scalars(memberships(group_id=organization.id))),
        events=list(session.scalars(participations(group_id=organization.id))),
        visits=list(session.scalars(queries.visits_hosted_by(organization.id))),
        people=list(session.scalars(queries.people_of(organization.id))),
    )


def delete_organization(session: Session, organization: Organization) -> None:
    """Delete it unless it is in use; its people stay, with no organization."""
    usage = usage_of(session, organization)
    if usage.blocks_deletion:
        raise OrganizationInUse(usage)
    session.delete(organization)
    session.flush()


SERVICES = RecordServices(
    create_organization, update_organization, delete_organization, OrganizationInUse, usage_of
)
