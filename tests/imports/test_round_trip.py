"""Export → import into a fresh database → export gives the same document; records equal in
every field are reused; a visit imported before is refused with nothing added."""

import json
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from tests.conftest import FAST_HASH
from tests.imports.conftest import ISSUER, empty_database, row_counts
from visits.demo import demo_feed_tokens, load_demo
from visits.events.services import cancel_event, restore_event
from visits.exports.visit_document import to_json
from visits.extensions import db as _db
from visits.imports.apply import apply_import
from visits.imports.plan import plan_import
from visits.imports.queries import visit_document
from visits.imports.schema import DocumentError
from visits.models import (
    EventParticipant,
    EventStatus,
    FeedToken,
    LocalizedText,
    Movement,
    ParticipantRole,
    ProgrammeRevision,
    Role,
    Side,
    User,
    Venue,
    Visit,
)
from visits.programme.revisions import revision_state


def _import(document: dict) -> Visit:
    plan = plan_import(_db.session, json.loads(to_json(document)))
    visit = apply_import(_db.session, plan)
    _db.session.commit()
    return visit


def test_document_names_no_database_id_and_no_secret(app, db, rich_visit) -> None:
    assert demo_feed_tokens(db.session, rich_visit)
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        document = visit_document(db.session, rich_visit.id)
    text = to_json(document)
    assert document["format"] == "visits.visit" and document["version"] == 1
    assert "visit_id" not in text and '"id"' not in text
    tokens = db.session.scalars(select(FeedToken.token)).all()
    assert tokens and all(token not in text for token in tokens)
    # Every part of the document is used by the rich visit.
    for part in ("organizations", "people", "venues", "travel_times", "events"):
        assert document[part], part
    assert len(document["movements"]) == 2 and len(document["stays"]) == 2
    assert [r["number"] for r in document["revisions"]] == [1, 2, 3]
    assert document["revisions"][0]["issued_by"] == ISSUER
    first_keys = [row["key"] for row in document["revisions"][0]["snapshot"]["rows"]]
    assert "movement-removed-1" in first_keys
    second_keys = {row["key"] for row in document["revisions"][1]["snapshot"]["rows"]}
    assert {"movement-1", "movement-2"} <= second_keys
    assert document["visit"]["changed_since_revision"] is True
    assert document["visit"]["liaison_officer"].startswith("person-")


def test_round_trip_into_a_fresh_database_gives_the_same_document(app, db, rich_visit, fresh_app):
    with app.test_request_context("/?lang=en"):
        first = to_json(visit_document(db.session, rich_visit.id))
        state = revision_state(db.session, rich_visit)
    db.session.remove()

    with fresh_app.test_request_context("/?lang=en"):
        _db.session.add(User(email=ISSUER, role=Role.EDITOR, password_hash=FAST_HASH))
        _db.session.commit()
        visit = _import(json.loads(first))
        visit_id = visit.id
        _db.session.remove()
        second = to_json(visit_document(_db.session, visit_id))
        imported = _db.session.get(Visit, visit_id)
        again = revision_state(_db.session, imported)
        issuers = [r.issued_by.email if r.issued_by else None for r in imported.revisions]
        second_rows = imported.revisions[1].snapshot["rows"]
        movement_ids = {m.id for m in _db.session.scalars(select(Movement))}
        counts = row_counts(_db.engine)

    assert second == first
    assert (again.number, again.draft) == (state.number, state.draft) == (3, True)
    assert issuers == [ISSUER, ISSUER, None]
    keys = {row["key"] for row in second_rows}
    assert {f"movement-{n}" for n in movement_ids} <= keys
    assert counts["visits"] == 1 and counts["events"] == 3 and counts["feed_tokens"] == 0


def test_the_demo_visit_round_trips(app, db, fresh_app):
    visit = load_demo(db.session)
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        first = to_json(visit_document(db.session, visit.id))
    shared = {v["name"]["ru"]: v["shared"] for v in json.loads(first)["venues"]}
    assert sorted(shared.values()) == [False, False, True]  # the memorial's open ground
    with fresh_app.test_request_context("/?lang=en"):
        visit_id = _import(json.loads(first)).id
        _db.session.remove()
        assert to_json(visit_document(_db.session, visit_id)) == first
        venues = _db.session.scalars(select(Venue)).all()
        assert {v.name.ru: v.shared for v in venues} == shared


@pytest.mark.isolated  # row counts read on a connection of their own
def test_records_equal_in_every_field_are_reused(app, db, rich_document):
    """The demo's organizations, people and venues are loaded again without the visit: the
    import uses them; a venue changed since is created anew."""
    load_demo(db.session)
    db.session.execute(db.metadata.tables["visits"].delete())
    db.session.execute(db.metadata.tables["delegations"].delete())
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        plan = plan_import(db.session, rich_document)
    reused = {m.name.ru for kind in (plan.organizations, plan.people) for m in kind if m.existing}
    assert len(reused) == 8  # 5 organizations, 3 people: unchanged since the demo
    venues = {m.name.ru: m.existing is not None for m in plan.venues}
    # The akimat's hall is as in the demo; the memorial got coordinates, the hall a capacity.
    assert venues["Акимат Восточно-Казахстанской области"] is True
    assert venues["«Ертіс концерт»"] is False
    assert sum(venues.values()) == 1

    before = row_counts(db.engine)
    with app.test_request_context("/?lang=en"):
        apply_import(db.session, plan)
        db.session.commit()
    after = row_counts(db.engine)
    assert after["organizations"] == before["organizations"]
    assert after["people"] == before["people"]
    assert after["venues"] == before["venues"] + 4


@pytest.mark.isolated  # row counts read on a connection of their own
def test_importing_the_same_document_twice_is_refused(app, db, rich_document):
    with app.test_request_context("/?lang=en"):
        _import(rich_document)
        before = row_counts(db.engine)
        with pytest.raises(DocumentError) as refused:
            plan_import(db.session, rich_document)
    assert row_counts(db.engine) == before
    (message,) = refused.value.messages
    assert "imported before" in message
    for event in rich_document["events"]:
        assert event["uid"] in message


@pytest.mark.isolated  # row counts read on a connection of their own
def test_an_empty_database_gets_everything_and_nothing_else(app, db, rich_document):
    before = row_counts(db.engine)
    with app.test_request_context("/?lang=en"):
        plan = plan_import(db.session, rich_document)
        assert all(m.is_new for m in plan.organizations + plan.people + plan.venues)
        assert plan.unknown_issuers == []  # the issuer's account is kept by the fixture
        _import(rich_document)
    after = row_counts(db.engine)
    created = {name: after[name] - before[name] for name in after if after[name] != before[name]}
    assert created.pop("audit_entries") > 0
    assert created.pop("change_sets") == 1  # the import is one user action, undone as one
    assert created == {
        "organizations": 5,
        "people": 3,
        "venues": 5,
        "travel_times": 1,
        "delegations": 1,
        "delegation_members": 3,
        "visits": 1,
        "events": 3,
        "event_participants": 7,
        "movements": 2,
        "stays": 2,
        "programme_revisions": 3,
    }
    assert db.session.scalar(select(ProgrammeRevision.issued_by_id).limit(1)) is not None


def test_issuers_without_an_account_are_left_blank(app, db, rich_document):
    db.session.execute(db.metadata.tables["users"].delete())
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        plan = plan_import(db.session, rich_document)
        assert plan.unknown_issuers == [ISSUER]
        visit = _import(rich_document)
        assert all(r.issued_by is None for r in visit.revisions)


def test_a_visit_without_delegation_or_events(app, db):
    visit = Visit(
        title=LocalizedText(ru="Визит"),
        timezone="Asia/Almaty",
        start_date=date(2025, 4, 21),
        end_date=date(2025, 4, 22),
    )
    db.session.add(visit)
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        document = visit_document(db.session, visit.id)
    assert document["delegation"] is None and document["events"] == []
    empty_database(db)
    with app.test_request_context("/?lang=en"):
        again = visit_document(db.session, _import(document).id)
    assert again == document


def test_export_reads_a_fixed_number_of_queries(app, db, rich_visit, make_event, count_queries):
    visit_id = rich_visit.id
    db.session.remove()
    with count_queries() as queries:
        visit_document(db.session, visit_id)
    few = len(queries)
    db.session.remove()
    visit = db.session.get(Visit, visit_id)
    venue = visit.events[0].venue
    guest = visit.events[0].participants[0].person
    for hour in range(8, 18):
        extra = make_event(visit, visit.start_date, time(hour), time(hour, 30), venue=venue)
        extra.participants.append(
            EventParticipant(
                person=guest,
                role=ParticipantRole.GUEST,
                side=Side.GUEST,
            )
        )
    db.session.commit()
    db.session.remove()
    with count_queries() as queries:
        document = visit_document(db.session, visit_id)
    assert len(document["events"]) == 13
    assert len(queries) == few


def test_a_cancelled_event_keeps_the_status_it_will_be_restored_to(app, db, make_visit, make_event):
    visit = make_visit()
    event = make_event(visit, date(2025, 4, 21), time(10), time(11))
    cancel_event(db.session, event)
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        document = json.loads(to_json(visit_document(db.session, visit.id)))
    assert document["events"][0]["status_before_cancel"] == "confirmed"
    empty_database(db)
    imported = _import(document)
    (copy,) = imported.events
    assert copy.status is EventStatus.CANCELLED
    assert restore_event(db.session, copy).status is EventStatus.CONFIRMED
    older = json.loads(to_json(document))
    del older["events"][0]["status_before_cancel"]  # a document written before 0.2.0
    empty_database(db)
    assert _import(older).events[0].status_before_cancel is None


def test_the_side_drawn_first_travels_with_the_visit(app, db):
    visit = Visit(
        title=LocalizedText(ru="Визит"),
        timezone="Asia/Almaty",
        start_date=date(2025, 4, 21),
        end_date=date(2025, 4, 21),
        hosts_first=True,
    )
    db.session.add(visit)
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        document = visit_document(db.session, visit.id)
    assert document["visit"]["hosts_first"] is True
    empty_database(db)
    with app.test_request_context("/?lang=en"):
        assert _import(document).hosts_first is True
        del document["visit"]["hosts_first"]  # a document written before the setting
        empty_database(db)
        assert _import(document).hosts_first is False


def test_an_all_day_event_stays_all_day(app, db, make_visit, make_event):
    visit = make_visit()
    day = make_event(visit, date(2025, 4, 21), time(0), time(12), is_all_day=True)
    day.ends_at = day.starts_at + timedelta(days=1)  # 00:00 to 24:00
    db.session.commit()
    make_event(visit, date(2025, 4, 22), time(10), time(11))
    with app.test_request_context("/?lang=en"):
        document = json.loads(to_json(visit_document(db.session, visit.id)))
    assert [e["is_all_day"] for e in document["events"]] == [True, False]
    empty_database(db)
    assert [e.is_all_day for e in _import(document).events] == [True, False]
    older = json.loads(to_json(document))
    for record in older["events"]:
        del record["is_all_day"]  # a document written before all-day events
    empty_database(db)
    assert [e.is_all_day for e in _import(older).events] == [False, False]
