"""IANA time zones: validation and conversion between a zone's wall clock and UTC."""

from datetime import UTC, date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo, available_timezones


class InvalidTimeZone(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Unknown time zone {name!r}: use an IANA name such as Asia/Almaty.")
        self.name = name


@cache
def _known_zones() -> dict[str, str]:
    """Every IANA zone this machine knows, by its name in lower case."""
    return {name.lower(): name for name in available_timezones()}


def validate_zone(name: str | None) -> str:
    """The IANA zone `name` (as typed, in any letter case) in its proper spelling; an
    unknown name raises InvalidTimeZone."""
    name = (name or "").strip()
    known = _known_zones().get(name.lower())
    if known is None:
        raise InvalidTimeZone(name)
    return known


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(validate_zone(name))


def to_utc(day: date, wall: time, zone_name: str) -> datetime:
    """The UTC moment of a wall-clock time on a day in a zone.

    In a gap (clocks jumping forward) the time is read with the offset before the
    gap; in an overlap, the first of the two moments (fold=0) is taken.
    """
    local = datetime.combine(day, wall, tzinfo=zone(zone_name))
    return local.astimezone(UTC)


def to_local(moment: datetime, zone_name: str) -> datetime:
    """The wall-clock datetime of an aware moment in a zone."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: a moment must carry its offset")
    return moment.astimezone(zone(zone_name))
