"""An unchanged feed's poll answered before Flask from the worker's memory: the same 304 as
the view's, and every other request left to Flask (a spy counts what reaches it)."""

from datetime import timedelta

import pytest
from werkzeug.http import http_date

from tests.feeds.conftest import RECHECK
from tests.feeds.test_poll_memory import _poll
from visits.feeds.poll_memory import heard
from visits.feeds.services import revoke_feed
from visits.orm import utcnow


@pytest.fixture
def reached(app) -> list[str]:
    """The paths Flask itself answered."""
    fast = app.wsgi_app
    inner = fast.wrapped
    paths: list[str] = []

    def spy(environ, start_response):
        paths.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    fast.wrapped = spy
    yield paths
    fast.wrapped = inner


def _polled(client, scene, make_token, **fields):
    token = make_token(scene["visit"], **fields)
    return token, _poll(client, token).headers["ETag"]


def test_the_fast_304_has_the_headers_of_the_flask_304(
    client, scene, make_token, memory, reached, count_queries
):
    token, tag = _polled(client, scene, make_token)
    memory.trusted = False  # not remembered: the view answers
    slow = _poll(client, token, tag)
    memory.trusted = True
    reached.clear()
    with count_queries() as statements:
        fast = _poll(client, token, tag)
        head = client.head(f"/feeds/{token.token}.ics", headers={"If-None-Match": tag})
    assert (slow.status_code, fast.status_code, head.status_code) == (304, 304, 304)
    assert reached == [] and statements == []
    assert sorted(fast.headers.items()) == sorted(slow.headers.items())
    assert sorted(head.headers.items()) == sorted(slow.headers.items())
    assert fast.data == head.data == b""


def test_a_date_and_another_language_are_answered_fast_when_current(
    client, scene, make_token, memory, reached
):
    token, _tag = _polled(client, scene, make_token)
    kazakh = client.get(f"/feeds/{token.token}.ics?lang=kk")
    reached.clear()
    again = {"If-None-Match": kazakh.headers["ETag"]}
    assert client.get(f"/feeds/{token.token}.ics?lang=kk", headers=again).status_code == 304
    since = {"If-Modified-Since": http_date(utcnow() + timedelta(minutes=1))}  # past a change
    assert client.get(f"/feeds/{token.token}.ics", headers=since).status_code == 304
    assert reached == []


def test_what_the_memory_cannot_answer_reaches_flask(
    client, db, scene, make_token, memory, reached, clock
):
    token, tag = _polled(client, scene, make_token)
    path = f"/feeds/{token.token}.ics"
    reached.clear()
    assert client.get(f"{path}?lang=kk", headers={"If-None-Match": tag}).status_code == 200
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    client.set_cookie("session", "x")
    assert client.get(path, headers={"If-None-Match": tag}).status_code == 304
    client.delete_cookie("session")
    assert client.get(f"{path}?lang=%00", headers={"If-None-Match": tag}).status_code == 400
    assert len(reached) == 4
    clock.now += RECHECK  # a stale row is read again
    assert _poll(client, token, tag).status_code == 304 and len(reached) == 5
    revoke_feed(db.session, token)
    db.session.commit()
    heard(memory, str(scene["visit"].id))
    assert _poll(client, token, tag).status_code == 404 and len(reached) == 6


def test_a_poll_that_must_record_its_use_reaches_flask(
    client, db, scene, make_token, memory, reached
):
    token, tag = _polled(client, scene, make_token)
    long_ago = utcnow() - timedelta(hours=2)
    memory.used(token.token, long_ago)
    reached.clear()
    assert _poll(client, token, tag).status_code == 304 and len(reached) == 1
    db.session.expire_all()
    assert token.last_used_at > long_ago
    assert _poll(client, token, tag).status_code == 304 and len(reached) == 1


def test_without_a_memory_every_poll_reaches_flask(client, scene, make_token, reached):
    token, tag = _polled(client, scene, make_token)
    assert _poll(client, token, tag).status_code == 304 and len(reached) == 2


def test_an_error_of_the_layer_leaves_the_poll_to_flask(
    client, scene, make_token, memory, reached, app, monkeypatch
):
    token, tag = _polled(client, scene, make_token)
    reached.clear()

    def broken(environ):
        raise RuntimeError("a defect of the layer")

    monkeypatch.setattr(app.wsgi_app, "not_modified", broken)
    answer = _poll(client, token, tag)
    assert answer.status_code == 304 and reached == [f"/feeds/{token.token}.ics"]
