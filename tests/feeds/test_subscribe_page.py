"""The delegate's subscribe page: public, in the link's language, the agenda in local and
home time, never an internal event, and the same bare 404 as the feed for a dead link."""

import re
from datetime import time, timedelta
from urllib.parse import quote

import pytest
import segno

from tests.feeds.conftest import DAY
from visits.feeds.views import qr_svg
from visits.models import EventParticipant, FeedScope, LocalizedText, ParticipantRole, Side
from visits.scheduling.timezones import to_utc


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_shows_local_and_home_time_and_hides_internal_events(client, scene, make_token):
    token = make_token(scene["visit"], language="en", home_timezone="Asia/Barnaul")
    response = client.get(f"/feeds/{token.token}")
    assert response.status_code == 200
    page = text_of(response)
    assert '<html lang="en">' in response.text
    assert "Monday, April 21, 2025" in page
    assert "Times are local time in Almaty. Your home time (Barnaul) is shown beside them." in page
    assert "19:00–21:00 · Barnaul 21:00–23:00 Concert «Ертіс концерт»" in page
    assert "10:00–11:30 · Barnaul 12:00–13:30 Meeting with the akim" in page
    assert "Staff briefing" not in page and "08:00" not in page  # internal
    assert "Tuesday, April 22, 2025 Nothing planned on this day." in page


def test_a_cancelled_event_is_struck_through_with_the_word(client, scene, make_token):
    token = make_token(scene["visit"], language="en")
    html = client.get(f"/feeds/{token.token}").text
    assert '<span class="cancelled-word">cancelled</span>' in html
    assert '<del class="title">Flower laying</del>' in html
    assert '<tr class="event cancelled">' in html


def test_no_home_time_when_none_is_set_or_it_reads_the_same(client, scene, make_token):
    for zone in (None, "Asia/Almaty", "Asia/Qostanay"):  # Qostanay is UTC+5 too
        token = make_token(scene["visit"], language="en", home_timezone=zone)
        response = client.get(f"/feeds/{token.token}")
        assert "19:00–21:00 Concert" in text_of(response)
        assert "shown beside them" not in text_of(response)
        assert 'class="home"' not in response.text


def test_the_page_is_in_the_links_language(client, scene, make_token):
    russian = make_token(scene["visit"], language="ru", home_timezone="Asia/Barnaul")
    page = text_of(client.get(f"/feeds/{russian.token}", headers={"Accept-Language": "en"}))
    assert "понедельник, 21 апреля 2025" in page
    assert "Барнаул 21:00–23:00 Концерт" in page
    assert "отмен" in page  # «cancelled» in Russian, whatever the browser asks for
    kazakh = make_token(scene["visit"], language="kk")
    response = client.get(f"/feeds/{kazakh.token}")
    assert '<html lang="kk">' in response.text
    assert "2025" in text_of(response) and "Концерт" in text_of(response)  # ru falls back


def test_a_person_page_names_the_person_and_shows_their_programme(client, scene, make_token):
    person = scene["person"]
    token = make_token(
        scene["visit"],
        scope=FeedScope.PERSON,
        person_id=person.id,
        language="en",
        include_public=False,
    )
    page = text_of(client.get(f"/feeds/{token.token}"))
    assert "Vitaly Snesar" in page
    assert "Meeting with the akim" in page
    assert "Concert" not in page  # public, but not theirs and not asked for
    assert "Staff briefing" not in page


def test_an_internal_event_a_person_takes_part_in_stays_hidden(client, db, scene, make_token):
    db.session.add(
        EventParticipant(
            event_id=scene["briefing"].id,
            person_id=scene["person"].id,
            role=ParticipantRole.GUEST,
            side=Side.GUEST,
        )
    )
    db.session.commit()
    token = make_token(scene["visit"], scope=FeedScope.PERSON, person_id=scene["person"].id)
    assert "Служебный брифинг" not in client.get(f"/feeds/{token.token}").text


def test_a_venue_page_shows_the_venue_and_its_public_events(client, scene, make_token):
    token = make_token(
        scene["visit"], scope=FeedScope.VENUE, venue_id=scene["venue"].id, language="en"
    )
    page = text_of(client.get(f"/feeds/{token.token}"))
    assert "«Ертіс концерт»" in page and "Concert" in page and "Flower laying" in page
    assert "Meeting with the akim" not in page  # delegation-only


def test_subscribe_links_webcal_google_and_the_copyable_address(app, client, scene, make_token):
    app.config["PUBLIC_BASE_URL"] = "https://visits.example.org/"
    token = make_token(scene["visit"])
    html = client.get(f"/feeds/{token.token}").text
    feed = f"https://visits.example.org/feeds/{token.token}.ics"
    webcal = f"webcal://visits.example.org/feeds/{token.token}.ics"
    assert f'href="{webcal}"' in html
    assert f'readonly value="{feed}"' in html
    google = "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe="")
    assert f'href="{google}"' in html
    assert "cid=webcal%3A%2F%2Fvisits.example.org%2Ffeeds%2F" in google


def test_the_qr_code_is_an_inline_svg_of_the_subscribe_pages_address(client, scene, make_token):
    """A phone's camera opens the page (every way to subscribe), not a one-off download."""
    token = make_token(scene["visit"], language="en")
    html = client.get(f"/feeds/{token.token}").text
    page = f"http://127.0.0.1:5000/feeds/{token.token}"
    svg = qr_svg(page, "QR code of this page's address")
    assert svg.startswith("<svg") and "<title>QR code of this page" in svg
    assert svg in html
    # The same drawing as segno makes of the address itself: the code holds the address.
    assert segno.make(page, error="m").svg_inline(scale=5).split("<path", 1)[1] in html
    feed_drawing = segno.make(page + ".ics", error="m").svg_inline(scale=5)
    assert feed_drawing.split("<path", 1)[1] not in html


def test_the_page_offers_outlook_com_and_apples_paths_and_how_to_keep_alerts(
    app, client, scene, make_token
):
    app.config["PUBLIC_BASE_URL"] = "https://visits.example.org/"
    token = make_token(scene["visit"], language="en", reminder_minutes=30)
    html = client.get(f"/feeds/{token.token}").text
    feed = quote(f"https://visits.example.org/feeds/{token.token}.ics", safe="")
    outlook = f"https://outlook.live.com/calendar/0/addfromweb?url={feed}"
    assert f'href="{outlook}"' in html and "Add to Outlook.com" in html
    page = text_of(client.get(f"/feeds/{token.token}"))
    assert "Add Subscribed Calendar" in page
    assert "«Remove Alerts» is turned off" in page
    assert "onfocus" not in html  # no inline handler under the page's CSP
    silent = make_token(scene["visit"], language="en", reminder_minutes=None)
    assert "Remove Alerts" not in client.get(f"/feeds/{silent.token}").text


def test_the_page_is_public_minimal_and_not_for_search_engines_or_referrers(
    client, scene, make_token
):
    token = make_token(scene["visit"])
    response = client.get(f"/feeds/{token.token}")
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["Cache-Control"] == "private, no-cache"
    html = response.text
    assert 'class="site"' not in html and "/auth/logout" not in html and "<nav" not in html
    assert '<meta name="viewport"' in html


@pytest.mark.parametrize(
    "secret",
    ["x" * 43, "bad$secret", "a" * 65, "юникод", "..", "%00"],
)
def test_unknown_or_malformed_links_get_the_feeds_bare_404(client, scene, secret):
    unknown_feed = client.get("/feeds/" + "y" * 43 + ".ics")
    response = client.get(f"/feeds/{secret}")
    assert response.status_code == unknown_feed.status_code == 404
    assert response.data == unknown_feed.data == b"Not Found\n"
    assert response.mimetype == unknown_feed.mimetype


def test_the_page_takes_a_fixed_number_of_queries_whatever_the_programme(
    client, db, scene, make_event, make_token, count_queries
):
    token = make_token(scene["visit"], scope=FeedScope.PERSON, person_id=scene["person"].id)

    def queries() -> int:
        with count_queries() as statements:
            assert client.get(f"/feeds/{token.token}").status_code == 200
        return len(statements)

    few = queries()
    for n in range(15):
        event = make_event(
            scene["visit"],
            DAY,
            time(13, n),
            time(14, n),
            title=LocalizedText(ru=f"Событие {n}"),
            venue_id=scene["venue"].id,
        )
        db.session.add(
            EventParticipant(
                event_id=event.id,
                person_id=scene["person"].id,
                role=ParticipantRole.GUEST,
                side=Side.GUEST,
            )
        )
    db.session.commit()
    assert queries() == few


def test_opening_the_page_records_no_poll(client, db, scene, make_token):
    token = make_token(scene["visit"])
    client.get(f"/feeds/{token.token}")
    db.session.expire_all()
    assert token.last_used_at is None


def test_an_all_day_event_reads_all_day_without_clock_times(client, db, scene, make_token):
    concert = scene["concert"]
    concert.is_all_day = True
    concert.starts_at = to_utc(DAY, time(0), scene["visit"].timezone)
    concert.ends_at = to_utc(DAY + timedelta(days=1), time(0), scene["visit"].timezone)
    db.session.commit()
    token = make_token(scene["visit"], language="en", home_timezone="Asia/Barnaul")
    page = text_of(client.get(f"/feeds/{token.token}"))
    assert "all day Concert «Ертіс концерт»" in page
    assert "00:00–00:00" not in page and "Barnaul 02:00" not in page
