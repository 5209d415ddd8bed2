"""Schemas and helpers every API resource shares: input made safe, list arguments and
pages, loading a record or answering 404, the version check, field errors."""

from collections.abc import Mapping
from functools import cache
from typing import Any, NoReturn

import marshmallow as ma
from sqlalchemy import func, select
from sqlalchemy.sql import Select
from webargs.flaskparser import abort

from visits import editing
from visits.api.fields import MAX_ID, version
from visits.extensions import db

MAX_PER_PAGE = 200
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


class RecordSchema(BodySchema):
    """A stored record: its id and the version a replacement must name."""

    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(attribute="version_id", dump_only=True)


class ListArgs(Prepared, ma.Schema):
    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=MAX_ID))
    per_page = ma.fields.Integer(
        load_default=50, validate=ma.validate.Range(min=1, max=MAX_PER_PAGE)
    )


class VersionArgs(ma.Schema):
    version = version(
        metadata={"description": "The version the client last read; refused with 409 if stale"}
    )


@cache
def update_schema(schema: type[ma.Schema], **fields: ma.fields.Field) -> type[ma.Schema]:
    """`schema` for a replacement: the same fields (or `fields` instead) and the version
    the client read, required."""
    name = schema.__name__.removesuffix("Schema") + "UpdateSchema"
    fields = {"version": version(required=True, metadata={"description": "as read"}), **fields}
    return type(name, (schema,), fields)


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


def member_or_404(model: type, record_id: int, owner_field: str, owner_id: int, what: str) -> Any:
    """A record that belongs to another (a member of a delegation), else 404."""
    record = db.session.get(model, record_id) if 0 < record_id <= MAX_ID else None
    if record is None or getattr(record, owner_field) != owner_id:
        abort(404, message=f"No such {what}.")
    return record


def check_references(data: Mapping[str, Any], models: Mapping[str, tuple[type, str]]) -> None:
    """422 naming every field whose id refers to no record: `models` maps a field to the
    model it refers to and what that is called ("delegation")."""
    errors = {}
    for field, (model, what) in models.items():
        value = data.get(field)
        if value is None:
            continue
        if not (0 < value <= MAX_ID) or db.session.get(model, value) is None:
            errors[field] = [f"No such {what}."]
    if errors:
        message = "The request refers to records that do not exist."
        abort(422, message=message, errors={"json": errors})


def check_version(record: Any, version: int | None) -> None:
    """The edit check the pages make: a stale version is answered 409 with the record's
    current one (see visits/errors.py); no version given means no check (a deletion)."""
    if version is not None:
        editing.check_version(db.session(), record, version)


def invalid(field: str, message: str, location: str = "json") -> NoReturn:
    """422 naming one field."""
    abort(422, message=message, errors={location: {field: [message]}})


def refuse(errors: Mapping[str, list[str]]) -> None:
    """422 naming every field in `errors` (pointers such as participants/0/person_id)."""
    if errors:
        abort(422, message="The request has invalid fields: see errors.", errors={"json": errors})
