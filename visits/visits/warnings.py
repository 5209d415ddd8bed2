"""Conflicts put into words: each warning names the people, events and minutes involved
and links to them."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from visits.i18n import current_language
from visits.models import Event, Organization, Person, Venue, Visit
from visits.scheduling import conflicts as c
from visits.scheduling.timezones import to_local
from visits.visits.conflict_cache import cached_conflicts


@dataclass(frozen=True)
class WarningView:
    code: str
    message: str
    links: tuple[tuple[str, str], ...]
    event_ids: tuple[int, ...]


class Names:
    """Names and links of what some warnings mention, read once for all of them: each
    warning then costs lookups only, however many people the visit has."""

    def __init__(self, session: Session, visit: Visit, conflicts: Iterable[c.Conflict]) -> None:
        lang = current_language()
        events: set[int] = set()
        people: set[int] = set()
        groups: set[int] = set()
        venues: set[int] = set()
        for conflict in conflicts:
            events.update(conflict.event_ids)
            venues.update(conflict.venue_ids)
            if conflict.person_id is not None:
                people.add(conflict.person_id)
            if conflict.group_id is not None:
                groups.add(conflict.group_id)
        self.visit, self.lang = visit, lang
        # Plain columns, no record objects: a visit's warnings may mention hundreds of each.
        self.events = {
            row.id: row
            for row in _rows(session, Event.id, Event.title, Event.starts_at, ids=events)
        }
        self.people = _names(session, Person.id, Person.full_name, people, lang)
        self.groups = _names(session, Organization.id, Organization.name, groups, lang)
        self.venues = _names(session, Venue.id, Venue.name, venues, lang)
        self._labels: dict[int, str] = {}
        self._links: dict[tuple[str, int], str] = {}

    def event(self, event_id: int) -> str:
        label = self._labels.get(event_id)
        if label is None:
            event = self.events[event_id]
            start = to_local(event.starts_at, self.visit.timezone)
            label = f"«{event.title.get(self.lang)}» ({start:%d.%m %H:%M})"
            self._labels[event_id] = label
        return label

    def _url(self, endpoint: str, argument: str, record_id: int) -> str:
        url = self._links.get((endpoint, record_id))
        if url is None:
            arguments: dict[str, Any] = {argument: record_id}
            url = self._links[endpoint, record_id] = url_for(endpoint, **arguments)
        return url

    def who(self, conflict: c.Conflict) -> str:
        if conflict.person_id is not None:
            return self.people.get(conflict.person_id, f"#{conflict.person_id}")
        if conflict.group_id is not None:
            return self.groups.get(conflict.group_id, f"#{conflict.group_id}")
        return ""

    def links(self, conflict: c.Conflict) -> tuple[tuple[str, str], ...]:
        links = [
            (self.event(e), self._url("events.edit", "event_id", e)) for e in conflict.event_ids
        ]
        if conflict.person_id is not None:
            url = self._url("people.edit", "person_id", conflict.person_id)
            links.append((self.who(conflict), url))
        if conflict.group_id is not None:
            url = self._url("organizations.edit", "organization_id", conflict.group_id)
            links.append((self.who(conflict), url))
        for venue_id in conflict.venue_ids:
            url = self._url("venues.edit", "venue_id", venue_id)
            links.append((self.venues.get(venue_id, ""), url))
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


def _rows(session: Session, key: Any, *columns: Any, ids: set[int]) -> Iterable[Any]:
    return session.execute(select(key, *columns).where(key.in_(ids))) if ids else ()


def _names(session: Session, key: Any, name: Any, ids: set[int], lang: str) -> dict[int, str]:
    return {record_id: text.get(lang) for record_id, text in _rows(session, key, name, ids=ids)}


def _message(conflict: c.Conflict, names: Names, who: str) -> str:
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


def same_problem(conflict: c.Conflict) -> tuple:
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


def describe(
    names: Names, conflicts: Iterable[c.Conflict], with_links: bool = True
) -> list[WarningView]:
    """One warning per distinct problem: people in the same situation (three members
    sharing a late arrival, two guests with the same short transfer) are named together.
    `names` must know what `conflicts` mention; `with_links=False`: no links (the API)."""
    grouped: dict[tuple, list[c.Conflict]] = {}
    for conflict in conflicts:
        grouped.setdefault(same_problem(conflict), []).append(conflict)
    views = []
    for same in grouped.values():
        who = ", ".join(dict.fromkeys(w for k in same if (w := names.who(k))))
        links = (
            tuple(dict.fromkeys(link for k in same for link in names.links(k)))
            if with_links
            else ()
        )
        views.append(
            WarningView(same[0].code, _message(same[0], names, who), links, same[0].event_ids)
        )
    return views


def warnings_of(session: Session, visit: Visit, conflicts: list[c.Conflict]) -> list[WarningView]:
    """`conflicts` of `visit` put into words."""
    return describe(Names(session, visit, conflicts), conflicts)


def visit_warnings(session: Session, visit: Visit) -> list[WarningView]:
    """Every warning of a visit (its conflicts from the per-visit cache)."""
    found = cached_conflicts(session, visit.id, loaded=visit)
    return warnings_of(session, visit, list(found.conflicts) if found else [])


def event_warnings(session: Session, event_id: int, visit_id: int) -> list[WarningView]:
    """The warnings of a visit that involve one of its events."""
    found = cached_conflicts(session, visit_id)
    visit = session.get(Visit, visit_id)
    if found is None or visit is None:
        return []
    return warnings_of(session, visit, [k for k in found.conflicts if event_id in k.event_ids])
