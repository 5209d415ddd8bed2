"""Issuing programme revisions: the snapshot of a visit's programme, and its state.

Services take the session and plain values, raise the exceptions declared here, and
leave the commit to the caller.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from visits.models import (
    DelegationMember,
    Event,
    EventParticipant,
    LocalizedText,
    Movement,
    ProgrammeRevision,
    User,
    Visit,
)
from visits.scheduling.revisions import ParticipantData, Row, RowData, Texts, snapshot_rows
from visits.scheduling.timezones import to_local


class NothingToIssue(Exception):
    """Nothing the programme shows changed since the last revision."""

    def __init__(self, number: int) -> None:
        super().__init__(f"Nothing changed since revision {number}.")
        self.number = number


@dataclass(frozen=True)
class RevisionState:
    """Which revision a print of the programme shows, or that it is a draft."""

    number: int | None
    issued_at: datetime | None
    issued_by: str | None
    draft: bool
    as_of: datetime
    zone: str

    @property
    def moment(self) -> datetime:
        """The time to print: now for a draft, else the revision's issue time (local)."""
        moment = self.as_of if self.draft or self.issued_at is None else self.issued_at
        return to_local(moment, self.zone)

    @property
    def stamp(self) -> str:
        return self.moment.strftime("%d.%m.%Y %H:%M")


def _texts(text: LocalizedText | None) -> Texts:
    text = text or LocalizedText()
    return {"ru": text.ru, "kk": text.kk, "en": text.en}


def _event_row(event: Event) -> RowData:
    return RowData(
        key=event.uid,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        status=event.status.value,
        visibility=event.visibility.value,
        kind=event.kind.value,
        title=_texts(event.title),
        venue=_texts(event.venue.name) if event.venue else None,
        participants=[
            ParticipantData(_texts(p.display_name), p.side.value, p.role.value)
            for p in event.participants
        ],
        dress_code=_texts(event.dress_code),
        notes=_texts(event.notes),
        internal_notes=event.internal_notes,
    )


def _movement_row(movement: Movement, delegation_name: LocalizedText | None) -> RowData:
    who = movement.member.display_name if movement.member else delegation_name
    where = movement.venue.name if movement.venue else movement.place
    return RowData(
        key=f"movement-{movement.id}",
        starts_at=movement.at,
        ends_at=movement.at,
        status="confirmed",
        visibility="delegation",
        kind=movement.direction.value,
        title=_texts(who),
        venue=_texts(where) if where else None,
        internal_notes=movement.notes,
        transport={"mode": movement.mode.value, "number": movement.number},
    )


Timed = TypeVar("Timed", Event, Movement)


def _of_visit(
    session: Session,
    model: type[Timed],
    visit_id: int,
    link: Any,
    link_model: type[EventParticipant] | type[DelegationMember],
) -> list[Timed]:
    """The visit's events or movements with their venue and, through `link` (an event's
    participants, a movement's member), the people and groups: a fixed number of queries."""
    through = selectinload(link)
    query = (
        select(model)
        .where(model.visit_id == visit_id)
        .options(
            selectinload(model.venue),
            through.selectinload(link_model.person),
            through.selectinload(link_model.organization),
        )
    )
    return list(session.scalars(query))


def current_rows(session: Session, visit: Visit) -> list[Row]:
    """The programme's rows as they are now (a fixed number of queries)."""
    delegation = visit.delegation.name if visit.delegation else None
    rows = [
        _event_row(event)
        for event in _of_visit(session, Event, visit.id, Event.participants, EventParticipant)
    ]
    rows += [
        _movement_row(movement, delegation)
        for movement in _of_visit(session, Movement, visit.id, Movement.member, DelegationMember)
    ]
    return snapshot_rows(rows)


def _feed_version(session: Session, visit: Visit) -> int:
    """The visit's version as stored now (the flush hook bumps it behind the ORM's back)."""
    return session.scalar(select(Visit.feed_version).where(Visit.id == visit.id)) or 0


def build_snapshot(session: Session, visit: Visit) -> dict[str, Any]:
    """{"feed_version": n, "rows": [...]}: the programme now, and the version it shows."""
    version = _feed_version(session, visit)
    return {"feed_version": version, "rows": current_rows(session, visit)}


def latest_revision(session: Session, visit: Visit) -> ProgrammeRevision | None:
    return session.scalar(
        select(ProgrammeRevision)
        .where(ProgrammeRevision.visit_id == visit.id)
        .options(joinedload(ProgrammeRevision.issued_by))
        .order_by(ProgrammeRevision.number.desc())
        .limit(1)
    )


def revisions_of(session: Session, visit: Visit) -> list[ProgrammeRevision]:
    """Every revision of the visit, the newest first, with who issued it."""
    return list(
        session.scalars(
            select(ProgrammeRevision)
            .where(ProgrammeRevision.visit_id == visit.id)
            .options(selectinload(ProgrammeRevision.issued_by))
            .order_by(ProgrammeRevision.number.desc())
        )
    )


def revision_by_number(session: Session, visit: Visit, number: int) -> ProgrammeRevision | None:
    return session.scalar(
        select(ProgrammeRevision)
        .where(ProgrammeRevision.visit_id == visit.id, ProgrammeRevision.number == number)
        .options(joinedload(ProgrammeRevision.issued_by))
    )


def issuer_name(user: User | None) -> str | None:
    return (user.name or user.email) if user is not None else None


def issue_revision(
    session: Session, visit: Visit, user: User | None, comment: str | None
) -> ProgrammeRevision:
    """Snapshot the programme as the next revision; NothingToIssue when nothing changed."""
    snapshot = build_snapshot(session, visit)
    last = latest_revision(session, visit)
    if last is not None and last.snapshot.get("feed_version") == snapshot["feed_version"]:
        raise NothingToIssue(last.number)
    revision = ProgrammeRevision(
        visit_id=visit.id,
        number=last.number + 1 if last is not None else 1,
        issued_at=datetime.now(UTC),
        issued_by=user,
        comment=(comment or "").strip() or None,
        snapshot=snapshot,
    )
    session.add(revision)
    return revision


def revision_state(session: Session, visit: Visit, now: datetime | None = None) -> RevisionState:
    """The programme's state for a print (one query): revision N, or a draft as of now."""
    last = latest_revision(session, visit)
    as_of = now or datetime.now(UTC)
    if last is None:
        return RevisionState(None, None, None, True, as_of, visit.timezone)
    draft = visit.feed_version != last.snapshot.get("feed_version")
    return RevisionState(
        last.number, last.issued_at, issuer_name(last.issued_by), draft, as_of, visit.timezone
    )
