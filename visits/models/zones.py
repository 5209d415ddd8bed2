"""The check every time-zone column of the models shares."""

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import validates

from visits.scheduling.timezones import validate_zone


def zone_validator(name: str, *, optional: bool = False) -> Callable[..., Any]:
    """A validator for the model's time-zone attribute `name`: a known IANA zone, else
    InvalidTimeZone; when `optional`, an empty value is stored as None. Assign it in the
    class body (`_check_zone = zone_validator("timezone")`)."""

    def check(_model: object, _key: str, value: str | None) -> str | None:
        if optional and not value:
            return None
        return validate_zone(value)

    return validates(name)(check)
