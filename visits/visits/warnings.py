"""Conflicts put into words: each warning names the people, events and minutes involved
and links to them."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from visits.i18n import current_language
from visits.models import Visit
from visits.scheduling import conflicts as c
from visits.scheduling.timezones import to_local
from visits.visits.conflicts import visit_conflicts
from visits.visits.queries import visit_page


@dataclass(frozen=True)
class WarningView:
    code: str
    message: str
    links: tuple[tuple[str, str], ...]
    event_ids: tuple[int, ...]


class _Names:
    """Names and links of everything a visit's warnings can mention."""

    def __init__(self, visit: Visit) -> None:
        lang = current_language()
        self.visit = visit
        self.events = {e.id: e for e in visit.events}
        self.people: dict[int, str] = {}
        self.groups: dict[int, str] = {}
        self.venues = {e.venue_id: e.venue.name.get(lang) for e in visit.events if e.venue}
        members = visit.delegation.members if visit.delegation else []
        for who in [p for e in visit.events for p in e.participants] + list(members):
            if who.person_id and who.person is not None:
                self.people[who.person_id] = who.person.full_name.get(lang)
            if who.organization_id and who.organization is not None:
                self.groups[who.organization_id] = who.organization.name.get(lang)
        self.lang = lang

    def event(self, event_id: int) -> str:
        event = self.events[event_id]
        start = to_local(event.starts_at, self.visit.timezone)
        return f"«{event.title.get(self.lang)}» ({start:%d.%m %H:%M})"

    def who(self, conflict: c.Conflict) -> str:
        if conflict.person_id is not None:
            return self.people.get(conflict.person_id, f"#{conflict.person_id}")
        if conflict.group_id is not None:
            return self.groups.get(conflict.group_id, f"#{conflict.group_id}")
        return ""

    def links(self, conflict: c.Conflict) -> tuple[tuple[str, str], ...]:
        links = [(self.event(e), url_for("events.edit", event_id=e)) for e in conflict.event_ids]
        if conflict.person_id is not None:
            links.append((self.who(conflict), url_for("people.edit", person_id=conflict.person_id)))
        if conflict.group_id is not None:
            url = url_for("organizations.edit", organization_id=conflict.group_id)
            links.append((self.who(conflict), url))
        for venue_id in conflict.venue_ids:
            links.append((self.venues.get(venue_id, ""), url_for("venues.edit", venue_id=venue_id)))
        return tuple(links)


TEXTS = {
    c.PERSON_OVERLAP: _l(
        "%(who)s is in two places at once: %(a)s and %(b)s overlap by %(minutes)d min."
    ),
    c.GROUP_OVERLAP: _l("%(who)s is booked twice: %(a)s and %(b)s overlap by %(minutes)d min."),
    c.VENUE_OVERLAP: _l(
        "%(venue)s is booked twice: %(a)s and %(b)s overlap by %(minutes)d min, "
        "and a hall holds one event at a time."
    ),
    c.VENUE_OVER_CAPACITY: _l(
        "%(venue)s holds %(limit)d, but %(count)d are expected at once: %(all)s."
    ),
    c.TRAVEL_TOO_SHORT: _l(
        "%(who)s has %(minutes)d min to get from %(venue)s to %(to)s "
        "between %(a)s and %(b)s; the trip takes about %(required)d min."
    ),
    c.BEFORE_ARRIVAL: _l("%(who)s has not arrived yet at %(a)s: %(minutes)d min too early."),
    c.AFTER_DEPARTURE: _l(
        "%(who)s has already left by the end of %(a)s: %(minutes)d min too late."
    ),
    c.OUTSIDE_VISIT: _l("%(a)s falls outside the dates of the visit."),
    c.NO_STAY: _l("%(who)s: in town for %(nights)s but no accommodation is booked."),
}


def _message(conflict: c.Conflict, names: _Names, who: str) -> str:
    events = [names.event(e) for e in conflict.event_ids]
    first, second = [*events, "", ""][:2]
    venues = [*(names.venues.get(v, "") for v in conflict.venue_ids), "", ""]
    args = {
        "who": who,
        "nights": ngettext("%(num)d night", "%(num)d nights", abs(conflict.minutes or 0)),
        "a": first,
        "b": second,
        "all": ", ".join(events),
        "minutes": conflict.minutes or 0,
        "required": conflict.required_minutes or 0,
        "venue": venues[0],
        "to": venues[1],
        "count": conflict.count or 0,
        "limit": conflict.limit or 0,
    }
    if conflict.code == c.VENUE_OVER_CAPACITY and len(conflict.event_ids) == 1:
        return _("%(venue)s holds %(limit)d, but %(a)s brings %(count)d.", **args)
    if conflict.code == c.STAY_MISMATCH:
        if conflict.boundary == c.ARRIVAL:
            return _("%(who)s: the check-in date does not match the arrival date.", **args)
        return _("%(who)s: the check-out date does not match the departure date.", **args)
    return str(TEXTS[conflict.code]) % args


def _same(conflict: c.Conflict) -> tuple:
    """What a warning says apart from whom it concerns."""
    return (
        conflict.code,
        conflict.event_ids,
        conflict.venue_ids,
        conflict.minutes,
        conflict.required_minutes,
        conflict.count,
        conflict.limit,
        conflict.boundary,
    )


def describe(visit: Visit, conflicts: list[c.Conflict]) -> list[WarningView]:
    """One warning per distinct problem: people in the same situation (three members
    sharing a late arrival, two guests with the same short transfer) are named together."""
    names = _Names(visit)
    grouped: dict[tuple, list[c.Conflict]] = {}
    for conflict in conflicts:
        grouped.setdefault(_same(conflict), []).append(conflict)
    views = []
    for same in grouped.values():
        who = ", ".join(dict.fromkeys(names.who(k) for k in same if names.who(k)))
        links = tuple(dict.fromkeys(link for k in same for link in names.links(k)))
        views.append(
            WarningView(same[0].code, _message(same[0], names, who), links, same[0].event_ids)
        )
    return views


def visit_warnings(session, visit: Visit) -> list[WarningView]:
    """The warnings of a visit loaded with `queries.visit_page`."""
    return describe(visit, visit_conflicts(session, visit))


def event_warnings(session, event_id: int, visit_id: int) -> list[WarningView]:
    """The warnings of a visit that involve one of its events."""
    visit = session.scalar(visit_page(visit_id))
    return [w for w in visit_warnings(session, visit) if event_id in w.event_ids]
