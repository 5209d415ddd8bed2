"""What the models declare about a field, read back for forms, API schemas and imports.

A column's length, nullability and enum are declared once, on the model; every layer
that checks input asks here instead of repeating the number. A LocalizedText composite
is described by its columns: all three share one length, and only the Russian variant
(the office's working language) can be required.
"""

import enum
from typing import Any

from sqlalchemy import Column, Enum, Text, inspect
from sqlalchemy.orm import CompositeProperty, QueryableAttribute


def columns(attribute: Any) -> list[Column[Any]]:
    """The table columns behind a mapped attribute (three for a LocalizedText)."""
    return [col for col in _property(attribute).columns if isinstance(col, Column)]


def column(attribute: Any) -> Column[Any]:
    """The column of a plain attribute; of a LocalizedText, its Russian one."""
    return columns(attribute)[0]


# The most characters of a text column that declares no length of its own (notes,
# descriptions): the database would take more, but no one types more.
LONG_TEXT = 20_000


def max_length(attribute: Any) -> int | None:
    """The most characters the column takes: its type's length, or for a text column the
    `max_length` its `info` declares (a rule of the office, not of the database), else
    LONG_TEXT. None for a column that holds no text."""
    col = column(attribute)
    if "max_length" in col.info:
        return int(col.info["max_length"])
    length = getattr(col.type, "length", None)
    if length is None and isinstance(col.type, Text):
        return LONG_TEXT
    return length


def is_required(attribute: Any) -> bool:
    """Whether a value must be given: the column is NOT NULL and has no default."""
    col = column(attribute)
    return not col.nullable and col.default is None and col.server_default is None


def enum_of(attribute: Any) -> type[enum.Enum] | None:
    """The enum a column holds, if it holds one."""
    type_ = column(attribute).type
    return type_.enum_class if isinstance(type_, Enum) else None


def is_localized(attribute: Any) -> bool:
    return isinstance(_property(attribute), CompositeProperty)


def _property(attribute: Any) -> Any:
    if isinstance(attribute, QueryableAttribute):
        return attribute.property
    model, name = attribute
    return inspect(model).attrs[name]
