"""Venues: halls, memorials, hotels, airports."""

from decimal import Decimal

from sqlalchemy import CheckConstraint, Numeric, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from visits.models.base import Model
from visits.models.localized import LocalizedText, localized
from visits.orm import NEVER_REUSED_IDS, Versioned


class Venue(Versioned, Model):
    __tablename__ = "venues"
    __audited__ = True
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[LocalizedText] = localized("name", 300, required=True)
    address: Mapped[LocalizedText] = localized("address", 500)
    city: Mapped[LocalizedText] = localized("city", 200)
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    capacity: Mapped[int | None]
    # A shared space (a square, a hotel lobby) holds several events at once, up to its
    # capacity; any other venue is a hall booked for one event at a time.
    shared: Mapped[bool] = mapped_column(default=False, server_default=false())
    contact: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<Venue {self.name}>"
