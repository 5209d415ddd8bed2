"""A whole visit as a versioned JSON document, for moving it to another installation.

Pure: a loaded visit (and, optionally, the travel times known between venues) comes in, a
JSON-ready dict goes out. The document holds no database ids and no time of its own
making: records refer to each other by keys local to the document ("person-1"), numbered
in an order taken from their content, so exporting a visit, importing it into another
database and exporting it there gives the same document, byte for byte once serialized
with sorted keys.

Left out on purpose:
- feed tokens: each is a secret belonging to the installation that issued it; a visit
  moved elsewhere gets new links there;
- the audit log, staff accounts (a revision names its issuer by e-mail only) and the
  bookkeeping counters of records.

In the revision snapshots a movement is keyed by its database id ("movement-<id>"); the
document keys it by the movement's document key instead, and a movement deleted since the
revision was issued becomes "movement-removed-<n>".
"""

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from visits.languages import LANGUAGES
from visits.scheduling.revisions import iso_utc

FORMAT = "visits.visit"
VERSION = 1
MOVEMENT_KEY = re.compile(r"^movement-(\d+)$")
REMOVED_MOVEMENT = re.compile(r"^movement-removed-(\d+)$")

Data = dict[str, Any]


def texts(value: Any) -> dict[str, str | None]:
    """{"ru": ..., "kk": ..., "en": ...} of a LocalizedText; every variant is present."""
    return {lang: (getattr(value, lang, None) if value is not None else None) for lang in LANGUAGES}


def moment(value: datetime | None) -> str | None:
    return iso_utc(value) if value is not None else None


def day(value: date) -> str:
    return value.isoformat()


def coordinate(value: Decimal | None) -> float | None:
    """A latitude or longitude as a JSON number with at most six decimals (as stored)."""
    return float(Decimal(value).quantize(Decimal("0.000001"))) if value is not None else None


def _content_order(record: Data) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _number(key: str | None) -> tuple[str, int]:
    """A key as (kind, n), so that "person-10" sorts after "person-9"."""
    if key is None:
        return ("", 0)
    kind, _, n = key.rpartition("-")
    return (kind, int(n))


class _Keys:
    """Document keys of one kind of record, given in the order of their content."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.by_id: dict[int, str] = {}

    def assign(
        self,
        records: Iterable[Any],
        describe: Callable[[Any], Data],
        name: Callable[[Data], tuple[Any, ...]],
    ) -> list[Data]:
        """Describe each record once, sort by (name, content, id) and number them from 1.

        The id only separates records whose content is identical: an import creates them in
        document order, so the same one comes first again on the next export.
        """
        unique = {record.id: record for record in records if record is not None}
        described = [(describe(r), r) for r in unique.values()]
        described.sort(key=lambda dr: (name(dr[0]), _content_order(dr[0]), dr[1].id))
        out: list[Data] = []
        for n, (data, record) in enumerate(described, start=1):
            key = f"{self.prefix}-{n}"
            self.by_id[record.id] = key
            out.append({"key": key, **data})
        return out

    def __call__(self, record: Any | None) -> str | None:
        return self.by_id[record.id] if record is not None else None


def _name_order(field: str) -> Callable[[Data], tuple[str, ...]]:
    return lambda data: tuple(data[field][lang] or "" for lang in LANGUAGES)


def export_visit(visit: Any, travel_times: Iterable[Any] = ()) -> Data:
    """The whole visit as a JSON-ready dict (format "visits.visit", version 1).

    `travel_times` are TravelTime rows; those between two venues of the document are kept.
    The visit's relationships are read as loaded (load them eagerly to save queries).
    Feed tokens are not exported: they are secrets of this installation.
    """
    delegation = visit.delegation
    members = list(delegation.members) if delegation is not None else []
    events = list(visit.events)
    participants = [p for e in events for p in e.participants]

    people = [m.person for m in members] + [p.person for p in participants]
    people += [visit.liaison_officer, *(e.responsible for e in events)]
    people = [p for p in people if p is not None]
    groups = [m.organization for m in members] + [p.organization for p in participants]
    groups += [visit.host_organization, *(p.organization for p in people)]
    venues = [e.venue for e in events] + [m.venue for m in visit.movements]
    venues += [s.hotel for s in visit.stays]

    organization = _Keys("organization")
    person = _Keys("person")
    venue = _Keys("venue")
    member = _Keys("member")
    document: Data = {"format": FORMAT, "version": VERSION}
    document["organizations"] = organization.assign(groups, organization_data, _name_order("name"))
    document["people"] = person.assign(
        people, lambda p: person_data(p, organization), _name_order("full_name")
    )
    document["venues"] = venue.assign(venues, venue_data, _name_order("name"))
    document["travel_times"] = _travel_times(travel_times, venue)

    def who(record: Any) -> Data:
        return {"person": person(record.person), "organization": organization(record.organization)}

    if delegation is None:
        document["delegation"] = None
    else:
        document["delegation"] = {
            "name": texts(delegation.name),
            "origin_country": delegation.origin_country,
            "origin_region": texts(delegation.origin_region),
            "home_timezone": delegation.home_timezone,
            "members": member.assign(
                members,
                lambda m: {
                    **who(m),
                    "role": m.role.value,
                    "precedence": m.precedence,
                    "is_with_head": m.is_with_head,
                },
                lambda d: (d["precedence"], _number(d["person"]), _number(d["organization"])),
            ),
        }
    document["visit"] = _visit(visit, organization, person)
    document["events"] = [
        _event(e, venue, person, who) for e in sorted(events, key=lambda e: (e.starts_at, e.uid))
    ]
    movements = [(_movement(m, member, venue), m) for m in visit.movements]
    movements.sort(key=lambda dm: (dm[0]["at"], _content_order(dm[0]), dm[1].id))
    movement_keys = {}
    document["movements"] = []
    for n, (data, record) in enumerate(movements, start=1):
        movement_keys[record.id] = f"movement-{n}"
        document["movements"].append({"key": f"movement-{n}", **data})
    document["stays"] = sorted(
        (_stay(s, member, venue) for s in visit.stays),
        key=lambda d: (d["check_in"], d["check_out"], _content_order(d)),
    )
    document["revisions"] = _revisions(visit.revisions, movement_keys)
    return document


def to_json(document: Data) -> str:
    """The document as it is written to a file: JSON with sorted keys, indented by two,
    non-ASCII letters as they are (encode it as UTF-8)."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def organization_data(org: Any) -> Data:
    return {
        "name": texts(org.name),
        "kind": org.kind.value,
        "country": org.country,
        "notes": org.notes,
    }


def person_data(person: Any, organization: Callable[[Any], Any]) -> Data:
    return {
        "full_name": texts(person.full_name),
        "position": texts(person.position),
        "organization": organization(person.organization),
        "languages": person.languages,
        "phone": person.phone,
        "email": person.email,
        "notes": person.notes,
    }


def venue_data(venue: Any) -> Data:
    return {
        "name": texts(venue.name),
        "address": texts(venue.address),
        "city": texts(venue.city),
        "latitude": coordinate(venue.latitude),
        "longitude": coordinate(venue.longitude),
        "capacity": venue.capacity,
        "shared": venue.shared,
        "contact": venue.contact,
        "notes": venue.notes,
    }


def _travel_times(rows: Iterable[Any], venue: _Keys) -> list[Data]:
    out = []
    for row in rows:
        pair = [venue.by_id.get(row.from_venue_id), venue.by_id.get(row.to_venue_id)]
        if None not in pair:
            out.append({"venues": sorted(pair, key=_number), "minutes": row.minutes})
    return sorted(out, key=lambda d: [_number(k) for k in d["venues"]])


def _visit(visit: Any, organization: _Keys, person: _Keys) -> Data:
    revisions = list(visit.revisions)
    latest = revisions[-1].snapshot.get("feed_version") if revisions else None
    return {
        "title": texts(visit.title),
        "city": texts(visit.city),
        "timezone": visit.timezone,
        "start_date": day(visit.start_date),
        "end_date": day(visit.end_date),
        "status": visit.status.value,
        "occasion": texts(visit.occasion),
        "purpose": texts(visit.purpose),
        "topics": texts(visit.topics),
        "approved_by_name": texts(visit.approved_by_name),
        "approved_by_position": texts(visit.approved_by_position),
        "city_speed_kmh": visit.city_speed_kmh,
        "hosts_first": visit.hosts_first,
        "host_organization": organization(visit.host_organization),
        "liaison_officer": person(visit.liaison_officer),
        # Whether the programme changed after its latest revision (a print says "draft").
        "changed_since_revision": bool(revisions) and visit.feed_version != latest,
        "created_at": moment(visit.created_at),
        "updated_at": moment(visit.updated_at),
    }


def _event(event: Any, venue: _Keys, person: _Keys, who: Callable[[Any], Data]) -> Data:
    participants = [
        {**who(p), "role": p.role.value, "side": p.side.value, "position": p.position}
        for p in event.participants
    ]
    participants.sort(
        key=lambda d: (
            d["position"],
            d["side"],
            _number(d["person"]),
            _number(d["organization"]),
            d["role"],
        )
    )
    return {
        "uid": event.uid,
        "sequence": event.sequence,
        "kind": event.kind.value,
        "title": texts(event.title),
        "description": texts(event.description),
        "starts_at": moment(event.starts_at),
        "ends_at": moment(event.ends_at),
        "is_all_day": event.is_all_day,
        "venue": venue(event.venue),
        "status": event.status.value,
        "status_before_cancel": _value(event.status_before_cancel),
        "visibility": event.visibility.value,
        "dress_code": texts(event.dress_code),
        "notes": texts(event.notes),
        "internal_notes": event.internal_notes,
        "responsible": person(event.responsible),
        "vehicles": event.vehicles,
        "created_at": moment(event.created_at),
        "updated_at": moment(event.updated_at),
        "participants": participants,
    }


def _value(member: Any) -> Any:
    """An enum's stored value, or None."""
    return None if member is None else member.value


def _movement(movement: Any, member: _Keys, venue: _Keys) -> Data:
    return {
        "member": member(movement.member),
        "direction": movement.direction.value,
        "mode": movement.mode.value,
        "number": movement.number,
        "place": texts(movement.place),
        "venue": venue(movement.venue),
        "at": moment(movement.at),
        "show_as_transfer": movement.show_as_transfer,
        "notes": movement.notes,
    }


def _stay(stay: Any, member: _Keys, venue: _Keys) -> Data:
    return {
        "member": member(stay.member),
        "hotel": venue(stay.hotel),
        "check_in": day(stay.check_in),
        "check_out": day(stay.check_out),
        "notes": stay.notes,
    }


def _revisions(revisions: Iterable[Any], movement_keys: dict[int, str]) -> list[Data]:
    revisions = sorted(revisions, key=lambda r: r.number)
    rename = _snapshot_keys([r.snapshot for r in revisions], movement_keys)
    return [
        {
            "number": r.number,
            "issued_at": moment(r.issued_at),
            "issued_by": r.issued_by.email if r.issued_by is not None else None,
            "comment": r.comment,
            "snapshot": rekey_snapshot(r.snapshot, rename),
        }
        for r in revisions
    ]


def _snapshot_keys(snapshots: list[Data], movement_keys: dict[int, str]) -> dict[str, str]:
    """Snapshot row keys of movements → their document keys; a movement no longer in the
    visit gets "movement-removed-<n>", numbered after those already named so."""
    keys = [row.get("key") for s in snapshots for row in s.get("rows") or []]
    removed_numbers = (REMOVED_MOVEMENT.match(k) for k in keys if isinstance(k, str))
    taken = {int(match.group(1)) for match in removed_numbers if match}
    rename: dict[str, str] = {}
    removed = max(taken, default=0)
    for key in keys:
        match = MOVEMENT_KEY.match(key) if isinstance(key, str) else None
        if match is None or key in rename:
            continue
        known = movement_keys.get(int(match.group(1)))
        if known is None:
            removed += 1
            known = f"movement-removed-{removed}"
        rename[key] = known
    return rename


def rekey_snapshot(snapshot: Data, rename: dict[str, str]) -> Data:
    """A copy of a snapshot with the rows' keys renamed where `rename` says."""
    rows = snapshot.get("rows")
    if not isinstance(rows, list):
        return dict(snapshot)
    renamed = [
        {**row, "key": rename.get(row["key"], row["key"])}
        if isinstance(row, dict) and isinstance(row.get("key"), str)
        else row
        for row in rows
    ]
    return {**snapshot, "rows": renamed}
