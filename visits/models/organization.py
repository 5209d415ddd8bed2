"""Organizations and people."""

from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.models.localized import LocalizedText, localized
from visits.orm import NEVER_REUSED_IDS, Versioned


class OrganizationKind(StrEnum):
    GOVERNMENT = "government"
    ENSEMBLE = "ensemble"
    COMPANY = "company"
    CULTURE = "culture"
    MEDIA = "media"
    PUBLIC = "public"
    GROUP = "group"
    OTHER = "other"


class Organization(Versioned, Model):
    __tablename__ = "organizations"
    __audited__ = True
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[LocalizedText] = localized("name", 300, required=True)
    kind: Mapped[OrganizationKind] = mapped_column(
        enum_type(OrganizationKind, "organization_kind"), default=OrganizationKind.OTHER
    )
    country: Mapped[str | None] = mapped_column(String(2))
    notes: Mapped[str | None] = mapped_column(Text)

    people: Mapped[list["Person"]] = relationship(back_populates="organization")

    def __repr__(self) -> str:
        return f"<Organization {self.name}>"


class Person(Versioned, Model):
    __tablename__ = "people"
    __audited__ = True
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[LocalizedText] = localized("full_name", 200, required=True)
    position: Mapped[LocalizedText] = localized("position", 300)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    languages: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(254))
    # The language messages to them are written in (ru, kk, en); None: their link's.
    preferred_language: Mapped[str | None] = mapped_column(String(2))
    notes: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization | None] = relationship(back_populates="people")

    def __repr__(self) -> str:
        return f"<Person {self.full_name}>"
