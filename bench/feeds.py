"""Feeds benchmark: a visit of 1,000 events, measured side by side in one run.

- the feed request through the app (warm: each event's rendering is cached) versus
  rendering the same 1,000 events afresh with icalendar in-process;
- a 304 revalidation versus GET /healthz;
- the SQL queries of one feed request.
"""

import statistics
import tempfile
import time
from datetime import date, datetime, timedelta

from sqlalchemy import event as sa_event

from visits import create_app
from visits.config import TestConfig
from visits.exports import ical
from visits.extensions import db
from visits.feeds.serve import feed_cache
from visits.models import (
    Delegation,
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    FeedScope,
    FeedToken,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
    Visit,
)
from visits.scheduling.timezones import to_utc

EVENTS = 1_000
REPEAT = 15


def build_visit() -> FeedToken:
    days = 10
    visit = Visit(
        title=LocalizedText(ru="Визит делегации", en="Delegation visit"),
        timezone="Asia/Almaty",
        start_date=date(2025, 4, 21),
        end_date=date(2025, 4, 21) + timedelta(days=days - 1),
        delegation=Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul"),
    )
    venues = [
        Venue(name=LocalizedText(ru=f"Зал {n}"), address=LocalizedText(ru=f"ул. {n}"))
        for n in range(40)
    ]
    people = [Person(full_name=LocalizedText(ru=f"Участник {n}")) for n in range(120)]
    for n in range(EVENTS):
        day = visit.start_date + timedelta(days=n % days)
        start = datetime.combine(day, datetime.min.time()) + timedelta(
            minutes=8 * 60 + (n * 7) % 720
        )
        event = Event(
            visit=visit,
            kind=EventKind.MEETING,
            title=LocalizedText(ru=f"Встреча № {n} с делегацией", en=f"Meeting {n}"),
            description=LocalizedText(ru="Обсуждение сотрудничества в сфере культуры и туризма."),
            starts_at=to_utc(day, start.time(), visit.timezone),
            ends_at=to_utc(day, start.time(), visit.timezone) + timedelta(minutes=45),
            venue=venues[n % len(venues)],
            status=EventStatus.CANCELLED if n % 50 == 0 else EventStatus.CONFIRMED,
            visibility=Visibility.DELEGATION,
        )
        for k in range(3):
            event.participants.append(
                EventParticipant(
                    person=people[(n + k * 17) % len(people)],
                    role=ParticipantRole.GUEST,
                    side=Side.GUEST if k else Side.HOST,
                    position=k,
                )
            )
        db.session.add(event)
    token = FeedToken(scope=FeedScope.VISIT, visit=visit, label="bench", language="ru")
    db.session.add(token)
    db.session.commit()
    return token


def best(action, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def measure() -> dict[str, float]:
    folder = tempfile.mkdtemp(prefix="visits-bench-")
    app = create_app(TestConfig(folder, f"sqlite:///{folder}/bench.sqlite3"))
    with app.app_context():
        db.create_all()
        token = build_visit()
        client = app.test_client()
        url = f"/feeds/{token.token}.ics"
        first = client.get(url)
        assert first.status_code == 200, first.status_code
        tag = first.headers["ETag"]

        def feed():
            assert client.get(url).status_code == 200

        def rebuilt():
            # As after a change elsewhere in the visit: the whole feed is assembled again,
            # from the events' cached renderings.
            feed_cache.clear()
            assert client.get(url).status_code == 200

        def revalidate():
            assert client.get(url, headers={"If-None-Match": tag}).status_code == 304

        def health():
            assert client.get("/healthz").status_code == 200

        # The same events rendered afresh: the renderer with its caches emptied each time.
        from flask_babel import force_locale

        from visits.feeds.content import calendar_name, feed_calendar, feed_events
        from visits.feeds.queries import event_rows, participant_rows, visible

        with app.test_request_context(), force_locale("ru"):
            which = visible(token)
            values = feed_events(
                db.session.execute(event_rows(which, "ru")),
                db.session.execute(participant_rows(which, "ru")),
                "Asia/Almaty",
                None,
                "ru",
            )
            cal = feed_calendar(calendar_name(token, "ru"), "ru", "Asia/Almaty", None, app.config)

        def bare():
            ical.render_event.cache_clear()
            ical.render_calendar(cal, values)

        statements: list[str] = []
        sa_event.listen(
            db.engine, "before_cursor_execute", lambda *args: statements.append(args[2])
        )
        rebuilt()
        queries = len(statements)
        feed_time = best(feed)
        rebuilt_time = best(rebuilt)
        bare_time = best(bare, 5)
        reval_time = best(revalidate, 200)
        health_time = best(health, 200)
    return {
        "events": len(values),
        "feed_s": feed_time[0],
        "rebuilt_s": rebuilt_time[0],
        "bare_s": bare_time[0],
        "revalidate_s": reval_time[0],
        "healthz_s": health_time[0],
        "queries": queries,
        "bytes": len(first.get_data()),
    }


def run() -> list[tuple[str, str]]:
    m = measure()
    return [
        (f"feeds: {m['events']:,} events, repeat poll", f"{m['feed_s'] * 1000:.1f} ms"),
        ("feeds: feed rebuilt after a change", f"{m['rebuilt_s'] * 1000:.1f} ms"),
        ("feeds: same events rendered afresh", f"{m['bare_s'] * 1000:.1f} ms"),
        ("feeds: rebuilt / fresh rendering", f"{m['rebuilt_s'] / m['bare_s']:.3f} (target ≤ 0.25)"),
        ("feeds: 304 revalidation", f"{m['revalidate_s'] * 1000:.2f} ms"),
        ("feeds: GET /healthz", f"{m['healthz_s'] * 1000:.2f} ms"),
        ("feeds: 304 / healthz", f"{m['revalidate_s'] / m['healthz_s']:.2f} (target ≤ 1.5)"),
        ("feeds: SQL queries, feed rebuilt", f"{m['queries']} (target ≤ 5)"),
    ]


def main() -> None:
    for label, figure in run():
        print(f"{label:45}  {figure}")


if __name__ == "__main__":
    main()
