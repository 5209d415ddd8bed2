"""Checks across the records of a visit document: keys that name records of the document,
one record of each key, times and dates in order. Each problem is one "path: message"."""

from collections import Counter
from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from visits.exports.visit_document import MOVEMENT_KEY
from visits.imports.schema import SnapshotSchema, flatten

Data = dict[str, Any]


class _Problems(list):
    def add(self, path: str, message: str) -> None:
        self.append(f"{path}: {message}")


def _keys(records: list[Data], path: str, problems: _Problems) -> set[str]:
    counts = Counter(record["key"] for record in records)
    for index, record in enumerate(records):
        if counts[record["key"]] > 1:
            problems.add(
                f"{path}[{index}].key", _("the key «%(key)s» is used twice", key=record["key"])
            )
    return set(counts)


def _refer(
    value: str | None, known: set[str], path: str, problems: _Problems, *, required=False
) -> None:
    if value is None:
        if required:
            problems.add(path, _("a value is required"))
    elif value not in known:
        problems.add(path, _("«%(key)s» names no record of the document", key=value))


def _person_or_group(
    record: Data, path: str, people: set[str], groups: set[str], problems: _Problems
) -> None:
    if (record["person"] is None) == (record["organization"] is None):
        problems.add(path, _("give either a person or an organization, not both"))
    _refer(record["person"], people, f"{path}.person", problems)
    _refer(record["organization"], groups, f"{path}.organization", problems)


def _unique(values: Iterable[Any], path: str, problems: _Problems, message: Any) -> None:
    """A problem for each value seen before; `message` is lazy: translated only when said."""
    seen = set()
    for index, value in enumerate(values):
        if value is not None and value in seen:
            problems.add(path.format(index=index), message)
        seen.add(value)


def reference_problems(document: Data) -> list[str]:
    """Every problem between the document's records (an empty list: none)."""
    problems = _Problems()
    groups = _keys(document["organizations"], "organizations", problems)
    people = _keys(document["people"], "people", problems)
    venues = _keys(document["venues"], "venues", problems)
    movements = _keys(document["movements"], "movements", problems)
    delegation = document["delegation"]
    members = _keys(delegation["members"], "delegation.members", problems) if delegation else set()

    for index, person in enumerate(document["people"]):
        _refer(person["organization"], groups, f"people[{index}].organization", problems)

    visit = document["visit"]
    _refer(visit["host_organization"], groups, "visit.host_organization", problems)
    _refer(visit["liaison_officer"], people, "visit.liaison_officer", problems)
    if visit["end_date"] < visit["start_date"]:
        problems.add("visit.end_date", _("the visit ends before it starts"))

    if delegation:
        for index, member in enumerate(delegation["members"]):
            _person_or_group(member, f"delegation.members[{index}]", people, groups, problems)
        listed = delegation["members"]
        again = _l("listed twice in the delegation")
        path = "delegation.members[{index}]"
        _unique((m["person"] for m in listed), path + ".person", problems, again)
        _unique((m["organization"] for m in listed), path + ".organization", problems, again)

    for index, travel in enumerate(document["travel_times"]):
        path = f"travel_times[{index}].venues"
        pair = travel["venues"]
        if len(pair) != 2 or pair[0] == pair[1]:
            problems.add(path, _("must name two different venues"))
        for position, venue in enumerate(pair):
            _refer(venue, venues, f"{path}[{position}]", problems)
    _unique(
        (frozenset(t["venues"]) for t in document["travel_times"]),
        "travel_times[{index}].venues",
        problems,
        _l("this pair of venues is given twice"),
    )

    _unique(
        (e["uid"] for e in document["events"]),
        "events[{index}].uid",
        problems,
        _l("another event of the document has this UID"),
    )
    for index, event in enumerate(document["events"]):
        path = f"events[{index}]"
        if event["ends_at"] <= event["starts_at"]:
            problems.add(f"{path}.ends_at", _("the event ends before it starts"))
        _refer(event["venue"], venues, f"{path}.venue", problems)
        _refer(event["responsible"], people, f"{path}.responsible", problems)
        for position, participant in enumerate(event["participants"]):
            _person_or_group(
                participant, f"{path}.participants[{position}]", people, groups, problems
            )

    for index, movement in enumerate(document["movements"]):
        _refer(movement["member"], members, f"movements[{index}].member", problems)
        _refer(movement["venue"], venues, f"movements[{index}].venue", problems)

    for index, stay in enumerate(document["stays"]):
        _refer(stay["member"], members, f"stays[{index}].member", problems)
        _refer(stay["hotel"], venues, f"stays[{index}].hotel", problems, required=True)
        if stay["check_out"] <= stay["check_in"]:
            problems.add(f"stays[{index}].check_out", _("the stay ends before it starts"))

    _unique(
        (r["number"] for r in document["revisions"]),
        "revisions[{index}].number",
        problems,
        _l("another revision of the document has this number"),
    )
    for index, revision in enumerate(document["revisions"]):
        _snapshot(revision["snapshot"], f"revisions[{index}].snapshot", movements, problems)
    return list(problems)


def _snapshot(snapshot: Data, path: str, movements: set[str], problems: _Problems) -> None:
    """A snapshot is kept as it is; what the programme pages read of it must be readable."""
    errors = SnapshotSchema().validate(snapshot)
    if errors:
        problems.extend(flatten(errors, path))
        return
    for index, row in enumerate(snapshot["rows"]):
        if MOVEMENT_KEY.match(row["key"]) and row["key"] not in movements:
            problems.add(
                f"{path}.rows[{index}].key",
                _("«%(key)s» names no movement of the document", key=row["key"]),
            )
