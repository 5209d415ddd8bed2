"""Input checks the visits, delegations, people and organizations resources share."""

from collections.abc import Mapping
from typing import Any

from flask_smorest import abort

from visits.api.common import MAX_ID
from visits.extensions import db


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
