"""The demo visit: the facts of the seed report, loaded faithfully and idempotently."""

import json
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from flask.testing import FlaskCliRunner
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import select
from sqlalchemy.orm import Session

from visits.demo import demo_document, load_demo
from visits.extensions import db as _db
from visits.imports.importer import VisitDocumentImporter
from visits.imports.queries import visit_document
from visits.models import (
    EventKind,
    EventStatus,
    MemberRole,
    Organization,
    OrganizationKind,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
    Visit,
    VisitStatus,
)
from visits.scheduling.timezones import to_local

DAY = date(2025, 4, 21)


@pytest.fixture
def session(db: SQLAlchemy) -> Session:
    """The app's session (conftest's `app` runs each test on SQLite and on PostgreSQL)."""
    return db.session()


def dump(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    return {
        table.name: [
            tuple(row)
            for row in session.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in _db.metadata.sorted_tables
    }


def by_ru(session: Session, model: type[Any], ru: str) -> Any:
    field = "full_name" if model is Person else "name"
    return session.scalar(select(model).where(getattr(model, f"{field}_ru") == ru))


def test_loading_twice_changes_nothing(session: Session) -> None:
    first = load_demo(session)
    session.commit()
    before = dump(session)
    session.expire_all()

    second = load_demo(session)
    session.commit()
    session.expire_all()

    assert second.id == first.id
    assert dump(session) == before
    expected = {
        "visits": 1,
        "delegations": 1,
        "events": 3,
        "venues": 3,
        "people": 3,
        "organizations": 5,
        "delegation_members": 3,
        "event_participants": 7,
    }
    assert {name: len(before[name]) for name in expected} == expected


def test_demo_command_is_safe_to_repeat(runner: FlaskCliRunner, session: Session) -> None:
    for _ in range(2):
        result = runner.invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        assert "Визит делегации Алтайского края" in result.output
    assert len(session.scalars(select(Visit)).all()) == 1


def test_visit_facts(session: Session) -> None:
    visit = load_demo(session)
    session.commit()

    assert visit.title.ru == "Визит делегации Алтайского края в Восточно-Казахстанскую область"
    assert (visit.city.ru, visit.city.kk, visit.city.en) == (
        "Усть-Каменогорск",
        "Өскемен",
        "Ust-Kamenogorsk",
    )
    assert visit.timezone == "Asia/Almaty"
    assert visit.start_date == visit.end_date == DAY
    assert visit.status is VisitStatus.COMPLETED
    assert "«Во все века»" in visit.occasion.ru
    assert "80-летию Победы" in visit.occasion.ru
    for topic in ("промышленность", "туризм", "культура", "спорт"):
        assert topic in visit.topics.ru
    assert "приоритетные направления" in visit.purpose.ru
    host = visit.host_organization
    assert host is not None
    assert host.name.ru == "Акимат Восточно-Казахстанской области"
    assert (host.kind, host.country) == (OrganizationKind.GOVERNMENT, "KZ")


def test_delegation_and_people(session: Session) -> None:
    delegation = load_demo(session).delegation
    session.commit()

    assert delegation is not None
    assert delegation.name.ru == "Делегация Алтайского края"
    assert delegation.origin_country == "RU"
    assert delegation.origin_region.ru == "Алтайский край"
    assert delegation.home_timezone == "Asia/Barnaul"

    head, orchestra, ensemble = delegation.members
    assert [m.precedence for m in delegation.members] == [1, 2, 3]
    assert head.role is MemberRole.HEAD
    assert head.person is not None
    assert (head.person.full_name.ru, head.person.full_name.en) == (
        "Виталий Снесарь",
        "Vitaly Snesar",
    )
    assert head.person.position.ru == "Заместитель председателя правительства Алтайского края"
    assert head.person.organization is not None
    assert head.person.organization.name.ru == "Правительство Алтайского края"
    assert head.person.organization.country == "RU"
    for member, words in ((orchestra, "«Сибирь»"), (ensemble, "«Алтай»")):
        assert member.role is MemberRole.PERFORMER
        assert member.person_id is None
        assert member.organization is not None
        assert words in member.organization.name.ru
        assert (member.organization.kind, member.organization.country) == (
            OrganizationKind.ENSEMBLE,
            "RU",
        )

    akim = by_ru(session, Person, "Нурымбет Сактаганов")
    deputy = by_ru(session, Person, "Ербол Нургалиев")
    assert (akim.full_name.kk, akim.full_name.en) == ("Нұрымбет Сақтағанов", "Nurymbet Saktaganov")
    assert (deputy.full_name.kk, deputy.full_name.en) == ("Ербол Нұрғалиев", "Yerbol Nurgaliev")
    assert akim.position.ru == "Аким Восточно-Казахстанской области"
    assert deputy.position.ru == "Заместитель акима Восточно-Казахстанской области"
    assert (
        akim.organization.name.ru
        == deputy.organization.name.ru
        == ("Акимат Восточно-Казахстанской области")
    )

    soloists = by_ru(session, Organization, "Артисты-солисты из Казахстана")
    assert (soloists.kind, soloists.country) == (OrganizationKind.GROUP, "KZ")


def test_venues_have_no_invented_addresses(session: Session) -> None:
    load_demo(session)
    session.commit()

    venues = session.scalars(select(Venue)).all()
    assert {v.name.ru for v in venues} == {
        "Акимат Восточно-Казахстанской области",
        "Мемориальный комплекс погибших воинов и героев ВОВ «Победа»",
        "«Ертіс концерт»",
    }
    for venue in venues:
        assert venue.city.ru == "Усть-Каменогорск"
        assert not venue.address
        assert venue.latitude is None and venue.longitude is None
        assert venue.notes and "не указан" in venue.notes


def test_only_the_memorial_ground_is_a_shared_space(session: Session) -> None:
    """The wreath-laying is in the open, at the memorial; the akimat and the concert hall
    are rooms booked for one event at a time."""
    load_demo(session)
    session.commit()

    shared = {v.name.ru: v.shared for v in session.scalars(select(Venue))}
    assert shared == {
        "Акимат Восточно-Казахстанской области": False,
        "Мемориальный комплекс погибших воинов и героев ВОВ «Победа»": True,
        "«Ертіс концерт»": False,
    }


def test_events_in_order_on_the_day(session: Session) -> None:
    visit = load_demo(session)
    session.commit()
    session.expire_all()

    meeting, ceremony, concert = visit.events
    assert [e.kind for e in visit.events] == [
        EventKind.MEETING,
        EventKind.CEREMONY,
        EventKind.CONCERT,
    ]
    assert meeting.starts_at < ceremony.starts_at < concert.starts_at
    for event in visit.events:
        assert event.uid.startswith("demo-2025-04-21-")
        # The report gives no times: an assumed time is tentative, not confirmed.
        assert event.status is EventStatus.TENTATIVE
        assert event.ends_at > event.starts_at
        assert to_local(event.starts_at, "Asia/Almaty").date() == DAY
        assert to_local(event.ends_at, "Asia/Almaty").date() == DAY
        assert event.notes.ru == "Время в сообщении не указано; принято условно."

    assert meeting.visibility is Visibility.DELEGATION
    assert meeting.venue is not None and meeting.venue.name.ru.startswith("Акимат")
    assert "Сактаганов" in meeting.title.ru
    assert "«Наш общий дом — Алтай»" in meeting.description.ru
    assert ceremony.visibility is Visibility.PUBLIC
    assert "возложения цветов" in ceremony.title.ru
    assert concert.visibility is Visibility.PUBLIC
    assert concert.title.ru == "Концертная программа «Во все века»"
    assert concert.venue is not None and concert.venue.name.ru == "«Ертіс концерт»"


def test_concert_at_seven_in_almaty_is_two_in_utc(session: Session) -> None:
    concert = load_demo(session).events[-1]
    session.commit()

    assert to_local(concert.starts_at, "Asia/Almaty").time() == time(19, 0)
    assert concert.starts_at == datetime(2025, 4, 21, 14, 0, tzinfo=UTC)


def test_participants_by_side(session: Session) -> None:
    meeting, ceremony, concert = load_demo(session).events
    session.commit()

    def cast(event: Any, side: Side) -> list[tuple[int, str, ParticipantRole]]:
        return [
            (p.position, p.display_name.ru, p.role) for p in event.participants if p.side is side
        ]

    assert cast(meeting, Side.HOST) == [
        (1, "Нурымбет Сактаганов", ParticipantRole.HOST),
        (2, "Ербол Нургалиев", ParticipantRole.SPEAKER),
    ]
    assert cast(meeting, Side.GUEST) == [(1, "Виталий Снесарь", ParticipantRole.SPEAKER)]
    assert cast(ceremony, Side.GUEST) == [(1, "Виталий Снесарь", ParticipantRole.GUEST)]
    assert cast(ceremony, Side.HOST) == []
    guests = cast(concert, Side.GUEST)
    assert [role for _, _, role in guests] == [ParticipantRole.PERFORMER] * 2
    assert "«Сибирь»" in guests[0][1] and "«Алтай»" in guests[1][1]
    assert cast(concert, Side.HOST) == [
        (1, "Артисты-солисты из Казахстана", ParticipantRole.PERFORMER)
    ]


def test_the_demo_is_its_document_loaded_through_the_importer(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    plan, apply = VisitDocumentImporter.plan, VisitDocumentImporter.apply

    def spy_plan(self, session, upload):
        calls.append(upload.name)
        return plan(self, session, upload)

    monkeypatch.setattr(VisitDocumentImporter, "plan", spy_plan)
    monkeypatch.setattr(VisitDocumentImporter, "apply", apply)
    visit = load_demo(session)
    session.commit()
    assert calls == ["altai-krai-2025.json"]

    # Found by its events' UIDs the second time: nothing is planned, nothing changes.
    assert load_demo(session).id == visit.id
    assert calls == ["altai-krai-2025.json"]

    # The shipped document tells exactly the loaded visit (its times of making aside).
    exported = visit_document(session, visit.id)
    shipped = json.loads(demo_document().data)
    exported["visit"] |= {"created_at": None, "updated_at": None}
    for event in exported["events"]:
        event |= {"created_at": None, "updated_at": None}
    assert exported == shipped


def test_demo_links_are_the_same_on_every_run(runner: FlaskCliRunner, session: Session) -> None:
    first = runner.invoke(args=["demo"]).output.split("Demo calendar links:")[1]
    again = runner.invoke(args=["demo"]).output.split("Demo calendar links:")[1]
    if_empty = runner.invoke(args=["demo", "--if-empty"])
    assert "demo data not loaded" in if_empty.output
    assert first == again == if_empty.output.split("Demo calendar links:")[1]


def test_every_text_given_in_russian_is_in_kazakh_and_english_too() -> None:
    """The demo prints in Kazakh and English with nothing falling back to Russian."""
    document = json.loads(demo_document().data)
    records = [("visit", document["visit"]), ("delegation", document["delegation"])]
    for part in ("events", "venues", "people", "organizations"):
        records += [(f"{part}[{i}]", record) for i, record in enumerate(document[part])]
    gaps = [
        f"{where}.{name}.{lang}"
        for where, record in records
        for name, text in record.items()
        if isinstance(text, dict) and set(text) == {"ru", "kk", "en"} and text["ru"]
        for lang in ("kk", "en")
        if not (text[lang] or "").strip()
    ]
    assert not gaps, gaps
