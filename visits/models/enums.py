"""Helpers for enumerated columns stored as checked strings on every database."""

from enum import StrEnum

from sqlalchemy import Enum


def enum_type(enum: type[StrEnum], name: str) -> Enum:
    """A VARCHAR with a CHECK constraint named `name`, holding the enum's values."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=max(len(m.value) for m in enum),
        values_callable=lambda e: [m.value for m in e],
    )
