"""An import stopped half-way leaves nothing behind, in any table.

The fault strikes while the events are written, after the organizations, people, venues,
delegation and visit went to the database in the same transaction: a Python error in the
middle of the flush, and on PostgreSQL the importing connection killed by the server.
"""

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import event

from tests.imports.conftest import row_counts
from visits.exports.visit_document import to_json
from visits.models import Event


class Fault(RuntimeError):
    pass


HALF_DONE = ("organizations", "people", "venues", "delegations", "visits")


@contextmanager
def on_event_insert(action: Callable[[object], None], at: int) -> Iterator[dict[str, int]]:
    """Call `action(connection)` when the `at`-th event is about to be inserted; yields the
    rows the importing transaction itself sees in some tables at that moment."""
    seen: list[int] = []
    inside: dict[str, int] = {}

    def before_insert(_mapper, connection, _target) -> None:
        seen.append(1)
        if len(seen) == at:
            for name in HALF_DONE:
                inside[name] = connection.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar()
            action(connection)

    event.listen(Event, "before_insert", before_insert)
    try:
        yield inside
    finally:
        event.remove(Event, "before_insert", before_insert)


def assert_half_done(inside: dict[str, int], before: dict[str, int]) -> None:
    """The importing transaction had written the records the events need."""
    assert inside == {
        "organizations": before["organizations"] + 5,
        "people": before["people"] + 3,
        "venues": before["venues"] + 5,
        "delegations": before["delegations"] + 1,
        "visits": before["visits"] + 1,
    }


def fail(_connection) -> None:
    raise Fault("the machine fell over")


# Other connections must not see a half-done import: commits here are real.
pytestmark = [pytest.mark.usefixtures("instance_in_tmp"), pytest.mark.isolated]


def _token(page: str) -> str:
    return re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)


def _preview(client, document: dict):
    data = to_json(document).encode("utf-8")
    return client.post(
        "/imports/",
        data={"file": (io.BytesIO(data), "visit.json")},
        content_type="multipart/form-data",
    )


def test_a_fault_on_the_third_event_via_the_page(app, staff_client, db, rich_document) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: an error page
    token = _token(_preview(staff_client, rich_document).get_data(as_text=True))
    before = row_counts(db.engine)
    with on_event_insert(fail, at=3) as inside:
        response = staff_client.post("/imports/confirm", data={"token": token})
    assert_half_done(inside, before)
    assert response.status_code == 500
    assert "Traceback" not in response.get_data(as_text=True)
    assert row_counts(db.engine) == before


def test_a_fault_on_the_third_event_via_the_command(runner, db, rich_document, tmp_path):
    path = tmp_path / "visit.json"
    path.write_text(to_json(rich_document), encoding="utf-8")
    before = row_counts(db.engine)
    with on_event_insert(fail, at=3) as inside:
        result = runner.invoke(args=["import", str(path)])
    assert_half_done(inside, before)
    assert result.exit_code != 0
    assert isinstance(result.exception, Fault)
    assert row_counts(db.engine) == before

    # The same file imports completely once the fault is gone.
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    assert row_counts(db.engine)["events"] == before["events"] + 3


def _terminate(connection) -> None:
    """Kill the backend of `connection` from another connection, and wait for it to go."""
    pid = connection.connection.driver_connection.info.backend_pid
    url = connection.engine.url
    with psycopg.connect(
        host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True
    ) as killer:
        killed = killer.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,)).fetchone()[0]
    assert killed


@pytest.fixture
def postgresql_only(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the importing connection is killed by PostgreSQL itself")


def test_the_importing_connection_killed_by_the_server(
    postgresql_only, runner, db, rich_document, tmp_path: Path
) -> None:
    path = tmp_path / "visit.json"
    path.write_text(to_json(rich_document), encoding="utf-8")
    before = row_counts(db.engine)
    with on_event_insert(_terminate, at=2) as inside:
        result = runner.invoke(args=["import", str(path)])
    assert_half_done(inside, before)
    assert result.exit_code == 1
    assert "nothing was saved" in result.stderr
    db.session.remove()
    after = row_counts(db.engine)
    assert after == before
    assert after["visits"] == 0 and after["organizations"] == 0

    # The pool replaced the dead connection: the next import goes through.
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    assert row_counts(db.engine)["events"] == 3


def test_the_connection_killed_during_a_confirmed_page_import(
    postgresql_only, staff_client, db, rich_document
) -> None:
    token = _token(_preview(staff_client, rich_document).get_data(as_text=True))
    before = row_counts(db.engine)
    with on_event_insert(_terminate, at=2) as inside:
        response = staff_client.post("/imports/confirm", data={"token": token})
    assert_half_done(inside, before)
    assert response.status_code == 503  # the database went away: retry later, never a 500
    db.session.remove()
    assert row_counts(db.engine) == before
