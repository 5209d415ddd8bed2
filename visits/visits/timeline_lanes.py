"""What the day timeline draws of a visit: its lanes (people or venues) in order and the
items in them (events, and arrivals and departures shown as transfers)."""

from collections.abc import Iterable

from flask_babel import gettext as _

from visits.labels import label
from visits.logistics.forms import member_name
from visits.logistics.transfers import transfers
from visits.models import Side
from visits.scheduling import conflicts as c
from visits.scheduling.timeline import (
    BY_PERSON,
    BY_VENUE,
    Item,
    member_lane,
    person_lane_order,
    transfer_lanes,
    venue_lane,
)


def lanes_and_items(
    visit, events: Iterable, mode: str, lang: str, venues: Iterable = ()
) -> tuple[list[tuple[str, str]], list[Item]]:
    """(key, name) of the lanes in drawing order and the items drawn in them: `events` (the
    day's; loaded with their venues and participants), and the visit's arrivals and
    departures shown as transfers. People follow the order of
    precedence, the side the visit names first on top; venues go by name. By venue, the
    lanes of `venues` are drawn too, empty or not (those the page showed before a block
    left them, so that it can be dragged back)."""
    names: dict[str, str] = {}
    events = list(events)
    items = [*_event_items(events, mode, lang, names), *_transfer_items(visit, mode, lang, names)]
    if mode == BY_VENUE:
        for venue in venues:
            names.setdefault(venue_lane(venue.id), venue.name.get(lang))
        order = sorted(names, key=lambda k: (k == venue_lane(None), names[k].lower()))
    else:
        members = visit.delegation.members if visit.delegation else []
        appearances = [
            (member_lane(who.person_id, who.organization_id), who.side is Side.HOST)
            for event in events
            for who in event.participants
        ]
        order = person_lane_order(
            [member_lane(m.person_id, m.organization_id) for m in members],
            appearances,
            hosts_first=visit.hosts_first,
        )
    return [(key, names[key]) for key in order if key in names], items


def _event_items(events: list, mode: str, lang: str, names: dict[str, str]) -> list[Item]:
    """The events, each in its venue's lane or in the lanes of its participants; the names
    of these lanes go into `names`."""
    items = []
    for event in events:
        keys = []
        if mode == BY_VENUE:
            key = venue_lane(event.venue_id if event.venue else None)
            names[key] = event.venue.name.get(lang) if event.venue else "—"
            keys.append(key)
        else:
            for who in event.participants:
                key = member_lane(who.person_id, who.organization_id)
                names[key] = who.display_name.get(lang)
                keys.append(key)
        items.append(
            Item(
                event.id,
                event.starts_at,
                event.ends_at,
                event.title.get(lang),
                event.kind.value,
                tuple(keys),
                event.venue_id,
                event.is_cancelled,
                label=_("all day") if event.is_all_day else None,
            )
        )
    return items


def _transfer_items(visit, mode: str, lang: str, names: dict[str, str]) -> list[Item]:
    """Arrivals and departures shown as transfers, in the lanes of who travels (every
    member for the whole delegation) or of their venue; their lanes' names go into `names`."""
    members = visit.delegation.members if visit.delegation else []
    everyone = {member_lane(m.person_id, m.organization_id): m for m in members}
    items = []
    for transfer in transfers(visit.movements):
        movement, who = transfer.movement, transfer.movement.member
        own = member_lane(who.person_id, who.organization_id) if who else None
        venue = venue_lane(movement.venue_id) if movement.venue else None
        keys = transfer_lanes(mode, own, list(everyone), venue)
        for key in keys:
            if mode == BY_VENUE:
                names.setdefault(key, movement.venue.name.get(lang))
            else:
                names.setdefault(key, (who if key == own else everyone[key]).display_name.get(lang))
        items.append(
            Item(
                movement.id,
                transfer.starts_at,
                transfer.ends_at,
                _transfer_title(movement, mode, lang),
                movement.direction.value,
                keys,
                movement.venue_id,
                transfer=True,
            )
        )
    return items


def _transfer_title(movement, mode: str, lang: str) -> str:
    """«Arrival · flight S7 5271 · Airport», and by venue who travels."""
    place = movement.place.get(lang)
    venue = movement.venue.name.get(lang) if movement.venue else ""
    parts = [
        label(movement.direction),
        f"{label(movement.mode)} {movement.number or ''}".strip(),
        place,
        venue if venue != place else "",
        member_name(movement.member) if mode == BY_VENUE else "",
    ]
    return " · ".join(str(part) for part in parts if part)


def lane_of(conflict: c.Conflict, mode: str) -> str | None:
    """The lane a conflict concerns in this view, or None for every lane of its events."""
    if mode == BY_PERSON and (conflict.person_id, conflict.group_id) != (None, None):
        return member_lane(conflict.person_id, conflict.group_id)
    if mode == BY_VENUE and conflict.venue_ids and conflict.code != c.TRAVEL_TOO_SHORT:
        return venue_lane(conflict.venue_ids[0])
    return None
