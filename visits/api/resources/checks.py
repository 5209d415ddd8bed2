"""Input checks the visits, delegations, people and organizations resources share."""

from collections.abc import Mapping
from typing import Any

import marshmallow as ma
from flask_smorest import abort

from visits.api.common import MAX_ID
from visits.extensions import db

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


def member_or_404(model: type, record_id: int, owner_field: str, owner_id: int, what: str) -> Any:
    """A record that belongs to another (a member of a delegation), else 404."""
    record = db.session.get(model, record_id) if 0 < record_id <= MAX_ID else None
    if record is None or getattr(record, owner_field) != owner_id:
        abort(404, message=f"No such {what}.")
    return record
