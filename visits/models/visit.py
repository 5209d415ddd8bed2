"""Visits: one delegation's stay in the host city."""

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.delegation import Delegation
from visits.models.enums import enum_type
from visits.models.localized import LocalizedText, localized
from visits.models.organization import Organization, Person
from visits.models.zones import zone_validator
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, Versioned, utcnow

if TYPE_CHECKING:
    from visits.models.event import Event
    from visits.models.logistics import Movement, Stay
    from visits.models.revision import ProgrammeRevision


class VisitStatus(StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Visit(Versioned, Model):
    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("city_speed_kmh > 0", name="city_speed_positive"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[LocalizedText] = localized("title", 300, required=True)
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegations.id", ondelete="RESTRICT"), index=True
    )
    host_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    city: Mapped[LocalizedText] = localized("city", 200)
    timezone: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date]
    end_date: Mapped[date]
    status: Mapped[VisitStatus] = mapped_column(
        enum_type(VisitStatus, "visit_status"), default=VisitStatus.DRAFT
    )
    occasion: Mapped[LocalizedText] = localized("occasion", 500)
    purpose: Mapped[LocalizedText] = localized("purpose", None)
    topics: Mapped[LocalizedText] = localized("topics", 500)
    # Who agrees the working programme: the approval block it prints («Согласовано»).
    approved_by_name: Mapped[LocalizedText] = localized("approved_by_name", 200)
    approved_by_position: Mapped[LocalizedText] = localized("approved_by_position", 500)
    # Average door-to-door speed in the host city, for travel times staff have not set.
    city_speed_kmh: Mapped[int] = mapped_column(default=30, server_default="30")
    # Which side comes first where people are drawn in order of precedence (the lanes of
    # the day timeline): the guests (the delegation) unless the visit says the hosts.
    hosts_first: Mapped[bool] = mapped_column(default=False, server_default=false())
    liaison_officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    # Grows whenever anything its calendar feeds show changes (its events, their
    # participants, venues and names): feeds answer polls from it without reading events.
    feed_version: Mapped[int] = mapped_column(default=0, server_default="0")
    feed_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    delegation: Mapped[Delegation | None] = relationship()
    host_organization: Mapped[Organization | None] = relationship()
    liaison_officer: Mapped[Person | None] = relationship()
    events: Mapped[list["Event"]] = relationship(
        back_populates="visit",
        cascade="all, delete-orphan",
        order_by="(Event.starts_at, Event.id)",
    )
    movements: Mapped[list["Movement"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Movement.at"
    )
    stays: Mapped[list["Stay"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Stay.check_in"
    )
    revisions: Mapped[list["ProgrammeRevision"]] = relationship(
        back_populates="visit",
        cascade="all, delete-orphan",
        order_by="ProgrammeRevision.number",
    )

    _check_zone = zone_validator("timezone")

    def audit_scope(self) -> dict[str, int | None]:
        return {"visit_id": self.id, "delegation_id": self.delegation_id}

    def __repr__(self) -> str:
        return f"<Visit {self.id} {self.title}>"
