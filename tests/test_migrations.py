"""The migrations build the whole schema on an empty database of each kind, and agree
with the models (what `flask --app wsgi db upgrade` then `db check` does)."""

import pytest
from flask_migrate import check, downgrade, upgrade
from sqlalchemy import create_engine, func, inspect, select, table

from visits import MIGRATIONS, create_app
from visits.config import TestConfig
from visits.demo import load_demo
from visits.extensions import db

pytestmark = pytest.mark.slow  # each migrates a database of its own


def _fresh_database_url(database_url, request, tmp_path) -> str:
    if database_url.startswith("sqlite"):
        return "sqlite:///" + str(tmp_path / "empty.sqlite3")
    return request.getfixturevalue("postgres_server").create_database("visits_migrations")


def test_upgrade_on_an_empty_database_then_check_finds_nothing(database_url, request, tmp_path):
    url = _fresh_database_url(database_url, request, tmp_path)
    app = create_app(TestConfig(str(tmp_path / "instance"), url))
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        check(directory=str(MIGRATIONS))  # raises when the models have drifted
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        downgrade(directory=str(MIGRATIONS), revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_constraint_names_follow_the_naming_convention(database_url, request, tmp_path):
    url = _fresh_database_url(database_url, request, tmp_path)
    app = create_app(TestConfig(str(tmp_path / "instance"), url))
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        db.engine.dispose()
    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        checks = {c["name"] for c in inspector.get_check_constraints("events")}
        assert {"ck_events_ends_after_start", "ck_events_event_kind"} <= checks
        visit_checks = {c["name"] for c in inspector.get_check_constraints("visits")}
        assert "ck_visits_city_speed_positive" in visit_checks
        uniques = {u["name"] for u in inspector.get_unique_constraints("events")}
        assert "uq_events_uid" in uniques
        foreign = {f["name"] for f in inspector.get_foreign_keys("events")}
        assert "fk_events_visit_id_visits" in foreign
    finally:
        engine.dispose()


# The last revision before the planner's: change sets, ids never reused (tables rebuilt on
# SQLite), shared venues, saved groups and the side that comes first.
BEFORE_THE_PLANNER = "ba385fb02883"
KEPT = ("visits", "events", "event_participants", "people", "organizations", "venues")
KEPT += ("delegations", "delegation_members", "audit_entries")


def test_the_planners_revisions_keep_every_row_down_and_up(database_url, request, tmp_path):
    url = _fresh_database_url(database_url, request, tmp_path)
    app = create_app(TestConfig(str(tmp_path / "instance"), url))

    def counts() -> dict[str, int]:
        with db.engine.connect() as connection:
            return {
                name: connection.scalar(select(func.count()).select_from(table(name)))
                for name in KEPT
            }

    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        load_demo(db.session)
        db.session.commit()
        before = counts()
        downgrade(directory=str(MIGRATIONS), revision=BEFORE_THE_PLANNER)
        assert counts() == before
        upgrade(directory=str(MIGRATIONS))
        assert counts() == before
        db.engine.dispose()
