"""IANA time zones: validation and conversion between a zone's wall clock and UTC.

The zone data is the pinned `tzdata` package, never the host's `/usr/share/zoneinfo`:
`zoneinfo` looks at the host's files first, and a host whose data predates 2024a makes
Asia/Almaty +06 silently. Importing this module empties zoneinfo's search path for the
whole process (rather than loading files from `tzdata` here alone) because other code
reads zones by name too: icalendar builds every VTIMEZONE with `ZoneInfo(tzid)`, and
the stored times and the published definitions must come from the same data.
"""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

import tzdata  # type: ignore[import-untyped]

# A fact the data must know: Kazakhstan has kept UTC+5 since 1 March 2024 (tzdata 2024a).
REFERENCE_ZONE = "Asia/Almaty"
REFERENCE_MOMENT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
REFERENCE_OFFSET = timedelta(hours=5)


def use_pinned_tz_data() -> None:
    """Read zones from the `tzdata` package only (PYTHONTZPATH included is ignored)."""
    zoneinfo.reset_tzpath(to=[])
    ZoneInfo.clear_cache()
    _known_zones.cache_clear()


def tz_data_version() -> str:
    """The IANA release of the zone data in use, such as "2025b"."""
    version: str = tzdata.IANA_VERSION
    return version


def tz_data_problem() -> str | None:
    """None when the zone data knows Asia/Almaty as +05 in 2025, else what is wrong."""
    offset = zone(REFERENCE_ZONE).utcoffset(REFERENCE_MOMENT)
    if offset == REFERENCE_OFFSET:
        return None
    return (
        f"{REFERENCE_ZONE} is UTC{_hours(offset)} in 2025 instead of UTC+05:00: "
        "the time-zone data is out of date."
    )


def _hours(offset: timedelta | None) -> str:
    if offset is None:
        return "?"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


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


def to_utc(day: date, wall: time, zone_name: str, *, fold: int = 0) -> datetime:
    """The UTC moment of a wall-clock time on a day in a zone.

    In a gap (clocks jumping forward) the time is read with the offset before the
    gap; in an overlap (the repeated hour), the first of the two moments unless `fold`
    is 1, which asks for the second. `fold` means nothing at any other time.
    """
    local = datetime.combine(day, wall, tzinfo=zone(zone_name))
    if fold and is_repeated(local):
        local = local.replace(fold=1)
    return local.astimezone(UTC)


def is_repeated(local: datetime) -> bool:
    """Whether the aware wall time occurs twice (clocks going back pass it again)."""
    first, second = local.replace(fold=0).utcoffset(), local.replace(fold=1).utcoffset()
    # In an overlap the first pass has the larger offset; in a gap, the smaller one.
    return first is not None and second is not None and first > second


def to_local(moment: datetime, zone_name: str) -> datetime:
    """The wall-clock datetime of an aware moment in a zone."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: a moment must carry its offset")
    return moment.astimezone(zone(zone_name))


use_pinned_tz_data()


def utc_offset_label(zone_name: str, day: date) -> str:
    """The zone's offset at noon of `day` as people write it: "UTC+5", "UTC+5:30", "UTC"."""
    offset = zone(zone_name).utcoffset(datetime.combine(day, time(12)))
    minutes = (offset or timedelta(0)) // timedelta(minutes=1)
    if minutes == 0:
        return "UTC"
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
