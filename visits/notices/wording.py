"""The words of a notice: each change as one sentence in the holder's language, with its
times in the host's local time and in the holder's own. Called inside
`force_locale(language)`."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _

from visits.notices.changes import Change, ChangeKind
from visits.scheduling.timezones import to_local


@dataclass(frozen=True)
class Clocks:
    """The visit's zone, and the holder's home zone when its clock differs."""

    host: str
    home: str | None = None


def _day(day: date) -> str:
    return format_date(day, "d MMMM")


def _times(starts_at: datetime, ends_at: datetime, zone: str) -> tuple[str, str]:
    """(the day, "19:00" or "19:00–21:00") in `zone`."""
    start, end = to_local(starts_at, zone), to_local(ends_at, zone)
    hours = start.strftime("%H:%M")
    if end > start:
        hours += "–" + end.strftime("%H:%M")
        if end.date() != start.date():
            hours += f" ({_day(end.date())})"
    return _day(start.date()), hours


def _all_days(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    first = to_local(starts_at, zone).date()
    last = max(first, (to_local(ends_at, zone) - timedelta(microseconds=1)).date())
    if first == last:
        return _("%(date)s, all day", date=_day(first))
    return _("%(first)s to %(last)s, all day", first=_day(first), last=_day(last))


def when(starts_at: datetime, ends_at: datetime, all_day: bool, clocks: Clocks) -> str:
    """«22 апреля, 19:00–21:00 местного времени (20:00–22:00 по вашему времени)»."""
    if all_day:
        return _all_days(starts_at, ends_at, clocks.host)
    day, hours = _times(starts_at, ends_at, clocks.host)
    if clocks.home is None:
        return _("%(date)s, %(time)s local time", date=day, time=hours)
    home_day, home_hours = _times(starts_at, ends_at, clocks.home)
    if home_day == day:
        return _(
            "%(date)s, %(time)s local time (%(home_time)s your time)",
            date=day,
            time=hours,
            home_time=home_hours,
        )
    return _(
        "%(date)s, %(time)s local time (%(home_date)s, %(home_time)s your time)",
        date=day,
        time=hours,
        home_date=home_day,
        home_time=home_hours,
    )


def short_when(starts_at: datetime, all_day: bool, zone: str) -> str:
    """«22 апреля, 19:00»: for a subject line."""
    local = to_local(starts_at, zone)
    if all_day:
        return _day(local.date())
    return _("%(date)s, %(time)s", date=_day(local.date()), time=local.strftime("%H:%M"))


def _place(text: str) -> str:
    return text or _("no place given")


def lines(change: Change, clocks: Clocks) -> list[str]:
    """The sentences that tell one change."""
    old, new = change.before, change.after
    if change.kind is ChangeKind.REMOVED:
        assert old is not None
        moment = when(old.starts_at, old.ends_at, old.all_day, clocks)
        return [_("No longer in your programme: %(title)s, %(when)s.", title=old.summary,
                  when=moment)]  # fmt: skip
    assert new is not None
    moment = when(new.starts_at, new.ends_at, new.all_day, clocks)
    if change.kind is ChangeKind.CANCELLED:
        return [_("Cancelled: %(title)s, %(when)s.", title=new.summary, when=moment)]
    if change.kind is ChangeKind.ADDED:
        if new.location:
            return [_("New: %(title)s, %(when)s, %(place)s.", title=new.summary, when=moment,
                      place=new.location)]  # fmt: skip
        return [_("New: %(title)s, %(when)s.", title=new.summary, when=moment)]
    assert old is not None
    said = []
    if change.moved:
        before = when(old.starts_at, old.ends_at, old.all_day, clocks)
        said.append(_("Moved: %(title)s. Was: %(before)s. Now: %(after)s.", title=new.summary,
                      before=before, after=moment))  # fmt: skip
    if change.relocated:
        said.append(_("New place: %(title)s. Was: %(before)s. Now: %(after)s.",
                      title=new.summary, before=_place(old.location),
                      after=_place(new.location or "")))  # fmt: skip
    if not said:
        said.append(_("Details changed: %(title)s, %(when)s.", title=new.summary, when=moment))
    return said
