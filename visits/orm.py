"""The declarative base, its naming convention, and the column types every model shares."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import DateTime, FromClause, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in time: stored in UTC, always returned as an aware UTC datetime.

    SQLite keeps no offset and PostgreSQL returns its session zone, so the type
    normalises both ways. A naive datetime is refused: its meaning is unknown.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given where a moment in UTC is stored")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# The table option of every audited record: its id is never given to another record, so a
# deleted record's history never points at a newer one. PostgreSQL sequences never go
# back; SQLite gives the largest id again after a delete unless the table is AUTOINCREMENT.
NEVER_REUSED_IDS = {"sqlite_autoincrement": True}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """Optimistic locking: every UPDATE checks and bumps `version_id`.

    A save made from a form loaded at an older version is refused rather than
    silently overwriting what someone else saved in between.
    """

    version_id: Mapped[int] = mapped_column(default=1, server_default="1")

    if TYPE_CHECKING:  # set on each model class by the declarative base
        __table__: ClassVar[FromClause]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version_id}
