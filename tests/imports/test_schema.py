"""Reading a visit document: every bad input gets a message naming where it is. No app."""

import copy
import json

import pytest

from visits.imports.reading import load_document, parse_json, read_document
from visits.imports.schema import DocumentError

LIMIT = 1024 * 1024


def texts(ru=None, kk=None, en=None) -> dict:
    return {"ru": ru, "kk": kk, "en": en}


def small_document() -> dict:
    """A valid document using every kind of record once."""
    return {
        "format": "visits.visit",
        "version": 1,
        "organizations": [
            {
                "key": "organization-1",
                "name": texts("Акимат"),
                "kind": "government",
                "country": "KZ",
                "notes": None,
            },
        ],
        "people": [
            {
                "key": "person-1",
                "full_name": texts("Ербол Нургалиев"),
                "position": texts(),
                "organization": "organization-1",
                "languages": "ru, kk",
                "phone": None,
                "email": None,
                "notes": None,
            },
        ],
        "venues": [
            {
                "key": "venue-1",
                "name": texts("Акимат"),
                "address": texts(),
                "city": texts(),
                "latitude": 49.948,
                "longitude": 82.6,
                "capacity": 50,
                "contact": None,
                "notes": None,
            },
            {
                "key": "venue-2",
                "name": texts("Гостиница"),
                "address": texts(),
                "city": texts(),
                "latitude": None,
                "longitude": None,
                "capacity": None,
                "shared": True,
                "contact": None,
                "notes": None,
            },
        ],
        "travel_times": [{"venues": ["venue-1", "venue-2"], "minutes": 10}],
        "delegation": {
            "name": texts("Делегация"),
            "origin_country": "RU",
            "origin_region": texts(),
            "home_timezone": "Asia/Barnaul",
            "members": [
                {
                    "key": "member-1",
                    "person": "person-1",
                    "organization": None,
                    "role": "head",
                    "precedence": 1,
                },
            ],
        },
        "visit": {
            "title": texts("Визит", None, "Visit"),
            "city": texts(),
            "timezone": "Asia/Almaty",
            "start_date": "2025-04-21",
            "end_date": "2025-04-22",
            "status": "draft",
            "occasion": texts(),
            "purpose": texts(),
            "topics": texts(),
            "city_speed_kmh": 30,
            "host_organization": "organization-1",
            "liaison_officer": "person-1",
            "changed_since_revision": False,
            "created_at": "2025-03-01T10:00:00+00:00",
            "updated_at": "2025-03-02T10:00:00+00:00",
        },
        "events": [
            {
                "uid": "a@visits",
                "sequence": 0,
                "kind": "meeting",
                "title": texts("Встреча"),
                "description": texts(),
                "starts_at": "2025-04-21T05:00:00+00:00",
                "ends_at": "2025-04-21T06:00:00+00:00",
                "venue": "venue-1",
                "status": "confirmed",
                "visibility": "delegation",
                "dress_code": texts(),
                "notes": texts(),
                "internal_notes": None,
                "responsible": "person-1",
                "vehicles": None,
                "created_at": "2025-03-01T10:00:00+00:00",
                "updated_at": "2025-03-01T10:00:00+00:00",
                "participants": [
                    {
                        "person": "person-1",
                        "organization": None,
                        "role": "host",
                        "side": "host",
                        "position": 1,
                    },
                ],
            },
        ],
        "movements": [
            {
                "key": "movement-1",
                "member": "member-1",
                "direction": "arrival",
                "mode": "flight",
                "number": "KC 1",
                "place": texts(),
                "venue": None,
                "at": "2025-04-21T02:00:00+00:00",
                "show_as_transfer": False,
                "notes": None,
            },
        ],
        "stays": [
            {
                "member": None,
                "hotel": "venue-2",
                "check_in": "2025-04-21",
                "check_out": "2025-04-22",
                "notes": None,
            },
        ],
        "revisions": [
            {
                "number": 1,
                "issued_at": "2025-04-01T10:00:00+00:00",
                "issued_by": None,
                "comment": None,
                "snapshot": {
                    "feed_version": 3,
                    "rows": [
                        {
                            "key": "movement-1",
                            "starts_at": "2025-04-21T02:00:00+00:00",
                            "ends_at": "2025-04-21T02:00:00+00:00",
                        },
                        {
                            "key": "a@visits",
                            "starts_at": "2025-04-21T05:00:00+00:00",
                            "ends_at": "2025-04-21T06:00:00+00:00",
                        },
                    ],
                },
            },
        ],
    }


def problems_of(document) -> list[str]:
    with pytest.raises(DocumentError) as error:
        load_document(document)
    return error.value.messages


def changed(path: str, value) -> dict:
    """The small document with the value at `path` ("events.0.ends_at") replaced; the
    value None with `...` removes the field instead."""
    document = copy.deepcopy(small_document())
    *parents, last = path.split(".")
    node = document
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is ...:
        del node[int(last) if last.isdigit() else last]
    else:
        node[int(last) if last.isdigit() else last] = value
    return document


def test_the_small_document_is_valid() -> None:
    document = read_document(json.dumps(small_document()).encode(), LIMIT)
    assert document["events"][0]["starts_at"].isoformat() == "2025-04-21T05:00:00+00:00"


def test_a_venue_is_a_hall_unless_the_document_says_it_is_a_shared_space() -> None:
    """Documents written before venues could be shared spaces leave the field out."""
    document = read_document(json.dumps(small_document()).encode(), LIMIT)
    assert [venue["shared"] for venue in document["venues"]] == [False, True]


def test_malformed_json_names_its_line_and_column() -> None:
    text = '{\n  "format": "visits.visit",\n  "version": 1,,\n}'
    with pytest.raises(DocumentError) as error:
        parse_json(text.encode(), LIMIT)
    (message,) = error.value.messages
    assert "line 3, column 16" in message


def test_a_file_that_is_not_utf8() -> None:
    with pytest.raises(DocumentError, match="UTF-8"):
        parse_json('{"a": "б"}'.encode("cp1251"), LIMIT)


def test_an_oversized_file_is_refused_before_reading() -> None:
    data = json.dumps(small_document()).encode()
    with pytest.raises(DocumentError, match="larger than 1 KB"):
        read_document(data, 1024)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ([1, 2], "not a visit document"),
        ({"format": "visits.agenda", "version": 1}, "not a visit document"),
        ({"format": "visits.visit", "version": 2}, "version 2 cannot be read"),
        ({"format": "visits.visit", "version": "1"}, 'version "1" cannot be read'),
        ({"format": "visits.visit"}, "version null cannot be read"),
    ],
)
def test_wrong_format_or_version(raw, words) -> None:
    (message,) = problems_of(raw)
    assert words in message


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("visit.timezone", "Asia/Atlantis", "visit.timezone: unknown time zone «Asia/Atlantis»"),
        ("delegation.home_timezone", "Mars/Base", "delegation.home_timezone: unknown time zone"),
        ("events.0.starts_at", ..., "events[0].starts_at: a value is required"),
        ("visit.title", ..., "visit.title: a value is required"),
        ("visit.title.ru", None, "visit.title.ru: must not be null"),
        ("visit.title.ru", "  ", "visit.title.ru: must not be empty"),
        ("events.0.kind", "party", "events[0].kind: must be one of: meeting, ceremony"),
        ("events.0.sequence", -1, "events[0].sequence: must be at least 0"),
        ("events.0.sequence", "1", "events[0].sequence: must be a whole number"),
        ("events.0.ends_at", "2025-04-21 06:00", "events[0].ends_at: must be a moment with"),
        ("events.0.ends_at", "tomorrow", "events[0].ends_at: must be a moment such as"),
        ("events.0.colour", "red", "events[0].colour: unknown field"),
        ("events.0.participants.0.side", "both", "events[0].participants[0].side: must be one"),
        ("visit.start_date", "21.04.2025", "visit.start_date: must be a date such as"),
        ("visit.city_speed_kmh", 0, "visit.city_speed_kmh: must be at least 1"),
        ("venues.0.latitude", 91, "venues[0].latitude: must be between -90 and 90"),
        ("venues.0.capacity", 0, "venues[0].capacity: must be at least 1"),
        ("organizations.0.country", "KAZ", "organizations[0].country: longer than 2 characters"),
        ("movements.0.show_as_transfer", "yes", "movements[0].show_as_transfer: must be true or"),
        ("venues.1.shared", "yes", "venues[1].shared: must be true or"),
        ("travel_times.0.minutes", 0, "travel_times[0].minutes: must be at least 1"),
        ("revisions.0.snapshot", [], "revisions[0].snapshot: must be an object"),
        ("events", {}, "events: must be a list"),
    ],
)
def test_a_bad_field_is_named(path, value, expected) -> None:
    problems = problems_of(changed(path, value))
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("events.0.venue", "venue-9", "events[0].venue: «venue-9» names no record"),
        ("people.0.organization", "organization-7", "people[0].organization: «organization-7»"),
        ("visit.liaison_officer", "venue-1", "visit.liaison_officer: «venue-1» names no record"),
        ("events.0.participants.0.person", "person-2", "events[0].participants[0].person:"),
        ("movements.0.member", "member-4", "movements[0].member: «member-4» names no record"),
        ("stays.0.hotel", "venue-5", "stays[0].hotel: «venue-5» names no record"),
        ("travel_times.0.venues", ["venue-1", "venue-1"], "travel_times[0].venues: must name"),
        ("venues.1.key", "venue-1", "venues[1].key: the key «venue-1» is used twice"),
        ("events.0.ends_at", "2025-04-21T04:00:00+00:00", "events[0].ends_at: the event ends"),
        ("events.0.ends_at", "2025-04-21T05:00:00+00:00", "events[0].ends_at: the event ends"),
        ("visit.end_date", "2025-04-20", "visit.end_date: the visit ends before it starts"),
        ("stays.0.check_out", "2025-04-21", "stays[0].check_out: the stay ends before"),
        ("revisions.0.snapshot.rows.0.key", "movement-3", "revisions[0].snapshot.rows[0].key"),
        ("revisions.0.snapshot.rows.1.starts_at", "soon", "revisions[0].snapshot.rows[1].starts"),
        (
            "events.0.participants.0.organization",
            "organization-1",
            "events[0].participants[0]: give either a person or an organization",
        ),
    ],
)
def test_a_broken_reference_or_order_is_named(path, value, expected) -> None:
    problems = problems_of(changed(path, value))
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_listed_at_once() -> None:
    document = changed("events.0.kind", "party")
    document["visit"]["timezone"] = "Nowhere"
    del document["stays"][0]["hotel"]
    problems = problems_of(document)
    assert len(problems) == 3
    assert [p.split(":")[0] for p in problems] == [
        "visit.timezone",
        "events[0].kind",
        "stays[0].hotel",
    ]


def test_two_events_with_one_uid() -> None:
    document = small_document()
    document["events"].append(copy.deepcopy(document["events"][0]))
    assert problems_of(document) == ["events[1].uid: another event of the document has this UID"]
