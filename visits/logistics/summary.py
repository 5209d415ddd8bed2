"""What the logistics pages and the visit page show: movements in the visit's time with
the delegation's home time beside, stays with their nights, and bookings that do not
match the arrival or departure. Built from loaded objects; it runs no query when the
visit was loaded with `queries.logistics_options()`."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import format_date
from flask_babel import gettext as _

from visits.labels import label
from visits.logistics.forms import member_name
from visits.models import Direction, Movement, Stay, Visit
from visits.scheduling import stays as bookings
from visits.scheduling.timezones import to_local


@dataclass(frozen=True)
class MovementRow:
    movement: Movement
    local: datetime
    home: datetime | None  # None when the home clock reads as the local one
    home_day_shift: int  # the home date minus the local date: +1 past midnight at home
    who: str
    direction: str
    mode: str

    @property
    def day(self) -> str:
        return format_date(self.local.date(), "d MMMM")


@dataclass(frozen=True)
class StayRow:
    stay: Stay
    who: str

    @property
    def check_in(self) -> str:
        return format_date(self.stay.check_in, "d MMMM")

    @property
    def check_out(self) -> str:
        return format_date(self.stay.check_out, "d MMMM")


@dataclass(frozen=True)
class Summary:
    zone: str
    home_zone: str | None
    movements: list[MovementRow] = field(default_factory=list)
    stays: list[StayRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def movement_row(movement: Movement, zone: str, home_zone: str | None) -> MovementRow:
    local = to_local(movement.at, zone)
    home = to_local(movement.at, home_zone) if home_zone else None
    if home is not None and home.utcoffset() == local.utcoffset():
        home = None
    return MovementRow(
        movement=movement,
        local=local,
        home=home,
        home_day_shift=(home.date() - local.date()).days if home else 0,
        who=member_name(movement.member),
        direction=label(movement.direction),
        mode=label(movement.mode),
    )


def describe_movement(movement: Movement, zone: str) -> str:
    row = movement_row(movement, zone, None)
    return f"{row.direction} · {row.who} · {row.day} {row.local:%H:%M}"


def describe_stay(stay: Stay) -> str:
    row = StayRow(stay, member_name(stay.member))
    return f"{row.who} · {row.check_in} – {row.check_out}"


def summarize(visit: Visit) -> Summary:
    home_zone = visit.delegation.home_timezone if visit.delegation else None
    movements = sorted(visit.movements, key=lambda m: (m.at, m.id))
    stays = sorted(visit.stays, key=lambda s: (s.check_in, s.id))
    return Summary(
        zone=visit.timezone,
        home_zone=home_zone,
        movements=[movement_row(m, visit.timezone, home_zone) for m in movements],
        stays=[StayRow(s, member_name(s.member)) for s in stays],
        warnings=mismatch_warnings(movements, stays, visit.timezone),
    )


def mismatch_warnings(movements: list[Movement], stays: list[Stay], zone: str) -> list[str]:
    """A line per traveller whose hotel dates do not match their arrival or departure."""
    arrivals: dict[int | None, date] = {}
    departures: dict[int | None, date] = {}
    for movement in movements:  # in time order: the first arrival, the last departure
        day = to_local(movement.at, zone).date()
        if movement.direction == Direction.ARRIVAL:
            arrivals.setdefault(movement.member_id, day)
        else:
            departures[movement.member_id] = day
    booked: dict[int | None, list[Stay]] = defaultdict(list)
    for stay in stays:
        booked[stay.member_id].append(stay)
    warnings = []
    for key, their_stays in booked.items():
        # A member without a movement of their own travels with the whole delegation.
        arrival = arrivals.get(key, arrivals.get(None))
        departure = departures.get(key, departures.get(None))
        pairs = [(s.check_in, s.check_out) for s in their_stays]
        closest = bookings.closest_booking(pairs, arrival, departure)
        if closest is None:
            continue
        who = member_name(their_stays[0].member)
        for end, _nights in bookings.mismatches(arrival, departure, closest):
            warnings.append(_mismatch_text(end, who, arrival, departure, closest))
    return warnings


def _mismatch_text(
    end: str, who: str, arrival: date | None, departure: date | None, booking: tuple[date, date]
) -> str:
    def day(value: date | None) -> str:
        return format_date(value, "d MMMM") if value else ""

    if end == bookings.ARRIVAL:
        return _(
            "%(who)s: arrives on %(arrival)s, but the hotel check-in is on %(check_in)s.",
            who=who,
            arrival=day(arrival),
            check_in=day(booking[0]),
        )
    return _(
        "%(who)s: leaves on %(departure)s, but the hotel check-out is on %(check_out)s.",
        who=who,
        departure=day(departure),
        check_out=day(booking[1]),
    )
