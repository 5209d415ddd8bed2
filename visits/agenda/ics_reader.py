"""Draft rows from an iCalendar file (.ics) of any calendar program.

Times: a TZID (known to the machine or defined by the file's VTIMEZONE) or UTC say the
moment; floating times are read in the visit's zone; an all-day event becomes one row
from 00:00 to 24:00 of each of its days in the visit's zone. Google's X-WR-TIMEZONE files
are first made standard. Recurring events are expanded only within the visit's days;
each instance gets a UID of its own, `<uid>/<instant in UTC>`, stable across imports.
Events outside the visit's days are left out and listed. Every problem names its line.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import recurring_ical_events
import x_wr_timezone
from flask_babel import gettext as _
from icalendar import Calendar, Component

from visits.agenda.drafts import (
    MAX_EVENTS,
    MAX_UID,
    AgendaError,
    DraftRow,
    Reading,
    Skipped,
    Unit,
    clean,
    find_kind,
    length_problems,
    one_line,
    where,
)
from visits.agenda.ics_expansion import Excess, rule_excess
from visits.agenda.ics_lines import Block, decode, logical_lines, scan, unparsable
from visits.importing.budget import check_deadline
from visits.models.event import EventKind, EventStatus
from visits.scheduling.timezones import to_utc
from visits.scheduling.validation import event_time_problems

TOO_FREQUENT = {"SECONDLY", "MINUTELY"}
STATUSES = {"CONFIRMED": EventStatus.CONFIRMED, "CANCELLED": EventStatus.CANCELLED}


@dataclass(frozen=True)
class _Window:
    zone: str
    first: date
    last: date


def read_ics(
    data: bytes,
    zone_name: str,
    first_day: date,
    last_day: date,
    kinds: Mapping[str, EventKind] | None = None,
) -> Reading:
    """The events of the file as draft rows, within the visit's days; AgendaError if bad."""
    text = decode(data)
    blocks = scan(text)
    try:
        calendar = Calendar.from_ical(text)
    except Exception as error:  # the parser's own kinds of error; a file never gets a 500
        raise AgendaError([unparsable(text, error)]) from None
    try:
        calendar = x_wr_timezone.to_standard(calendar)
    except Exception as error:  # an unknown zone in X-WR-TIMEZONE
        number = next(
            (n for n, line in logical_lines(text) if line.upper().startswith("X-WR-TIMEZONE")), 1
        )
        raise AgendaError(
            [
                _(
                    "%(where)s: unknown time zone in X-WR-TIMEZONE (%(reason)s).",
                    where=where(Unit.LINE, number),
                    reason=str(error)[:120],
                )
            ]
        ) from None
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if len(events) != len(blocks):  # should not happen: the scan and the parser disagree
        blocks = [Block(1) for _event in events]
    window = _Window(zone_name, first_day, last_day)
    reading, problems = Reading(), []
    for group in _by_uid(list(zip(events, blocks, strict=True))):
        try:
            _read_group(group, calendar, window, kinds, reading)
        except AgendaError as error:
            problems.extend(error.messages)
        except (TypeError, ValueError, AttributeError, KeyError) as error:  # odd values
            problems.append(
                _(
                    "%(where)s: this event cannot be read (%(reason)s).",
                    where=where(Unit.LINE, group[0][1].line),
                    reason=str(error)[:120],
                )
            )
    if problems:
        raise AgendaError(problems)
    if not events:
        raise AgendaError([_("The file holds no events (VEVENT).")])
    return reading


def _by_uid(events: list[tuple[Component, Block]]) -> list[list[tuple[Component, Block]]]:
    """Components of one event (a series and its changed instances) together, in order."""
    groups: dict[str, list[tuple[Component, Block]]] = {}
    alone = []
    for event, block in events:
        uid = clean(event.get("UID"))
        if uid:
            groups.setdefault(uid, []).append((event, block))
        else:
            alone.append([(event, block)])
    return sorted([*groups.values(), *alone], key=lambda group: group[0][1].line)


def _read_group(group, calendar: Calendar, window: _Window, kinds, reading: Reading) -> None:
    """Add the rows of one event (or of a series with its changed instances) to `reading`."""
    for event, block in group:
        _check(event, block)
        rule = event.get("RRULE")
        rules = rule if isinstance(rule, list) else [rule] if rule is not None else []
        if any(set(r.get("FREQ", [])) & TOO_FREQUENT for r in rules):
            raise AgendaError(
                [
                    _(
                        "%(where)s: an event repeating every minute or second is not an agenda.",
                        where=where(Unit.LINE, block.line_of("RRULE")),
                    )
                ]
            )
        _check_expansion(event, block, rules, window, MAX_EVENTS - len(reading.rows))
    master, block = next(((e, b) for e, b in group if "RECURRENCE-ID" not in e), group[0])
    recurring = len(group) > 1 or "RRULE" in master or "RDATE" in master
    if not recurring:
        rows = _rows(master, block, clean(master.get("UID")) or None, window, kinds)
        if rows:
            reading.rows.extend(rows)
        else:
            reading.skipped.append(_outside(master, block))
        return
    series = Calendar()
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE":
            series.add_component(component)
    for event, _block in group:
        series.add_component(event)
    lines = {_instant_key(e.get("RECURRENCE-ID").dt): b for e, b in group if "RECURRENCE-ID" in e}
    try:
        instances = recurring_ical_events.of(series).between(
            window.first - timedelta(days=1), window.last + timedelta(days=2)
        )
    except Exception as error:  # the library raises its own kinds for a bad RRULE
        raise AgendaError(
            [
                _(
                    "%(where)s: the recurrence rule cannot be expanded (%(reason)s).",
                    where=where(Unit.LINE, block.line_of("RRULE")),
                    reason=str(error)[:120],
                )
            ]
        ) from None
    found = []
    for instance in instances:
        check_deadline()
        recurrence = instance.get("RECURRENCE-ID")
        moment = recurrence.dt if recurrence else instance.get("DTSTART").dt
        uid = clean(instance.get("UID"))
        derived = f"{uid}/{_instant_text(moment, window.zone)}" if uid else None
        where_block = lines.get(_instant_key(moment), block)
        found.extend(_rows(instance, where_block, derived, window, kinds))
    if found:
        reading.rows.extend(sorted(found, key=lambda row: row.starts_at))
    else:
        reading.skipped.append(_outside(master, block))


def _check_expansion(
    event: Component, block: Block, rules: list, window: _Window, most: int
) -> None:
    """Refuse a rule that would give more than `most` events more, before expanding it."""
    here = where(Unit.LINE, block.line_of("RRULE"))
    if any(len(r.get("BYSECOND", [])) > 1 for r in rules):
        raise AgendaError(
            [
                _(
                    "%(where)s: an event repeating every minute or second is not an agenda.",
                    where=here,
                )
            ]
        )
    start = event.get("DTSTART")
    if start is None or not isinstance(start.dt, date):
        return  # refused by _check already
    for rule in rules:
        try:
            excess = rule_excess(rule.to_ical(), start.dt, window.first, window.last, most)
        except (ValueError, TypeError, OverflowError) as error:
            raise AgendaError(
                [
                    _(
                        "%(where)s: the recurrence rule cannot be expanded (%(reason)s).",
                        where=here,
                        reason=str(error)[:120],
                    )
                ]
            ) from None
        if excess is Excess.TOO_MANY:
            raise AgendaError(
                [
                    _(
                        "%(where)s: with this event the file holds more than %(max)d events "
                        "within the visit; at most %(max)d are imported at once.",
                        where=here,
                        max=MAX_EVENTS,
                    )
                ]
            )
        if excess is Excess.TOO_FAR:
            raise AgendaError(
                [
                    _(
                        "%(where)s: the series starts too long before the visit for how often "
                        "it repeats; export only the visit's days.",
                        where=here,
                    )
                ]
            )


def _check(event: Component, block: Block) -> None:
    """Refuse what cannot be read: broken values, no start, an unknown zone, no title."""
    problems = []
    for name, reason in event.errors:
        problems.append(
            _(
                "%(where)s: %(name)s cannot be read (%(reason)s).",
                where=where(Unit.LINE, block.line_of(str(name).upper())),
                name=name,
                reason=str(reason)[:120],
            )
        )
    if problems:
        raise AgendaError(problems)
    if "DTSTART" not in event:
        problems.append(
            _("%(where)s: the event has no start (DTSTART).", where=where(Unit.LINE, block.line))
        )
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = event.get(name)
        if prop is None:
            continue
        value, zone_id = prop.dt, prop.params.get("TZID")
        if not isinstance(value, date):  # a time alone, a period, a duration
            problems.append(
                _(
                    "%(where)s: %(name)s must be a date or a date and time.",
                    where=where(Unit.LINE, block.line_of(name)),
                    name=name,
                )
            )
        elif zone_id and isinstance(value, datetime) and value.tzinfo is None:
            problems.append(
                _(
                    "%(where)s: unknown time zone “%(zone)s” (TZID) and no VTIMEZONE defines it.",
                    where=where(Unit.LINE, block.line_of(name)),
                    zone=zone_id,
                )
            )
    if not clean(event.get("SUMMARY")):
        problems.append(
            _("%(where)s: the event has no title (SUMMARY).", where=where(Unit.LINE, block.line))
        )
    if problems:
        raise AgendaError(problems)


def _rows(event, block: Block, uid: str | None, window: _Window, kinds) -> list[DraftRow]:
    """The draft rows of one event or instance that fall within the visit's days."""
    start = event.get("DTSTART").dt
    end = _end(event, start)
    here = where(Unit.LINE, block.line)
    title = one_line(event.get("SUMMARY"))
    venue = one_line(event.get("LOCATION")) or None
    people = _attendees(event)
    problems = length_problems(here, title, venue, people)
    if uid and len(uid) > MAX_UID:
        problems.append(
            _("%(where)s: the UID is longer than %(max)d characters.", where=here, max=MAX_UID)
        )
    if problems:
        raise AgendaError(problems)
    kind = _kind(event, kinds)
    status = STATUSES.get(clean(event.get("STATUS")).upper(), EventStatus.TENTATIVE)
    notes = clean(event.get("DESCRIPTION")) or None

    def row(
        uid: str | None, starts_at: datetime, ends_at: datetime, all_day: bool = False
    ) -> DraftRow:
        return DraftRow(
            unit=Unit.LINE,
            position=block.line,
            uid=uid,
            starts_at=starts_at,
            ends_at=ends_at,
            title=title,
            kind=kind,
            status=status,
            all_day=all_day,
            venue=venue,
            participants=people,
            notes=notes,
        )

    if not isinstance(start, datetime):
        end = end.date() if isinstance(end, datetime) else end
        days = max((end - start).days, 1)
        rows = []
        for offset in range(days):
            day = start + timedelta(days=offset)
            if not window.first <= day <= window.last:
                continue
            day_uid = uid if days == 1 or uid is None else f"{uid}/{day:%Y%m%d}"
            rows.append(
                row(
                    day_uid,
                    to_utc(day, time(0), window.zone),
                    to_utc(day + timedelta(days=1), time(0), window.zone),
                    all_day=True,
                )
            )
        return rows
    assert isinstance(end, datetime)  # _end gives a time for a start at a time
    starts_at, ends_at = _moment(start, window.zone), _moment(end, window.zone)
    codes = {
        p.code
        for p in event_time_problems(starts_at, ends_at, window.first, window.last, window.zone)
    }
    if "ends_before_start" in codes:
        raise AgendaError(
            [
                _(
                    "%(where)s: the event must end after it starts.",
                    where=where(Unit.LINE, block.line_of("DTEND")),
                )
            ]
        )
    if "outside_visit" in codes:
        return []
    return [row(uid, starts_at, ends_at)]


def _end(event: Component, start: date | datetime) -> date | datetime:
    """DTEND, else DTSTART + DURATION, else the default: a day for a date, nothing for a time."""
    if "DTEND" in event:
        end = event.get("DTEND").dt
        if isinstance(start, datetime) and not isinstance(end, datetime):
            end = datetime.combine(end, time(0), start.tzinfo)
        return end
    if "DURATION" in event:
        return start + event.get("DURATION").dt
    return start if isinstance(start, datetime) else start + timedelta(days=1)


def _moment(value: datetime, zone_name: str) -> datetime:
    """An aware UTC moment; a floating time is a wall-clock time in the visit's zone."""
    if value.tzinfo is None:
        return to_utc(value.date(), value.time(), zone_name)
    return value.astimezone(UTC)


def _instant_key(value: date | datetime) -> str:
    """RECURRENCE-ID of a changed instance, comparable to an instance's (zone-independent)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%dT%H%M%S" if isinstance(value, datetime) else "%Y%m%d")


def _instant_text(value: date | datetime, zone_name: str) -> str:
    """The recurrence instant in UTC (floating times read in the visit's zone), or the day."""
    if isinstance(value, datetime):
        return _moment(value, zone_name).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _attendees(event: Component) -> tuple[str, ...]:
    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    names: list[str] = []
    for attendee in attendees:
        name = one_line(attendee.params.get("CN"))
        if name and name.casefold() not in {known.casefold() for known in names}:
            names.append(name)
    return tuple(names)


def _kind(event: Component, kinds) -> EventKind:
    """The first category that names an event kind; a meeting when none does."""
    categories = event.get("CATEGORIES") or []
    if not isinstance(categories, list):
        categories = [categories]
    for prop in categories:
        for category in getattr(prop, "cats", [prop]):
            kind = find_kind(str(category), kinds) if clean(category) else None
            if kind is not None:
                return kind
    return EventKind.MEETING


def _outside(event: Component, block: Block) -> Skipped:
    return Skipped(
        Unit.LINE, block.line, clean(event.get("SUMMARY")), _("outside the dates of the visit")
    )
