"""People operations. They check, then change the session; the caller commits."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from visits.editing import InUse, RecordServices, add_new, assign
from visits.models import DelegationMember, Event, LocalizedText, Person, Visit
from visits.participation import memberships, participations
from visits.people import queries


@dataclass(frozen=True)
class PersonValues:
    full_name: LocalizedText
    position: LocalizedText
    organization_id: int | None
    languages: str | None
    phone: str | None
    email: str | None
    preferred_language: str | None
    notes: str | None


@dataclass(frozen=True)
class PersonUsage:
    """What refers to a person. Taking part in events and delegations blocks a deletion
    (it would silently drop them from the programme); a visit only loses its liaison
    officer, and the person's calendar links stop working."""

    events: list[Event]
    members: list[DelegationMember]
    liaison_visits: list[Visit]
    feeds: int

    @property
    def blocks_deletion(self) -> bool:
        return bool(self.events or self.members)


class PersonInUse(InUse):
    """The person takes part in events or is a member of a delegation."""


def create_person(session: Session, values: PersonValues) -> Person:
    return add_new(session, Person(), update_person, values)


def update_person(person: Person, values: PersonValues) -> None:
    assign(person, values)


def usage_of(session: Session, person: Person) -> PersonUsage:
    return PersonUsage(
        events=list(session.scalars(participations(person_id=person.id))),
        members=list(session.scalars(memberships(person_id=person.id))),
        liaison_visits=list(session.scalars(queries.visits_with_liaison(person.id))),
        feeds=session.scalar(queries.feed_count(person.id)) or 0,
    )


def delete_person(session: Session, person: Person) -> None:
    """Delete them unless they are in use; visits they were liaison officer of keep none,
    and their calendar links are deleted with them."""
    usage = usage_of(session, person)
    if usage.blocks_deletion:
        raise PersonInUse(usage)
    for visit in usage.liaison_visits:
        visit.liaison_officer_id = None  # as the database would, but logged
    session.delete(person)
    session.flush()


SERVICES = RecordServices(create_person, update_person, delete_person, PersonInUse, usage_of)
