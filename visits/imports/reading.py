"""From the bytes of a file to a checked visit document, or the list of what is wrong."""

import json
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError

from visits.exports.visit_document import FORMAT, VERSION
from visits.imports.references import reference_problems
from visits.imports.schema import DocumentError, DocumentSchema, flatten
from visits.uploads import too_large_message

Data = dict[str, Any]


def parse_json(data: bytes, limit: int) -> Any:
    """The JSON value in `data`; DocumentError when too large, not UTF-8 or not JSON."""
    if len(data) > limit:
        raise DocumentError([too_large_message(limit)])
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            [_("The file is not UTF-8 text (byte %(position)d).", position=error.start + 1)]
        ) from None
    try:
        return json.loads(source)
    except json.JSONDecodeError as error:
        raise DocumentError(
            [
                _(
                    "The file is not valid JSON: line %(line)d, column %(column)d: %(reason)s.",
                    line=error.lineno,
                    column=error.colno,
                    reason=error.msg,
                )
            ]
        ) from None
    except RecursionError:
        raise DocumentError([_("The file is nested too deeply to be read.")]) from None
    except ValueError:  # an integer of more digits than Python converts
        raise DocumentError(
            [_("The file holds a number too long to be read (more than 4,300 digits).")]
        ) from None


def check_kind(raw: Any) -> None:
    """Refuse anything but a visit document of a version this code reads."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DocumentError(
            [_("This is not a visit document: its format is not «%(format)s».", format=FORMAT)]
        )
    version = raw.get("version")
    if version != VERSION or isinstance(version, bool):
        raise DocumentError(
            [
                _(
                    "Visit documents of version %(version)s cannot be read here; "
                    "this installation reads version %(supported)d.",
                    version=json.dumps(version),
                    supported=VERSION,
                )
            ]
        )


def load_document(raw: Any) -> Data:
    """The document with every field checked and converted (dates, moments)."""
    check_kind(raw)
    try:
        document = DocumentSchema().load(raw)
    except ValidationError as error:
        raise DocumentError(flatten(error.messages)) from None
    problems = reference_problems(document)
    if problems:
        raise DocumentError(problems)
    return document


def read_document(data: bytes, limit: int) -> Data:
    """Bytes of an uploaded file → the checked document, or DocumentError."""
    return load_document(parse_json(data, limit))
