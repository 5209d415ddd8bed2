"""Errors of the JSON API as RFC 9457 problem details (`application/problem+json`).

Every error under /api/ is answered this way — those raised by views, by argument
parsing (422 with one entry per field) and by routing (404, 405) alike.
"""

from collections.abc import Iterator, Mapping
from http import HTTPStatus
from typing import Any

import marshmallow as ma
from flask import Response, json, request
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"
API_PREFIX = "/api/"


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


class FieldErrorSchema(ma.Schema):
    pointer = ma.fields.String(
        required=True, metadata={"description": "JSON pointer to the field, e.g. /title/ru"}
    )
    location = ma.fields.String(
        required=True, metadata={"description": "Where the field was: json, query, path"}
    )
    detail = ma.fields.String(required=True)


class ProblemSchema(ma.Schema):
    type = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String()
    instance = ma.fields.String()
    errors = ma.fields.List(ma.fields.Nested(FieldErrorSchema))
    current_version = ma.fields.Integer(
        metadata={"description": "On 409: the record's version now, to reload and retry"}
    )


def field_errors(messages: Any, location: str = "json") -> list[dict[str, str]]:
    """Marshmallow's nested messages as a flat list, one entry per message."""
    return [
        {"pointer": pointer or "/", "location": location, "detail": str(detail)}
        for pointer, detail in _walk(messages, "")
    ]


def _walk(messages: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            yield from _walk(value, f"{pointer}/{key}")
    elif isinstance(messages, list | tuple):
        for value in messages:
            yield from _walk(value, pointer)
    else:
        yield pointer, messages


def problem(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "instance": request.path,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def from_http_exception(error: HTTPException) -> Response:
    """A problem for an HTTPException, with webargs' validation messages as field errors."""
    data = getattr(error, "data", None) or {}
    errors: list[dict[str, str]] = []
    messages = data.get("messages") or data.get("errors")
    if isinstance(messages, Mapping):
        for location, fields in messages.items():
            errors.extend(field_errors(fields, location))
    detail = data.get("message") or (error.description if error.code != 422 else None)
    if error.code == 422 and not detail:
        detail = "The request has invalid fields: see errors."
    headers = dict(data.get("headers") or {})
    if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    extra = {k: v for k, v in data.items() if k in ("current_version",)}
    return problem(error.code or 500, detail, errors=errors, headers=headers, **extra)
