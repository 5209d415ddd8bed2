"""How the delegation arrives, leaves and sleeps, and how long it takes between venues."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.delegation import DelegationMember
from visits.models.enums import enum_type
from visits.models.localized import LocalizedText, localized
from visits.models.venue import Venue
from visits.models.visit import Visit
from visits.orm import NEVER_REUSED_IDS, UTCDateTime, Versioned, utcnow


class Direction(StrEnum):
    ARRIVAL = "arrival"
    DEPARTURE = "departure"


class TravelMode(StrEnum):
    FLIGHT = "flight"
    TRAIN = "train"
    CAR = "car"
    BUS = "bus"
    OTHER = "other"


class Movement(Versioned, Model):
    """An arrival or a departure of one member (a person or a group), or of everyone."""

    __tablename__ = "movements"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    # None: the whole delegation travels together.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegation_members.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[Direction] = mapped_column(enum_type(Direction, "movement_direction"))
    mode: Mapped[TravelMode] = mapped_column(enum_type(TravelMode, "travel_mode"))
    number: Mapped[str | None] = mapped_column(String(50))
    place: Mapped[LocalizedText] = localized("place", 200)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="RESTRICT"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    show_as_transfer: Mapped[bool] = mapped_column(default=False)
    # For the organizers' working programme: the cars, and who meets (or sees off) whom.
    vehicles: Mapped[str | None] = mapped_column(String(300))
    met_by: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text, info={"max_length": 2000})
    # When the record was made and last changed (what a feed calls CREATED and
    # LAST-MODIFIED); none on records older than these columns.
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    visit: Mapped[Visit] = relationship(back_populates="movements")
    member: Mapped[DelegationMember | None] = relationship()
    venue: Mapped[Venue | None] = relationship()

    def audit_scope(self) -> dict[str, int | None]:
        return {"visit_id": self.visit_id}


class Stay(Versioned, Model):
    """Accommodation: a hotel from check-in to check-out, for one member or everyone."""

    __tablename__ = "stays"
    __table_args__ = (
        CheckConstraint("check_out > check_in", name="check_out_after_in"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegation_members.id", ondelete="CASCADE"), index=True
    )
    hotel_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="RESTRICT"))
    check_in: Mapped[date]
    check_out: Mapped[date]
    notes: Mapped[str | None] = mapped_column(Text, info={"max_length": 2000})
    # When the record was made and last changed (what a feed calls CREATED and
    # LAST-MODIFIED); none on records older than these columns.
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    visit: Mapped[Visit] = relationship(back_populates="stays")
    member: Mapped[DelegationMember | None] = relationship()
    hotel: Mapped[Venue] = relationship()

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days

    def audit_scope(self) -> dict[str, int | None]:
        return {"visit_id": self.visit_id}


class TravelTime(Versioned, Model):
    """Minutes needed between two venues, as staff know them; stored once per pair."""

    __tablename__ = "travel_times"
    __audited__ = True
    __table_args__ = (
        CheckConstraint("from_venue_id < to_venue_id", name="pair_in_order"),
        CheckConstraint("minutes > 0", name="minutes_positive"),
        UniqueConstraint("from_venue_id", "to_venue_id"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"))
    to_venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"))
    minutes: Mapped[int]

    from_venue: Mapped[Venue] = relationship(foreign_keys=[from_venue_id])
    to_venue: Mapped[Venue] = relationship(foreign_keys=[to_venue_id])
