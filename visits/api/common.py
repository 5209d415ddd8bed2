"""Fields, schemas and helpers every API resource shares."""

from collections.abc import Mapping
from functools import cache
from typing import Any

import marshmallow as ma
from flask_smorest import abort
from sqlalchemy import func, select
from sqlalchemy.sql import Select

from visits.extensions import db
from visits.models import LocalizedText
from visits.scheduling.timezones import validate_zone

MAX_PER_PAGE = 200
MAX_ID = 2**31 - 1


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


def text(length: int | None = None, *, required: bool = False, **kwargs) -> Text:
    validate = [Length(max=length)] if length else []
    extra = kwargs.pop("validate", None)
    if extra is not None:
        validate.extend(extra if isinstance(extra, list | tuple) else [extra])
    return Text(required=required, allow_none=not required, validate=validate, **kwargs)


def coordinate(limit: int) -> ma.fields.Float:
    """Degrees of latitude (limit 90) or longitude (180)."""
    return ma.fields.Float(
        allow_none=True, load_default=None, allow_nan=False,
        validate=ma.validate.Range(-limit, limit),
    )


def record_id(**kwargs) -> ma.fields.Integer:
    """A reference to another record by its id."""
    return ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID), **kwargs)


class Zone(Text):
    def _deserialize(self, value, attr, data, **kwargs):
        name = super()._deserialize(value, attr, data, **kwargs)
        try:
            return validate_zone(name or "")
        except ValueError as error:
            raise ma.ValidationError("Unknown time zone.") from error


@cache
def localized_schema(length: int | None, required: bool) -> type[ma.Schema]:
    """A schema of one text in ru/kk/en; `required` asks for the Russian variant."""
    name = f"Localized{length or 'Text'}{'Required' if required else ''}"

    def make_object(self, data: dict[str, Any], **_kwargs) -> LocalizedText:
        return LocalizedText(**{lang: data.get(lang) for lang in ("ru", "kk", "en")})

    return type(
        name,
        (ma.Schema,),
        {
            "ru": text(length, required=required),
            "kk": text(length),
            "en": text(length),
            "make_object": ma.post_load(make_object),
            "__doc__": "A text in Russian, Kazakh and English; a missing variant falls back.",
        },
    )


def localized(length: int | None = 255, *, required: bool = False, **kwargs) -> ma.fields.Nested:
    schema = localized_schema(length, required)
    if required:
        return ma.fields.Nested(schema, required=True, **kwargs)
    return ma.fields.Nested(schema, load_default=LocalizedText, **kwargs)


NOT_TEXT = "Must be valid Unicode text (a lone surrogate cannot be stored)."


def _prepared(value: Any) -> tuple[Any, Any]:
    """`value` with blank strings as None (a blank text means none), and messages shaped
    like it for every string that is not valid UTF-8: JSON may carry lone surrogates such
    as "\\ud800", which no database stores."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value, [NOT_TEXT]
        return (value if value.strip() else None), None
    if isinstance(value, Mapping):
        cleaned, found = {}, {}
        for key, item in value.items():
            cleaned[key], messages = _prepared(item)
            if messages or _prepared(key)[1]:
                found[key] = messages or [NOT_TEXT]
        return cleaned, found or None
    if isinstance(value, list | tuple):
        items = [_prepared(item) for item in value]
        bad = any(messages for _item, messages in items)
        return [item for item, _messages in items], ([NOT_TEXT] if bad else None)
    return value, None


class Prepared:
    """Input made safe before any field reads it: blank texts become none (a blank query
    argument is left out) and text no database can store is refused field by field (422)."""

    @ma.pre_load
    def _prepare(self, data: Any, **_kwargs) -> Any:
        proxy = isinstance(data, Mapping) and hasattr(data, "getlist")
        if proxy:  # webargs' view of query arguments: a blank one is as if not given
            data = {key: data[key] for key in data}
        cleaned, messages = _prepared(data)
        if proxy and isinstance(cleaned, dict):
            cleaned = {key: value for key, value in cleaned.items() if value is not None}
        if messages:
            if not isinstance(messages, dict):
                messages = {"_schema": messages}
            raise ma.ValidationError(messages)
        return cleaned


class BodySchema(Prepared, ma.Schema):
    """A JSON request body (see Prepared)."""


class ListArgs(Prepared, ma.Schema):
    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=MAX_ID))
    per_page = ma.fields.Integer(
        load_default=50, validate=ma.validate.Range(min=1, max=MAX_PER_PAGE)
    )


class VersionArgs(ma.Schema):
    version = ma.fields.Integer(
        metadata={"description": "The version the client last read; refused with 409 if stale"},
        validate=ma.validate.Range(min=0, max=MAX_ID),
    )


@cache
def page_schema(item: type[ma.Schema]) -> type[ma.Schema]:
    """The envelope of one page of a list: the items and where they are in the whole."""
    name = item.__name__.removesuffix("Schema") + "PageSchema"
    return type(
        name,
        (ma.Schema,),
        {
            "items": ma.fields.List(ma.fields.Nested(item), required=True),
            "page": ma.fields.Integer(required=True),
            "per_page": ma.fields.Integer(required=True),
            "total": ma.fields.Integer(required=True),
        },
    )


def paginate(query: Select, args: dict[str, Any]) -> dict[str, Any]:
    """One page of `query` (rows as scalars) as the page envelope's data."""
    page, per_page = args["page"], args["per_page"]
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return {"items": items, "page": page, "per_page": per_page, "total": total or 0}


def get_or_404(model: type, record_id: int, what: str = "record") -> Any:
    record = db.session.get(model, record_id) if 0 < record_id <= MAX_ID else None
    if record is None:
        abort(404, message=f"No such {what}.")
    return record


def check_version(record: Any, version: int | None, required: bool = True) -> None:
    """409 with the current version when the client's copy is stale."""
    if version is None and not required:
        return
    if version is None:
        abort(
            422,
            message="Give the version you last read.",
            errors={"json": {"version": ["Missing data for required field."]}},
        )
    if version != record.version_id:
        abort(
            409,
            message="The record changed since you read it: reload it and apply your change.",
            current_version=record.version_id,
        )


def invalid(field: str, message: str, location: str = "json"):
    """422 naming one field."""
    abort(422, message=message, errors={location: {field: [message]}})
