"""Feed polls answered from a worker's memory: at once after a notification, and after
the fallback interval at the latest when notifications are lost (a fake clock, no sleep)."""

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.feeds.conftest import RECHECK
from visits.feeds import poll_memory
from visits.feeds.poll_memory import PollMemory, heard, watch_sqlite
from visits.feeds.services import revoke_feed, settings_of, update_settings
from visits.models import LocalizedText
from visits.orm import utcnow


def _poll(client, token, tag: str | None = None):
    headers = {"If-None-Match": tag} if tag else {}
    return client.get(f"/feeds/{token.token}.ics", headers=headers)


def _rename_meeting(db, scene) -> None:
    scene["meeting"].title = LocalizedText(ru="Встреча перенесена")
    db.session.commit()


def test_an_unchanged_feed_is_answered_without_a_query(
    client, scene, make_token, memory, count_queries
):
    token = make_token(scene["visit"])
    tag = _poll(client, token).headers["ETag"]
    with count_queries() as statements:
        assert _poll(client, token, tag).status_code == 304
        assert _poll(client, token).status_code == 200  # the kept body
    assert statements == []


def test_a_lost_notification_is_made_up_for_after_the_fallback_interval(
    client, db, scene, make_token, memory, clock
):
    token = make_token(scene["visit"])
    tag = _poll(client, token).headers["ETag"]
    _rename_meeting(db, scene)  # no notification reaches this worker
    clock.now += RECHECK - 0.1
    assert _poll(client, token, tag).status_code == 304
    clock.now += 0.1
    changed = _poll(client, token, tag)
    assert changed.status_code == 200 and "Встреча перенесена" in changed.text


def test_a_notification_is_seen_at_once(client, db, scene, make_token, memory):
    token = make_token(scene["visit"])
    other = make_token(scene["visit"])
    tag = _poll(client, token).headers["ETag"]
    _poll(client, other)
    _rename_meeting(db, scene)
    heard(memory, str(scene["visit"].id))
    assert len(memory) == 0  # both links of the visit
    changed = _poll(client, token, tag)
    assert changed.status_code == 200 and "Встреча перенесена" in changed.text


def test_a_revoked_link_stops_at_once_when_heard(client, db, scene, make_token, memory):
    token = make_token(scene["visit"])
    assert _poll(client, token).status_code == 200
    revoke_feed(db.session, token)
    db.session.commit()
    heard(memory, str(scene["visit"].id))
    assert _poll(client, token).status_code == 404


def test_a_revoked_link_not_heard_of_stops_after_the_interval(
    client, db, scene, make_token, memory, clock
):
    token = make_token(scene["visit"])
    assert _poll(client, token).status_code == 200
    revoke_feed(db.session, token)
    db.session.commit()
    clock.now += RECHECK
    assert _poll(client, token).status_code == 404


def test_a_link_set_anew_and_missed_is_seen_after_the_interval(
    client, db, scene, make_token, memory, clock
):
    token = make_token(scene["visit"])
    tag = _poll(client, token).headers["ETag"]
    loaded = settings_of(token)
    update_settings(db.session, token, replace(loaded, reminder_minutes=45), loaded)
    db.session.commit()
    assert _poll(client, token, tag).status_code == 304  # not heard yet
    clock.now += RECHECK
    assert b"TRIGGER:-PT45M" in _poll(client, token, tag).data


def test_a_poll_from_memory_records_the_use_at_most_hourly(
    client, db, scene, make_token, memory, count_queries
):
    token = make_token(scene["visit"])
    _poll(client, token)
    db.session.expire_all()
    first_use = token.last_used_at
    assert first_use is not None
    with count_queries() as statements:
        _poll(client, token)
    assert statements == []  # the kept row knows the use was recorded
    db.session.expire_all()
    assert token.last_used_at == first_use


def test_a_row_read_before_a_forgetting_is_not_kept():
    memory = PollMemory(RECHECK)
    memory.trusted = True
    row = poll_memory.PollRow(
        *(7 if key == "visit_id" else None for key in poll_memory.PollRow._fields)
    )
    epoch = memory.epoch()
    memory.forget_visit(7)  # heard while the row was read
    memory.remember("secret", row, epoch)
    assert memory.get("secret") is None
    memory.remember("secret", row, memory.epoch())
    assert memory.get("secret") is not None
    memory.trusted = False  # a listener lost its connection: nothing is trusted
    assert memory.get("secret") is None


def test_sqlites_data_version_drops_every_row_when_another_connection_commits(tmp_path):
    path = tmp_path / "watched.sqlite3"
    writer = sqlite3.connect(path)
    writer.execute("CREATE TABLE t (x)")
    writer.commit()
    memory = PollMemory(RECHECK)
    watch_sqlite(memory, str(path))
    row = poll_memory.PollRow(
        *(7 if key == "visit_id" else None for key in poll_memory.PollRow._fields)
    )
    memory.get("secret")  # the first look: trusted from now on
    memory.remember("secret", row, memory.epoch())
    assert memory.get("secret") is not None
    writer.execute("INSERT INTO t VALUES (1)")
    writer.commit()
    assert memory.get("secret") is None
    writer.close()


def test_a_change_notifies_the_workers_on_postgresql(db, scene, make_token, count_queries):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("NOTIFY is PostgreSQL's")
    token = make_token(scene["visit"])
    with count_queries() as statements:
        token.last_used_at = utcnow() - timedelta(days=1)  # a link changed: polls change
        db.session.commit()
    assert any("pg_notify" in statement for statement in statements)


def test_the_subscribe_page_is_remembered_too_and_rechecked_after_the_interval(
    client, db, scene, make_token, memory, clock, count_queries
):
    token = make_token(scene["visit"])
    tag = client.get(f"/feeds/{token.token}").headers["ETag"]
    with count_queries() as statements:
        again = client.get(f"/feeds/{token.token}", headers={"If-None-Match": tag})
    assert again.status_code == 304 and statements == []
    _rename_meeting(db, scene)  # not heard
    clock.now += RECHECK
    changed = client.get(f"/feeds/{token.token}", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and "Встреча перенесена" in changed.text
