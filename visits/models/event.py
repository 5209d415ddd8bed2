"""Events of a visit and the people or groups taking part in them."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.models.localized import LocalizedText, localized
from visits.models.organization import Organization, Person
from visits.models.venue import Venue
from visits.models.visit import Visit
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, Versioned, utcnow


class EventKind(StrEnum):
    MEETING = "meeting"
    CEREMONY = "ceremony"
    CONCERT = "concert"
    EXCURSION = "excursion"
    MEAL = "meal"
    TRANSFER = "transfer"
    PRESS = "press"
    OTHER = "other"


class EventStatus(StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class Visibility(StrEnum):
    PUBLIC = "public"
    DELEGATION = "delegation"
    INTERNAL = "internal"


class ParticipantRole(StrEnum):
    HOST = "host"
    GUEST = "guest"
    SPEAKER = "speaker"
    PERFORMER = "performer"
    MODERATOR = "moderator"
    INTERPRETER = "interpreter"
    ORGANIZER = "organizer"
    PRESS = "press"
    STAFF = "staff"


class Side(StrEnum):
    HOST = "host"
    GUEST = "guest"


def new_uid() -> str:
    """A UID for a new event: random once, then stored and never changed."""
    return f"{uuid.uuid4()}@visits"


class Event(Versioned, Model):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True, default=new_uid)
    sequence: Mapped[int] = mapped_column(default=0)
    kind: Mapped[EventKind] = mapped_column(enum_type(EventKind, "event_kind"))
    title: Mapped[LocalizedText] = localized("title", 300, required=True)
    description: Mapped[LocalizedText] = localized("description", None)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The whole local day(s) in the visit's zone: stored 00:00 to 24:00, shown as "all day"
    # and published as dates (VALUE=DATE), so other zones see the same days.
    is_all_day: Mapped[bool] = mapped_column(default=False, server_default=false())
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venues.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[EventStatus] = mapped_column(
        enum_type(EventStatus, "event_status"), default=EventStatus.TENTATIVE
    )
    # The status it had when it was cancelled: restoring the event gives that back.
    status_before_cancel: Mapped[EventStatus | None] = mapped_column(
        enum_type(EventStatus, "event_status_before_cancel")
    )
    visibility: Mapped[Visibility] = mapped_column(
        enum_type(Visibility, "event_visibility"), default=Visibility.DELEGATION
    )
    dress_code: Mapped[LocalizedText] = localized("dress_code", 200)
    notes: Mapped[LocalizedText] = localized("notes", None)
    internal_notes: Mapped[str | None] = mapped_column(Text)
    # For the organizers' working programme only: who answers for the row, which cars.
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    vehicles: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    visit: Mapped[Visit] = relationship(back_populates="events")
    venue: Mapped[Venue | None] = relationship()
    responsible: Mapped[Person | None] = relationship()
    participants: Mapped[list["EventParticipant"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="(EventParticipant.position, EventParticipant.id)",
    )

    @property
    def is_cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    def audit_scope(self) -> dict[str, int | None]:
        return {"visit_id": self.visit_id}

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.title}>"


class EventParticipant(Model):
    """A person or a group in an event, with the role they play and their side."""

    __tablename__ = "event_participants"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (organization_id IS NULL)", name="person_or_group"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE")
    )
    role: Mapped[ParticipantRole] = mapped_column(enum_type(ParticipantRole, "participant_role"))
    side: Mapped[Side] = mapped_column(enum_type(Side, "participant_side"))
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="participants")
    person: Mapped[Person | None] = relationship()
    organization: Mapped[Organization | None] = relationship()

    @property
    def display_name(self) -> LocalizedText:
        if self.person:
            return self.person.full_name
        assert self.organization is not None  # a person or a group: the check above
        return self.organization.name

    def audit_scope(self) -> dict[str, int | None]:
        return {"visit_id": self.event.visit_id if self.event else None}
