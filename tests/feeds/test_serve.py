"""Serving feeds: visibility by scope, conditional requests, stable bytes, few queries."""

from datetime import date, time, timedelta

import pytest
from ical.calendar_stream import IcsCalendarStream

from visits.events.services import cancel_event, move_event, update_event
from visits.feeds import serve
from visits.feeds.serve import feed_cache
from visits.models import (
    EventParticipant,
    FeedScope,
    FeedToken,
    LocalizedText,
    Organization,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
)
from visits.orm import utcnow
from visits.scheduling.timezones import to_utc

DAY = date(2025, 4, 21)


@pytest.fixture
def setting(db, make_visit, make_event):
    """A visit with a public, a delegation-only and an internal event; one guest in all."""
    visit = make_visit()
    guest = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    hall = Venue(name=LocalizedText(ru="«Ертіс концерт»"))
    events = {
        "public": make_event(
            visit,
            DAY,
            time(19),
            time(21),
            title=LocalizedText(ru="Концерт"),
            visibility=Visibility.PUBLIC,
            venue=hall,
        ),
        "delegation": make_event(
            visit,
            DAY,
            time(10),
            time(11),
            title=LocalizedText(ru="Встреча"),
            visibility=Visibility.DELEGATION,
            venue=hall,
        ),
        "internal": make_event(
            visit,
            DAY,
            time(8),
            time(9),
            title=LocalizedText(ru="Планёрка"),
            visibility=Visibility.INTERNAL,
            venue=hall,
        ),
    }
    for event in events.values():
        event.participants.append(
            EventParticipant(person=guest, role=ParticipantRole.GUEST, side=Side.GUEST)
        )
    db.session.commit()
    return visit, guest, hall, events


def token(db, visit, scope=FeedScope.VISIT, **fields) -> FeedToken:
    made = FeedToken(scope=scope, visit=visit, label="Делегат", **fields)
    db.session.add(made)
    db.session.commit()
    return made


def summaries(response) -> set[str]:
    calendar = IcsCalendarStream.calendar_from_ics(response.get_data(as_text=True))
    return {event.summary for event in calendar.events}


def test_a_visit_feed_holds_public_and_delegation_events_never_internal(client, db, setting):
    visit, *_ = setting
    response = client.get(f"/feeds/{token(db, visit).token}.ics")
    assert response.status_code == 200
    assert response.content_type == "text/calendar; charset=utf-8"
    assert summaries(response) == {"Концерт", "Встреча"}


def test_an_internal_event_leaks_through_no_scope(client, db, setting):
    visit, guest, hall, events = setting
    feeds = [
        token(db, visit),
        token(db, visit, FeedScope.PERSON, person=guest, include_public=True),
        token(db, visit, FeedScope.PERSON, person=guest, include_public=False),
        token(db, visit, FeedScope.VENUE, venue=hall),
    ]
    for feed in feeds:
        body = client.get(f"/feeds/{feed.token}.ics").get_data(as_text=True)
        assert "Планёрка" not in body and events["internal"].uid not in body


def test_a_venue_feed_shows_only_public_events(client, db, setting):
    visit, _, hall, _ = setting
    assert summaries(
        client.get(f"/feeds/{token(db, visit, FeedScope.VENUE, venue=hall).token}.ics")
    ) == {"Концерт"}


def test_a_person_feed_shows_their_events_and_public_ones_if_asked(client, db, setting, make_event):
    visit, guest, _, _ = setting
    make_event(
        visit,
        DAY,
        time(15),
        time(16),
        title=LocalizedText(ru="Экскурсия"),
        visibility=Visibility.PUBLIC,
    )
    only_mine = token(db, visit, FeedScope.PERSON, person=guest, include_public=False)
    with_public = token(db, visit, FeedScope.PERSON, person=guest, include_public=True)
    assert summaries(client.get(f"/feeds/{only_mine.token}.ics")) == {"Концерт", "Встреча"}
    assert summaries(client.get(f"/feeds/{with_public.token}.ics")) == {
        "Концерт",
        "Встреча",
        "Экскурсия",
    }


def test_a_person_feed_includes_the_events_of_their_group(client, db, make_visit, make_event):
    visit = make_visit()
    ensemble = Organization(name=LocalizedText(ru="Ансамбль «Алтай»"))
    soloist = Person(full_name=LocalizedText(ru="Солист"), organization=ensemble)
    concert = make_event(visit, DAY, time(19), time(21), title=LocalizedText(ru="Концерт"))
    concert.participants.append(
        EventParticipant(organization=ensemble, role=ParticipantRole.PERFORMER, side=Side.GUEST)
    )
    db.session.commit()
    feed = token(db, visit, FeedScope.PERSON, person=soloist, include_public=False)
    assert summaries(client.get(f"/feeds/{feed.token}.ics")) == {"Концерт"}


def test_unknown_malformed_and_revoked_tokens_get_the_same_bare_404(client, db, setting):
    visit, *_ = setting
    revoked = token(db, visit, revoked_at=utcnow())
    answers = [
        client.get(f"/feeds/{revoked.token}.ics"),
        client.get("/feeds/" + "x" * 43 + ".ics"),
        client.get("/feeds/%27%3B--.ics"),
        client.get("/feeds/" + "a" * 500 + ".ics"),
    ]
    assert {(r.status_code, r.get_data()) for r in answers} == {(404, b"Not Found\n")}


def test_identical_data_gives_identical_bytes_and_etag(client, db, setting):
    visit, *_ = setting
    url = f"/feeds/{token(db, visit).token}.ics"
    first, second = client.get(url), client.get(url)
    assert first.get_data() == second.get_data()
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["ETag"].startswith('"')  # strong, quoted
    assert "Last-Modified" in first.headers
    assert (
        "private" in first.headers["Cache-Control"] and "max-age" in first.headers["Cache-Control"]
    )


@pytest.mark.parametrize(
    "header",
    ["{etag}", '"other", {etag}', "*", "W/{etag}"],
    ids=["quoted", "list", "star", "weak"],
)
def test_if_none_match_gets_304(client, db, setting, header):
    visit, *_ = setting
    url = f"/feeds/{token(db, visit).token}.ics"
    etag = client.get(url).headers["ETag"]
    response = client.get(url, headers={"If-None-Match": header.format(etag=etag)})
    assert response.status_code == 304
    assert response.get_data() == b"" and response.headers["ETag"] == etag


def test_if_modified_since_gets_304_and_a_change_gets_200(client, db, setting, monkeypatch):
    visit, _, _, events = setting
    url = f"/feeds/{token(db, visit).token}.ics"
    later = utcnow() + timedelta(seconds=2)  # past the second of the last change
    monkeypatch.setattr(serve, "utcnow", lambda: later)
    first = client.get(url)
    since = {"If-Modified-Since": first.headers["Last-Modified"]}
    assert client.get(url, headers=since).status_code == 304
    stale = {"If-None-Match": first.headers["ETag"]}
    move_event(db.session, events["public"], to_utc(DAY, time(20), visit.timezone))
    db.session.commit()
    changed = client.get(url, headers=stale)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != first.headers["ETag"]


def test_renaming_a_venue_changes_the_etag(client, db, setting):
    visit, _, hall, _ = setting
    url = f"/feeds/{token(db, visit).token}.ics"
    before = client.get(url).headers["ETag"]
    hall.name = LocalizedText(ru="Концертный зал «Ертіс»")
    db.session.commit()
    after = client.get(url)
    assert after.headers["ETag"] != before and "Концертный зал" in after.get_data(as_text=True)


def test_head_answers_like_get_without_a_body(client, db, setting):
    visit, *_ = setting
    url = f"/feeds/{token(db, visit).token}.ics"
    head, get = client.head(url), client.get(url)
    assert head.status_code == 200 and head.get_data() == b""
    assert head.headers["ETag"] == get.headers["ETag"]


def test_sequence_grows_on_a_move_and_a_cancel_not_on_an_unrelated_edit(client, db, setting):
    visit, _, _, events = setting
    url = f"/feeds/{token(db, visit).token}.ics"

    def sequence() -> int:
        calendar = IcsCalendarStream.calendar_from_ics(client.get(url).get_data(as_text=True))
        return next(e.sequence for e in calendar.events if e.uid == events["public"].uid)

    start = sequence()
    update_event(db.session, events["public"], {"internal_notes": "машина к 18:30"})
    db.session.commit()
    assert sequence() == start
    move_event(db.session, events["public"], to_utc(DAY, time(19, 30), visit.timezone))
    db.session.commit()
    assert sequence() == start + 1
    cancel_event(db.session, events["public"])
    db.session.commit()
    assert sequence() == start + 2
    body = client.get(url).get_data(as_text=True)
    assert "STATUS:CANCELLED" in body


def test_polls_are_recorded_without_a_write_per_poll(client, db, setting):
    visit, *_ = setting
    feed = token(db, visit)
    url = f"/feeds/{feed.token}.ics"
    client.get(url)
    db.session.expire_all()
    first = db.session.get(FeedToken, feed.id).last_used_at
    assert first is not None
    client.get(url)
    db.session.expire_all()
    assert db.session.get(FeedToken, feed.id).last_used_at == first


def test_a_feed_takes_a_fixed_number_of_queries_whatever_its_size(
    client, db, setting, make_event, count_queries
):
    visit, *_ = setting
    feed = token(db, visit)
    url = f"/feeds/{feed.token}.ics"
    client.get(url)  # the poll is recorded once; later polls do not write
    feed_cache.clear()  # count a full build, not the cached body
    with count_queries() as few:
        client.get(url)
    for hour in range(6, 23):
        event = make_event(
            visit,
            date(2025, 4, 22),
            time(hour),
            time(hour, 30),
            venue=Venue(name=LocalizedText(ru=f"Зал {hour}")),
        )
        event.participants.append(
            EventParticipant(
                person=Person(full_name=LocalizedText(ru=f"Гость {hour}")),
                role=ParticipantRole.GUEST,
                side=Side.GUEST,
            )
        )
    db.session.commit()
    db.session.expunge_all()
    with count_queries() as many:
        client.get(url)
    assert len(many) == len(few) <= 5
    with count_queries() as cached:  # unchanged data, no If-None-Match: the kept body
        assert client.get(url).status_code == 200
    assert len(cached) == 1
    etag = client.get(url).headers["ETag"]
    with count_queries() as revalidation:
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert len(revalidation) <= 2


def test_staff_download_one_event_internal_included(staff_client, db, setting):
    _, _, _, events = setting
    response = staff_client.get(f"/events/{events['internal'].id}.ics")
    assert response.status_code == 200
    assert "Планёрка" in response.get_data(as_text=True)
    assert "attachment" in response.headers["Content-Disposition"]


def test_one_event_download_needs_sign_in(client, db, setting):
    _, _, _, events = setting
    assert client.get(f"/events/{events['internal'].id}.ics").status_code == 302


def test_every_demo_event_round_trips_through_a_strict_parser_at_its_local_time(client, db):
    from datetime import timedelta

    from visits.demo import load_demo
    from visits.scheduling.timezones import to_local

    visit = load_demo(db.session)
    db.session.commit()
    feed = token(db, visit)
    text = client.get(f"/feeds/{feed.token}.ics").get_data(as_text=True)
    parsed = {e.uid: e for e in IcsCalendarStream.calendar_from_ics(text).events}
    assert len(parsed) == len(visit.events) == 3
    for event in visit.events:
        start = parsed[event.uid].dtstart
        assert start.utcoffset() == timedelta(hours=5)  # Asia/Almaty in April 2025
        assert start.replace(tzinfo=None) == to_local(event.starts_at, "Asia/Almaty").replace(
            tzinfo=None
        )
        barnaul = to_local(start, "Asia/Barnaul")
        assert barnaul.utcoffset() == timedelta(hours=7)
        assert start == event.starts_at  # the same moment
        assert barnaul.replace(tzinfo=None) - start.replace(tzinfo=None) == timedelta(hours=2)
    concert = next(e for e in visit.events if e.kind.value == "concert")
    assert parsed[concert.uid].dtstart.hour == 19
    assert to_local(parsed[concert.uid].dtstart, "Asia/Barnaul").hour == 21


def test_a_feed_link_may_ask_for_another_language(client, db, setting):
    visit, _, _, events = setting
    cancel_event(db.session, events["public"])
    db.session.commit()
    url = f"/feeds/{token(db, visit).token}.ics"
    russian, kazakh = client.get(url), client.get(url + "?lang=kk")
    assert "ОТМЕНЕНО: " in russian.get_data(as_text=True)
    assert "БОЛДЫРЫЛМАДЫ: " in kazakh.get_data(as_text=True)
    assert russian.headers["ETag"] != kazakh.headers["ETag"]
    assert client.get(url + "?lang=xx").headers["ETag"] == russian.headers["ETag"]


def test_an_all_day_event_is_served_as_dates(client, db, setting):
    visit, _, _, events = setting
    day = events["delegation"]
    day.starts_at, day.ends_at = (
        to_utc(DAY, time(0), "Asia/Almaty"),
        to_utc(DAY + timedelta(days=1), time(0), "Asia/Almaty"),
    )
    day.is_all_day = True
    db.session.commit()
    body = client.get(f"/feeds/{token(db, visit).token}.ics").get_data(as_text=True)
    calendar = IcsCalendarStream.calendar_from_ics(body)
    (event,) = [e for e in calendar.events if e.uid == day.uid]
    assert (event.dtstart, event.dtend) == (DAY, DAY + timedelta(days=1))
    assert "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE" in body
