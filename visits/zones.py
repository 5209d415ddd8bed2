"""Time-zone choices for forms: every IANA zone this machine knows, the usual ones first."""

from functools import cache
from zoneinfo import available_timezones

COMMON = (
    "Asia/Almaty",
    "Asia/Qostanay",
    "Asia/Aqtobe",
    "Asia/Oral",
    "Asia/Barnaul",
    "Asia/Novosibirsk",
    "Asia/Omsk",
    "Asia/Krasnoyarsk",
    "Europe/Moscow",
    "Asia/Ulaanbaatar",
    "Asia/Shanghai",
    "Asia/Tashkent",
    "Asia/Bishkek",
    "Europe/Istanbul",
    "Europe/Berlin",
    "Europe/London",
    "UTC",
)


@cache
def zone_names() -> tuple[str, ...]:
    """The common zones, then all the others in alphabetical order."""
    rest = sorted(available_timezones() - set(COMMON))
    return COMMON + tuple(rest)
