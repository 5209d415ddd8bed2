"""Saved groups: a named, ordered list of people and organizations (the head's party, an
orchestra with its soloists) that staff add to an event in one move.

Called a participant list in the code: "group" already names an organization taking part.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.models.event import ParticipantRole, Side
from visits.models.localized import LocalizedText, localized
from visits.models.organization import Organization, Person
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, Versioned, utcnow


class ParticipantList(Versioned, Model):
    __tablename__ = "participant_lists"
    __audited__ = True
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[LocalizedText] = localized("name", 300, required=True)
    # Follows changes of the entries too, so that the version grows with them.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    entries: Mapped[list["ParticipantListEntry"]] = relationship(
        back_populates="participant_list",
        cascade="all, delete-orphan",
        order_by="(ParticipantListEntry.position, ParticipantListEntry.id)",
    )

    def __repr__(self) -> str:
        return f"<ParticipantList {self.name}>"


class ParticipantListEntry(Model):
    """A person or an organization in a saved group, with the role and side they take."""

    __tablename__ = "participant_list_entries"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (organization_id IS NULL)", name="person_or_group"),
        UniqueConstraint("list_id", "person_id"),
        UniqueConstraint("list_id", "organization_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(
        ForeignKey("participant_lists.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[ParticipantRole] = mapped_column(enum_type(ParticipantRole, "participant_role"))
    side: Mapped[Side] = mapped_column(enum_type(Side, "participant_side"))
    position: Mapped[int] = mapped_column(default=0)

    participant_list: Mapped[ParticipantList] = relationship(back_populates="entries")
    person: Mapped[Person | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
