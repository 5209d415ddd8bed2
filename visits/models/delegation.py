"""Delegations and their members in order of precedence."""

from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visits.models.base import Model
from visits.models.enums import enum_type
from visits.models.localized import LocalizedText, localized
from visits.models.organization import Organization, Person
from visits.models.zones import zone_validator
from visits.orm import NEVER_REUSED_IDS, Versioned


class MemberRole(StrEnum):
    HEAD = "head"
    DEPUTY_HEAD = "deputy_head"
    MEMBER = "member"
    PERFORMER = "performer"
    INTERPRETER = "interpreter"
    STAFF = "staff"
    PRESS = "press"
    SECURITY = "security"


class Delegation(Versioned, Model):
    __tablename__ = "delegations"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[LocalizedText] = localized("name", 300, required=True)
    origin_country: Mapped[str | None] = mapped_column(String(2))
    origin_region: Mapped[LocalizedText] = localized("origin_region", 200)
    home_timezone: Mapped[str] = mapped_column(String(64))

    members: Mapped[list["DelegationMember"]] = relationship(
        back_populates="delegation",
        cascade="all, delete-orphan",
        order_by="(DelegationMember.precedence, DelegationMember.id)",
    )

    _check_zone = zone_validator("home_timezone")

    def audit_scope(self) -> dict[str, int | None]:
        return {"delegation_id": self.id}

    def __repr__(self) -> str:
        return f"<Delegation {self.name}>"


class DelegationMember(Model):
    """A person, or a group such as an ensemble, in a delegation; 1 is the most senior."""

    __tablename__ = "delegation_members"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (organization_id IS NULL)", name="person_or_group"),
        CheckConstraint("precedence > 0", name="precedence_positive"),
        UniqueConstraint("delegation_id", "person_id"),
        UniqueConstraint("delegation_id", "organization_id"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegations.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE")
    )
    role: Mapped[MemberRole] = mapped_column(
        enum_type(MemberRole, "member_role"), default=MemberRole.MEMBER
    )
    precedence: Mapped[int]
    # Travels with the head (their party): added to an event with the head in one move.
    is_with_head: Mapped[bool] = mapped_column(default=False, server_default=false())

    delegation: Mapped[Delegation] = relationship(back_populates="members")
    person: Mapped[Person | None] = relationship()
    organization: Mapped[Organization | None] = relationship()

    @property
    def display_name(self) -> LocalizedText:
        if self.person is not None:
            return self.person.full_name
        assert self.organization is not None  # the check constraint: a person or a group
        return self.organization.name

    def audit_scope(self) -> dict[str, int | None]:
        return {"delegation_id": self.delegation_id}
