"""Writing a planned import: every record of the document created (or matched) in the
session, keeping the events' UIDs, sequences and timestamps. Flushed, not committed: the
caller commits once, or rolls everything back on any error."""

from decimal import Decimal
from typing import Any

from sqlalchemy import Table, update
from sqlalchemy.orm import Session

from visits.exports.visit_document import rekey_snapshot
from visits.imports.plan import ImportPlan, Match, localized
from visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    MemberRole,
    Movement,
    Organization,
    OrganizationKind,
    ParticipantRole,
    Person,
    ProgrammeRevision,
    Side,
    Stay,
    TravelMode,
    TravelTime,
    Venue,
    Visibility,
    Visit,
    VisitStatus,
)
from visits.orm import utcnow

Data = dict[str, Any]


def _records(session: Session, matches: list[Match], make) -> dict[str, Any]:
    """Key → record: the matched one, else a new one made from the document (added)."""
    out = {}
    for match in matches:
        record = match.existing
        if record is None:
            record = make(match.key)
            session.add(record)
        out[match.key] = record
    return out


def _optional(records: dict[str, Any], key: str | None) -> Any | None:
    return records[key] if key is not None else None


def _decimal(value: float | None) -> Decimal | None:
    return Decimal(repr(value)) if value is not None else None


def apply_import(session: Session, plan: ImportPlan) -> Visit:
    """Create the visit of `plan` and all it needs; returns the new visit (flushed)."""
    document = plan.document
    parts = ("organizations", "people", "venues")
    by_key = {part: {r["key"]: r for r in document[part]} for part in parts}

    def organization(key: str) -> Organization:
        r = by_key["organizations"][key]
        return Organization(
            name=localized(r["name"]),
            kind=OrganizationKind(r["kind"]),
            country=r["country"],
            notes=r["notes"],
        )

    groups = _records(session, plan.organizations, organization)

    def person(key: str) -> Person:
        r = by_key["people"][key]
        return Person(
            full_name=localized(r["full_name"]),
            position=localized(r["position"]),
            organization=_optional(groups, r["organization"]),
            languages=r["languages"],
            phone=r["phone"],
            email=r["email"],
            notes=r["notes"],
        )

    people = _records(session, plan.people, person)

    def venue(key: str) -> Venue:
        r = by_key["venues"][key]
        return Venue(
            name=localized(r["name"]),
            address=localized(r["address"]),
            city=localized(r["city"]),
            latitude=_decimal(r["latitude"]),
            longitude=_decimal(r["longitude"]),
            capacity=r["capacity"],
            shared=r["shared"],
            contact=r["contact"],
            notes=r["notes"],
        )

    venues = _records(session, plan.venues, venue)
    session.flush()  # ids for the travel times' pairs
    _travel_times(session, plan, venues)

    members: dict[str, DelegationMember] = {}
    delegation = _delegation(document["delegation"], groups, people, members)
    data = document["visit"]
    visit = Visit(
        title=localized(data["title"]),
        delegation=delegation,
        host_organization=_optional(groups, data["host_organization"]),
        city=localized(data["city"]),
        timezone=data["timezone"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        status=VisitStatus(data["status"]),
        occasion=localized(data["occasion"]),
        purpose=localized(data["purpose"]),
        topics=localized(data["topics"]),
        approved_by_name=localized(data["approved_by_name"]),
        approved_by_position=localized(data["approved_by_position"]),
        city_speed_kmh=data["city_speed_kmh"],
        hosts_first=data["hosts_first"],
        liaison_officer=_optional(people, data["liaison_officer"]),
        created_at=data["created_at"] or utcnow(),
        updated_at=data["updated_at"] or utcnow(),
    )
    session.add(visit)
    session.flush()

    for record in document["events"]:
        session.add(_event(record, visit, venues, people, groups))
    session.flush()

    movement_ids = _logistics(session, document, visit, members, venues)
    _revisions(session, plan, visit, movement_ids)
    session.flush()
    _restore_visit_state(session, visit, document)
    return visit


def _travel_times(session: Session, plan: ImportPlan, venues: dict[str, Venue]) -> None:
    kept = {tuple(t["venues"]) for t in plan.kept_travel_times}
    for travel in plan.document["travel_times"]:
        if tuple(travel["venues"]) in kept:
            continue
        first, second = sorted((venues[key] for key in travel["venues"]), key=lambda v: v.id)
        session.add(TravelTime(from_venue=first, to_venue=second, minutes=travel["minutes"]))


def _delegation(
    data: Data | None,
    groups: dict[str, Organization],
    people: dict[str, Person],
    members: dict[str, DelegationMember],
) -> Delegation | None:
    if data is None:
        return None
    delegation = Delegation(
        name=localized(data["name"]),
        origin_country=data["origin_country"],
        origin_region=localized(data["origin_region"]),
        home_timezone=data["home_timezone"],
    )
    for record in data["members"]:
        member = DelegationMember(
            person=_optional(people, record["person"]),
            organization=_optional(groups, record["organization"]),
            role=MemberRole(record["role"]),
            precedence=record["precedence"],
            is_with_head=record["is_with_head"],
        )
        delegation.members.append(member)
        members[record["key"]] = member
    return delegation


def _event(
    record: Data,
    visit: Visit,
    venues: dict[str, Venue],
    people: dict[str, Person],
    groups: dict[str, Organization],
) -> Event:
    event = Event(
        visit=visit,
        uid=record["uid"],
        sequence=record["sequence"],
        kind=EventKind(record["kind"]),
        title=localized(record["title"]),
        description=localized(record["description"]),
        starts_at=record["starts_at"],
        ends_at=record["ends_at"],
        is_all_day=record["is_all_day"],
        venue=_optional(venues, record["venue"]),
        status=EventStatus(record["status"]),
        status_before_cancel=_optional_status(record["status_before_cancel"]),
        visibility=Visibility(record["visibility"]),
        dress_code=localized(record["dress_code"]),
        notes=localized(record["notes"]),
        internal_notes=record["internal_notes"],
        responsible=_optional(people, record["responsible"]),
        vehicles=record["vehicles"],
        created_at=record["created_at"] or utcnow(),
        updated_at=record["updated_at"] or utcnow(),
    )
    for participant in record["participants"]:
        event.participants.append(
            EventParticipant(
                person=_optional(people, participant["person"]),
                organization=_optional(groups, participant["organization"]),
                role=ParticipantRole(participant["role"]),
                side=Side(participant["side"]),
                position=participant["position"],
            )
        )
    return event


def _logistics(
    session: Session,
    document: Data,
    visit: Visit,
    members: dict[str, DelegationMember],
    venues: dict[str, Venue],
) -> dict[str, Movement]:
    movements = {}
    for record in document["movements"]:
        movement = Movement(
            visit=visit,
            member=_optional(members, record["member"]),
            direction=Direction(record["direction"]),
            mode=TravelMode(record["mode"]),
            number=record["number"],
            place=localized(record["place"]),
            venue=_optional(venues, record["venue"]),
            at=record["at"],
            show_as_transfer=record["show_as_transfer"],
            vehicles=record.get("vehicles"),
            met_by=record.get("met_by"),
            notes=record["notes"],
        )
        session.add(movement)
        movements[record["key"]] = movement
    for record in document["stays"]:
        session.add(
            Stay(
                visit=visit,
                member=_optional(members, record["member"]),
                hotel=venues[record["hotel"]],
                check_in=record["check_in"],
                check_out=record["check_out"],
                notes=record["notes"],
            )
        )
    session.flush()  # the movements' ids name them in the revisions' snapshots
    return movements


def _revisions(
    session: Session, plan: ImportPlan, visit: Visit, movements: dict[str, Movement]
) -> None:
    rename = {key: f"movement-{movement.id}" for key, movement in movements.items()}
    for record in plan.document["revisions"]:
        email = (record["issued_by"] or "").strip().lower()
        snapshot = rekey_snapshot(record["snapshot"], rename)
        session.add(
            ProgrammeRevision(
                visit=visit,
                number=record["number"],
                issued_at=record["issued_at"],
                issued_by=plan.issuers.get(email),
                comment=record["comment"],
                snapshot=snapshot,
            )
        )


def _restore_visit_state(session: Session, visit: Visit, document: Data) -> None:
    """Give the visit back its own times and its programme's state.

    Every flush above that added to the visit bumped its feed version and touched its
    `updated_at`. The version is set so that the latest revision is current, or a draft,
    as it was where the document was made; `updated_at` is the document's.
    """
    data = document["visit"]
    values: Data = {}
    if data["updated_at"] is not None:
        values["updated_at"] = data["updated_at"]
    revisions = sorted(document["revisions"], key=lambda r: r["number"])
    latest = revisions[-1]["snapshot"].get("feed_version") if revisions else None
    if isinstance(latest, int):
        values["feed_version"] = latest + (1 if data["changed_since_revision"] else 0)
    if values:
        table = Visit.__table__
        assert isinstance(table, Table)  # declared as any selectable; a mapped model's table
        session.execute(update(table).where(table.c.id == visit.id).values(**values))
        session.expire(visit, list(values))


def _optional_status(value: str | None) -> EventStatus | None:
    return None if value is None else EventStatus(value)
