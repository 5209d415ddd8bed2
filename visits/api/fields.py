"""Input fields of the API, most of them derived from the model column they store into.

A column's length, whether it must be given and the enum it holds are declared once, on
the model (`visits.models.columns` reads them back); the makers here turn a mapped
attribute into the marshmallow field that checks it — `text(Person.phone)`,
`localized(Person.full_name)`, `choice(Event.status)`, `reference(Event.venue_id)`.
"""

from enum import Enum
from functools import cache
from typing import Any

import marshmallow as ma
from sqlalchemy import ColumnDefault

from visits.languages import LANGUAGES
from visits.models import LocalizedText
from visits.models.columns import column, enum_of, is_required, max_length
from visits.scheduling.timezones import validate_zone

MAX_ID = 2**31 - 1
SEARCH = 200  # the most characters of words to look for


class Text(ma.fields.String):
    """A string without NUL characters (no one types them; PostgreSQL cannot store them),
    trimmed, empty meaning none."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ma.ValidationError("Must not contain NUL characters.")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:  # a lone surrogate from a \ud800 escape
            raise ma.ValidationError("Must be valid Unicode text.") from error
        if not text.strip() and self.required:
            raise ma.ValidationError("Must not be empty.")
        return text.strip() or None


class Length(ma.validate.Length):
    """Length bounds that let an empty text (loaded as None) through to `required`."""

    def __call__(self, value):
        return value if value is None else super().__call__(value)


class Zone(Text):
    """The IANA name of a time zone."""

    def _deserialize(self, value, attr, data, **kwargs):
        name = super()._deserialize(value, attr, data, **kwargs)
        try:
            return validate_zone(name or "")
        except ValueError as error:
            raise ma.ValidationError("Unknown time zone.") from error


def limit_of(attribute: Any) -> int:
    """The most characters the text column behind `attribute` takes, as the model declares."""
    limit = max_length(attribute)
    if limit is None:
        raise TypeError(f"{attribute} holds no text")
    return limit


def plain_text(length: int | None = None, *, required: bool = False, **kwargs) -> Text:
    """A text not stored as it comes (a search, a comment with its own limit)."""
    validate = [Length(max=length)] if length else []
    extra = kwargs.pop("validate", None)
    if extra is not None:
        validate.extend(extra if isinstance(extra, list | tuple) else [extra])
    return Text(required=required, allow_none=not required, validate=validate, **kwargs)


def search(description: str) -> Text:
    """A query argument of words to look for."""
    return plain_text(SEARCH, metadata={"description": description})


def text(attribute: Any, field: type[Text] = Text, /, **kwargs) -> Text:
    """The text field of a column: its length; required when the column must hold a
    value, else empty meaning none."""
    required = kwargs.pop("required", is_required(attribute))
    if not required:
        kwargs.setdefault("load_default", None)
    validate = [Length(max=limit_of(attribute)), *kwargs.pop("validate", [])]
    return field(required=required, allow_none=not required, validate=validate, **kwargs)


def choice(attribute: Any, /, **kwargs) -> ma.fields.Enum:
    """The enum a column holds, by value; its default is the column's, if it has one."""
    if not kwargs.get("required"):
        default = _default(attribute)
        if default is not None:
            kwargs.setdefault("load_default", default)
        elif "load_default" not in kwargs:
            kwargs["required"] = is_required(attribute)
    return ma.fields.Enum(_enum(attribute), by_value=True, **kwargs)


def choice_filter(attribute: Any, /, **kwargs) -> ma.fields.Enum:
    """A query argument naming one value of a column's enum."""
    return ma.fields.Enum(_enum(attribute), by_value=True, **kwargs)


def _enum(attribute: Any) -> type[Enum]:
    enum = enum_of(attribute)
    if enum is None:
        raise TypeError(f"{attribute} holds no enum")
    return enum


def record_id(**kwargs) -> ma.fields.Integer:
    """An id of a record, within the range ids take."""
    return ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID), **kwargs)


def reference(attribute: Any, /, **kwargs) -> ma.fields.Integer:
    """A foreign key column: required when NOT NULL, else none by default."""
    required = kwargs.pop("required", is_required(attribute))
    if not required:
        kwargs.setdefault("allow_none", True)
        kwargs.setdefault("load_default", None)
    return record_id(required=required, **kwargs)


def version(**kwargs) -> ma.fields.Integer:
    """The version of a record as the client read it."""
    return ma.fields.Integer(validate=ma.validate.Range(min=0, max=MAX_ID), **kwargs)


def coordinate(limit: int) -> ma.fields.Float:
    """Degrees of latitude (limit 90) or longitude (180)."""
    return ma.fields.Float(
        allow_none=True, load_default=None, allow_nan=False,
        validate=ma.validate.Range(-limit, limit),
    )  # fmt: skip


@cache
def localized_schema(length: int | None, required: bool) -> type[ma.Schema]:
    """A schema of one text in ru/kk/en; `required` asks for the Russian variant."""
    name = f"Localized{length or 'Text'}{'Required' if required else ''}"

    def make_object(self, data: dict[str, Any], **_kwargs) -> LocalizedText:
        return LocalizedText(**{lang: data.get(lang) for lang in LANGUAGES})

    return type(
        name,
        (ma.Schema,),
        {
            "ru": plain_text(length, required=required),
            "kk": plain_text(length),
            "en": plain_text(length),
            "make_object": ma.post_load(make_object),
            "__doc__": "A text in Russian, Kazakh and English; a missing variant falls back.",
        },
    )


def localized(column_of: Any = None, /, **kwargs) -> ma.fields.Nested:
    """The ru/kk/en field of a LocalizedText column: its length, and the Russian variant
    required when the column requires it. Without a column: a text shown, never read."""
    if column_of is None:
        return ma.fields.Nested(localized_schema(None, False), dump_only=True, **kwargs)
    required = is_required(column_of)
    schema = localized_schema(limit_of(column_of), required)
    if required:
        return ma.fields.Nested(schema, required=True, **kwargs)
    return ma.fields.Nested(schema, load_default=LocalizedText, **kwargs)


def _default(attribute: Any) -> Any:
    default = column(attribute).default
    return default.arg if isinstance(default, ColumnDefault) and default.is_scalar else None
