"""The office demo: a whole year's work of a protocol office, to measure the application on.

`flask --app wsgi demo --office` builds, from a fixed random seed (the same office on every
run), 100 visits, 20,000 events, about 182,000 participations, 2,000 people and about
2,690 calendar links. The first visit is the big one: ten days, a delegation of 40, 400
events, and on its first morning talks with 43 participants. Parallel tracks of each
delegation sometimes share a member or a hall: some conflicts, as in real programmes.

Rows go in with bulk Core inserts (no ORM objects), so nothing bumps `feed_version` on the
way: each visit is written at version 1, as if its last change was its creation. Only the
feed secrets are truly random (they guard the links), not drawn from the seed.
"""

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from visits.demo import office_words as words
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventParticipant,
    FeedToken,
    Organization,
    Person,
    Venue,
    Visit,
)
from visits.models.feed import new_token

SEED = 17
VISITS = 100
EVENTS = 20_000
PEOPLE = 2_000
BIG_DAYS = 10
BIG_EVENTS = 400
BIG_MEMBERS = 40
ZONE = "Asia/Almaty"
FIRST_DAY = date(2027, 4, 12)  # the big visit; the others before and after it
CREATED = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)


class OfficeRefused(Exception):
    """The database holds visits already and the caller did not say to add to them."""


@dataclass
class Office:
    """What was written: the counts, and the big visit with its links."""

    counts: dict[str, int] = field(default_factory=dict)
    big_visit_id: int = 0
    plenary_id: int = 0


def _loc(prefix: str, text: Sequence[str | None]) -> dict[str, str | None]:
    """The three columns of a LocalizedText named `prefix`."""
    return {f"{prefix}_ru": text[0], f"{prefix}_kk": text[1], f"{prefix}_en": text[2]}


def _same_keys(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with every key any of them has (None where missing): one statement then
    takes them all."""
    keys = dict.fromkeys(key for row in rows for key in row)
    return [{key: row.get(key) for key in keys} for row in rows]


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows` in one bulk statement; their new ids in the rows' order."""
    if not rows:
        return []
    rows = _same_keys(rows)
    table: Table = model.__table__
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    rows = _same_keys(rows)
    for start in range(0, len(rows), 20_000):
        session.execute(insert(model.__table__), rows[start : start + 20_000])


class _Builder:
    def __init__(self, session: Session, scale: float) -> None:
        self.session = session
        self.rng = random.Random(SEED)
        self.scale = scale
        self.office = Office()

    def n(self, count: int, least: int = 1) -> int:
        return max(least, round(count * self.scale))

    def uid(self) -> str:
        return f"{uuid.UUID(int=self.rng.getrandbits(128), version=4)}@visits"

    # People, organizations, venues ------------------------------------------------------

    def organizations(self) -> list[int]:
        rows = [
            {**_loc("name", name), "kind": "government", "country": "KZ", "version_id": 1}
            for name in words.HOST_ORGANIZATIONS
        ]
        return _insert(self.session, Organization, rows)

    def people(self, organizations: list[int]) -> tuple[list[int], list[int]]:
        """Guests (for delegations) and hosts (officials of the host side), 3 to 2."""
        total = self.n(PEOPLE, 100)
        hosts = total * 2 // 5
        guest_names = self.rng.sample(
            [
                (f, m, s)
                for f in words.GUEST_FIRST
                for m in words.GUEST_MIDDLE
                for s in words.GUEST_LAST
            ],
            total - hosts,
        )
        host_names = self.rng.sample(
            [(f, s) for f in words.HOST_FIRST for s in words.HOST_LAST], hosts
        )
        rows = [
            {
                **_loc(
                    "full_name",
                    (f"{f[0]} {m[0]} {s[0]}", f"{f[0]} {m[0]} {s[0]}", f"{f[1]} {m[1]} {s[1]}"),
                ),
                "languages": "ru",
                "version_id": 1,
            }
            for f, m, s in guest_names
        ]
        for i, (f, s) in enumerate(host_names):
            position = words.HOST_POSITIONS[min(i, len(words.HOST_POSITIONS) - 1)]
            if i >= len(words.HOST_POSITIONS):
                position = self.rng.choice(words.HOST_POSITIONS[2:])
            rows.append(
                {
                    **_loc("full_name", (f"{f[0]} {s[0]}", f"{f[1]} {s[1]}", f"{f[2]} {s[2]}")),
                    **_loc("position", position),
                    "organization_id": self.rng.choice(organizations),
                    "languages": "kk, ru",
                    "version_id": 1,
                }
            )
        ids = _insert(self.session, Person, rows)
        self.names = {pid: row["full_name_ru"] for pid, row in zip(ids, rows, strict=True)}
        return ids[: total - hosts], ids[total - hosts :]

    def venues(self) -> tuple[list[int], list[int]]:
        """The venues, and among them those where one event at a time is held."""
        rows = [
            {
                **_loc("name", name),
                **_loc("address", address),
                **_loc("city", words.CITY),
                "shared": shared,
                "capacity": 400 if shared else None,
                "version_id": 1,
            }
            for name, address, shared in words.VENUES
        ]
        for hall in range(1, words.HALLS + 1):
            rows.append(
                {
                    **_loc(
                        "name",
                        (
                            f"Зал заседаний № {hall}",
                            f"№ {hall} мәжіліс залы",
                            f"Meeting room {hall}",
                        ),
                    ),
                    **_loc("address", words.VENUES[0][1]),
                    **_loc("city", words.CITY),
                    "capacity": 60,
                    "shared": False,
                    "version_id": 1,
                }
            )
        ids = _insert(self.session, Venue, rows)
        return ids, [i for i, row in zip(ids, rows, strict=True) if not row["shared"]]

    # Visits ------------------------------------------------------------------------------

    def plan(self) -> list[tuple[date, int, int, int]]:
        """(first day, days, events, delegation size) of each visit, the big one first."""
        visits = self.n(VISITS)
        plans = [(FIRST_DAY, BIG_DAYS, self.n(BIG_EVENTS, 4), self.n(BIG_MEMBERS, 40))]
        others = visits - 1
        if others:
            weights = [self.rng.uniform(0.5, 1.5) for _ in range(others)]
            left = self.n(EVENTS) - plans[0][2]
            counts = [max(2, round(w / sum(weights) * left)) for w in weights]
            counts[-1] = max(2, counts[-1] + left - sum(counts))
            day = date(2025, 1, 13)
            for count in counts:
                days = max(2, min(10, round(count / 28)))
                plans.append((day, days, count, self.rng.randint(10, 40)))
                day += timedelta(days=days + self.rng.randint(3, 12))
                if (
                    day <= FIRST_DAY + timedelta(days=BIG_DAYS)
                    and day + timedelta(days=10) >= FIRST_DAY
                ):
                    day = FIRST_DAY + timedelta(days=BIG_DAYS + 3)
        return plans

    def build(self) -> Office:
        organizations = self.organizations()
        guests, hosts = self.people(organizations)
        venues, halls = self.venues()
        self.venue_names = {vid: row[0] for vid, row in zip(venues, words.VENUES, strict=False)}
        today = datetime.now(UTC).date()
        events = participations = links = 0
        for number, (first, days, count, size) in enumerate(self.plan()):
            made = self.visit(
                number,
                first,
                days,
                count,
                size,
                guests,
                hosts,
                venues,
                halls,
                organizations[0],
                today,
            )
            events += made[0]
            participations += made[1]
            links += made[2]
        self.office.counts = {
            "visits": self.n(VISITS),
            "events": events,
            "participations": participations,
            "people": len(guests) + len(hosts),
            "feed links": links,
        }
        return self.office

    def visit(
        self,
        number: int,
        first: date,
        days: int,
        count: int,
        size: int,
        guests: list[int],
        hosts: list[int],
        venues: list[int],
        halls: list[int],
        host_org: int,
        today: date,
    ) -> tuple[int, int, int]:
        rng = self.rng
        region = words.REGIONS[0] if number == 0 else rng.choice(words.REGIONS)
        nom, gen, kk, en, country, home = region
        delegation_id = _insert(
            self.session,
            Delegation,
            [
                {
                    **_loc("name", (f"Делегация {gen}", f"{kk} делегациясы", f"{en} delegation")),
                    **_loc("origin_region", (nom, kk, en)),
                    "origin_country": country,
                    "home_timezone": home,
                    "version_id": 1,
                }
            ],
        )[0]
        members = rng.sample(guests, min(size, len(guests)))
        member_roles = self.member_roles(len(members))
        _bulk(
            self.session,
            DelegationMember,
            [
                {
                    "delegation_id": delegation_id,
                    "person_id": person,
                    "role": role,
                    "precedence": i + 1,
                    "is_with_head": role in ("staff", "security"),
                }
                for i, (person, role) in enumerate(zip(members, member_roles, strict=True))
            ],
        )
        last = first + timedelta(days=days - 1)
        if last < today:
            status = "completed" if rng.random() > 0.05 else "cancelled"
        else:
            status = "confirmed" if number == 0 or rng.random() > 0.2 else "draft"
        visit_id = _insert(
            self.session,
            Visit,
            [
                {
                    **_loc(
                        "title",
                        (
                            f"Визит делегации {gen}",
                            f"{kk} делегациясының сапары",
                            f"Visit of the {en} delegation",
                        ),
                    ),
                    **_loc("city", words.CITY),
                    "delegation_id": delegation_id,
                    "host_organization_id": host_org,
                    "timezone": ZONE,
                    "start_date": first,
                    "end_date": last,
                    "status": status,
                    "feed_version": 1,
                    "feed_changed_at": CREATED,
                    "created_at": CREATED,
                    "updated_at": CREATED,
                    "version_id": 1,
                }
            ],
        )[0]
        if number == 0:
            self.office.big_visit_id = visit_id
        team = rng.sample(hosts, min(len(hosts), 40 if number == 0 else 30))
        events, participants = self.programme(
            visit_id, first, days, count, members, member_roles, team, venues, halls, number
        )
        links = self.links(visit_id, members, delegation_id, home, gen, venues)
        return events, participants, links

    @staticmethod
    def member_roles(size: int) -> list[str]:
        roles = ["head", "deputy_head", "deputy_head"] + ["member"] * max(0, size - 8)
        roles += ["interpreter", "press", "security", "staff", "staff"]
        return roles[:size]

    # Programme ---------------------------------------------------------------------------

    def programme(
        self,
        visit_id: int,
        first: date,
        days: int,
        count: int,
        members: list[int],
        roles: list[str],
        team: list[int],
        venues: list[int],
        halls: list[int],
        number: int,
    ) -> tuple[int, int]:
        """The events of a visit in parallel tracks (about ten members each), with the talks
        of the whole delegation on the first morning; returns (events, participations)."""
        rng = self.rng
        zone = ZoneInfo(ZONE)
        tracks = max(1, len(members) // 10)
        party = [members[i::tracks] for i in range(tracks)]
        rows: list[dict[str, Any]] = []
        people: list[list[tuple[int, str, str]]] = []

        def at(day: date, minutes: int) -> datetime:
            return datetime.combine(day, time(0), zone) + timedelta(minutes=minutes)

        role_of = dict(zip(members, roles, strict=True))

        def guest_role(person: int) -> str:
            return {"interpreter": "interpreter", "press": "press"}.get(role_of[person], "guest")

        plenary = [(p, guest_role(p), "guest") for p in members]
        plenary += [(h, "host" if i else "moderator", "host") for i, h in enumerate(team[:3])]
        rows.append(
            self.event_row(
                visit_id,
                "meeting",
                words.PLENARY,
                at(first, 570),
                at(first, 690),
                venues[0],
                "confirmed",
                "delegation",
            )
        )
        people.append(plenary)

        per_track_day = max(1, (count - 1) // (days * tracks) + 1)
        made = 1
        for day_index in range(days):
            day = first + timedelta(days=day_index)
            for track in range(tracks):
                clock = 720 if day_index == 0 else 480 + rng.choice((0, 30, 60))
                for _ in range(per_track_day):
                    if made >= count:
                        break
                    kind = rng.choices(
                        list(words.KIND_WEIGHTS), weights=list(words.KIND_WEIGHTS.values())
                    )[0]
                    length = {"transfer": rng.choice((20, 30, 40)), "meal": 60}.get(
                        kind, rng.choice((45, 60, 60, 90, 120))
                    )
                    venue = rng.choice(halls if kind == "meeting" else venues)
                    title = self.title(kind, venue)
                    status = rng.choices(
                        ("confirmed", "tentative", "cancelled"), weights=(85, 12, 3)
                    )[0]
                    visibility = rng.choices(
                        ("public", "delegation", "internal"), weights=(20, 70, 10)
                    )[0]
                    rows.append(
                        self.event_row(
                            visit_id,
                            kind,
                            title,
                            at(day, clock),
                            at(day, clock + length),
                            venue,
                            status,
                            visibility,
                        )
                    )
                    crowd = party[track]
                    guests = rng.sample(crowd, min(len(crowd), rng.randint(3, 8)))
                    if tracks > 1 and rng.random() < 0.03:  # someone in two places
                        other = party[(track + 1) % tracks]
                        guests.append(rng.choice(other))
                    chosen = [(p, guest_role(p), "guest") for p in dict.fromkeys(guests)]
                    chosen += [
                        (h, "host", "host")
                        for h in rng.sample(team, min(len(team), rng.randint(2, 5)))
                    ]
                    people.append(chosen)
                    made += 1
                    clock += length + rng.choice((0, 10, 15, 30))
        ids = _insert(self.session, Event, rows)
        if number == 0:
            self.office.plenary_id = ids[0]
        participations = [
            {
                "event_id": event_id,
                "person_id": person,
                "role": role,
                "side": side,
                "position": position,
            }
            for event_id, chosen in zip(ids, people, strict=True)
            for position, (person, role, side) in enumerate(chosen)
        ]
        _bulk(self.session, EventParticipant, participations)
        return len(ids), len(participations)

    def title(self, kind: str, venue: int) -> tuple[str, str, str]:
        template = self.rng.choice(words.TITLES[kind])
        org = self.rng.choice(words.HOST_ORGANIZATIONS[1:])
        place = self.venue_names.get(venue, words.VENUES[0][0])
        return (
            template[0].format(org=org[0], venue=place[0]),
            template[1].format(org=org[1], venue=place[1]),
            template[2].format(org=org[2], venue=place[2]),
        )

    def event_row(
        self,
        visit_id: int,
        kind: str,
        title: tuple[str, str, str],
        starts: datetime,
        ends: datetime,
        venue: int,
        status: str,
        visibility: str,
    ) -> dict[str, Any]:
        rng = self.rng
        ceremonial = kind in ("ceremony", "concert")
        return {
            "visit_id": visit_id,
            "uid": self.uid(),
            "sequence": (1 if status == "cancelled" else 0) + rng.choice((0, 0, 0, 1, 2)),
            "kind": kind,
            **_loc("title", title),
            **_loc("description", words.DESCRIPTION if rng.random() < 0.2 else (None,) * 3),
            **_loc("dress_code", words.DRESS_CODE if ceremonial else (None,) * 3),
            "starts_at": starts,
            "ends_at": ends,
            "venue_id": venue,
            "status": status,
            "status_before_cancel": "confirmed" if status == "cancelled" else None,
            "visibility": visibility,
            "created_at": CREATED,
            "updated_at": CREATED,
            "version_id": 1,
        }

    # Calendar links ----------------------------------------------------------------------

    def links(
        self,
        visit_id: int,
        members: list[int],
        delegation_id: int,
        home: str,
        gen: str,
        venues: list[int],
    ) -> int:
        """The delegation's feed of the visit, each member's own programme, and for some
        visits the feed of the delegation's hotel."""
        base = {
            "visit_id": visit_id,
            "home_timezone": home,
            "include_public": True,
            "include_travel": True,
            "delivery": "subscription",
            "created_at": CREATED,
        }
        rows = [{**base, "scope": "visit", "label": f"Делегация {gen}", "language": "ru"}]
        for person in members:
            language = self.rng.choices(("ru", "kk", "en"), weights=(80, 10, 10))[0]
            rows.append(
                {
                    **base,
                    "scope": "person",
                    "person_id": person,
                    "label": self.names[person],
                    "language": language,
                }
            )
        if self.rng.random() < 0.3:
            rows.append(
                {
                    **base,
                    "scope": "venue",
                    "venue_id": venues[1],
                    "label": "Гостиница",
                    "language": "ru",
                }
            )
        for row in rows:
            row["token"] = new_token()
        _bulk(self.session, FeedToken, rows)
        return len(rows)


def build_office(session: Session, scale: float = 1.0, force: bool = False) -> Office:
    """Write the office into the database of `session` (the caller commits). Refuses a
    database that holds visits already unless `force` is given."""
    if not force and session.scalar(select(func.count(Visit.id))):
        raise OfficeRefused(
            "The database already holds visits; the office demo was not loaded "
            "(--force adds it beside them)."
        )
    return _Builder(session, scale).build()
