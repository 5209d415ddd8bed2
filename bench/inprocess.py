"""The office measured in process (the app's test client, SQLite), each figure beside the
baseline that tells what it costs beyond the unavoidable:

- feed of visit 1 (the delegation's, 400 events): built cold and repeated, against the
  bare icalendar library building the same events with the same fields, and against a bare
  WSGI app serving static bytes of the same size;
- programme PDF of one day and of the whole visit 1, against bare WeasyPrint rendering the
  app's HTML of the same print;
- conflicts: `detect()` alone, beside the visit page and the conflicts API of visit 1, and
  detect() with the warnings written to JSON in one pass (the API's baseline);
- pages: the event form of the 43-participant meeting, the visit page, the subscribe
  page, and the subscribe page's 304 against /healthz.
"""

import json
import logging
from dataclasses import asdict

import icalendar
from office import RUNS, ms, office_app, ratio, runs
from sqlalchemy import delete, select
from staff import signed_in
from werkzeug.test import Client
from werkzeug.wrappers import Response

from visits.exports import ical
from visits.extensions import db
from visits.feeds.serve import feed_cache
from visits.models import FeedScope, FeedToken, PrintJob, Role, Visit
from visits.programme import printing
from visits.scheduling import conflicts as c
from visits.visits import conflicts as vc
from visits.visits.conflict_cache import conflict_cache
from visits.visits.queries import visit_page


def bare_calendar(body: bytes):
    """A function building, with icalendar alone, the calendar of `body` (the app's feed):
    the same events with the same properties, from plain Python values."""
    parsed = icalendar.Calendar.from_ical(body)
    head = [(name, value) for name, value in parsed.property_items(recursive=False)[1:-1]]
    others = [part for part in parsed.subcomponents if part.name != "VEVENT"]
    events = []
    for part in parsed.walk("VEVENT"):
        fields = []
        for name, value in part.items():
            for one in value if isinstance(value, list) else [value]:
                plain = one.dt if hasattr(one, "dt") else one
                fields.append((name, plain, dict(getattr(one, "params", {}))))
        events.append(fields)

    def build() -> bytes:
        calendar = icalendar.Calendar()
        for name, value in head:
            calendar.add(name, value)
        for part in others:
            calendar.add_component(part)
        for fields in events:
            event = icalendar.Event()
            for name, value, params in fields:
                event.add(name, value, parameters=params or None)
            calendar.add_component(event)
        return calendar.to_ical()

    return build


def feeds(app, client, visit_id: int) -> list[tuple[str, str]]:
    secret = db.session.scalar(
        select(FeedToken.token).where(
            FeedToken.visit_id == visit_id, FeedToken.scope == FeedScope.VISIT
        )
    )
    url = f"/feeds/{secret}.ics"
    body = client.get(url).data
    events = body.count(b"BEGIN:VEVENT")

    def cold():
        feed_cache.clear()
        ical.clear_caches()
        assert client.get(url).status_code == 200

    def repeat():
        assert client.get(url).status_code == 200

    build = bare_calendar(body)
    static = Client(Response(body, mimetype="text/calendar"))

    def served():
        assert static.get("/").status_code == 200

    cold_t, repeat_t = runs(cold), runs(repeat, 20)
    bare_t, static_t = runs(build), runs(served, 20)
    return [
        (f"feed of visit 1 ({events} events, {len(body) / 1024:.0f} KiB), cold", ms(cold_t)),
        ("  baseline: bare icalendar, same events and fields", ms(bare_t)),
        ("  cold / bare icalendar", ratio(cold_t, bare_t)),
        ("feed of visit 1, repeat", ms(repeat_t, 2)),
        ("  baseline: bare WSGI serving static bytes, same size", ms(static_t, 2)),
        ("  repeat / static bytes", ratio(repeat_t, static_t)),
    ]


def pdfs(client, visit: Visit) -> list[tuple[str, str]]:
    rows = []
    day = visit.start_date
    for label, query in ((f"one day ({day})", f"?day={day}"), ("whole visit 1", "")):
        pdf_url = f"/visits/{visit.id}/program.pdf{query}"
        html = client.get(f"/visits/{visit.id}/program{query}").get_data(as_text=True)

        def app_pdf(url=pdf_url):
            db.session.execute(delete(PrintJob))  # a finished print would be served as it is
            db.session.commit()
            assert client.get(url).status_code == 200

        def bare(html=html):
            from weasyprint import HTML

            HTML(
                string=html, base_url=printing.PDF_BASE_URL, url_fetcher=printing._fetcher()
            ).write_pdf()

        app_t, bare_t = runs(app_pdf), runs(bare)
        rows += [
            (f"programme PDF, {label}", ms(app_t, 0)),
            ("  baseline: bare WeasyPrint, the app's HTML", ms(bare_t, 0)),
            ("  app / bare WeasyPrint", ratio(app_t, bare_t)),
        ]
    return rows


def conflicts(client, visit_id: int) -> list[tuple[str, str]]:
    visit = db.session.scalar(visit_page(visit_id))
    assert visit is not None
    members = visit.delegation.members if visit.delegation else []
    places = {
        e.venue.id: c.Place(e.venue.id, None, None, e.venue.capacity, e.venue.shared)
        for e in visit.events
        if e.venue is not None
    }
    arguments = (
        [vc.slot(e) for e in visit.events],
        places,
        vc.presences(members, visit.movements),
        vc.stays(members, visit.stays),
        c.VisitFrame(visit.start_date, visit.end_date, visit.timezone),
        {},
        float(visit.city_speed_kmh),
    )
    found = c.detect(*arguments)

    def detect():
        c.detect(*arguments)

    def one_pass():
        json.dumps([asdict(k) for k in c.detect(*arguments)])

    def page(cold: bool = False):
        if cold:
            conflict_cache.clear()
        assert client.get(f"/visits/{visit_id}").status_code == 200

    def api(cold: bool = False):
        if cold:
            conflict_cache.clear()
        assert client.get(f"/api/v1/visits/{visit_id}/conflicts").status_code == 200

    detect_t, pass_t = runs(detect, 5), runs(one_pass, 5)
    page_cold, api_cold = runs(lambda: page(cold=True)), runs(lambda: api(cold=True))
    page_t, api_t = runs(page), runs(api)
    return [
        (f"conflicts: detect() alone, visit 1 ({len(found)} warnings)", ms(detect_t)),
        ("conflicts: visit page of visit 1, conflicts computed", ms(page_cold)),
        ("conflicts: visit page of visit 1, conflicts cached", ms(page_t)),
        ("  visit page computed / detect()", ratio(page_cold, detect_t)),
        ("conflicts: API of visit 1, conflicts computed", ms(api_cold)),
        ("conflicts: API of visit 1, conflicts cached", ms(api_t)),
        ("  baseline: detect() + warnings to JSON in one pass", ms(pass_t)),
        ("  API cached / one pass", ratio(api_t, pass_t, "≤ 3")),
        ("  API computed (visit read from the database) / one pass", ratio(api_cold, pass_t)),
    ]


def pages(client, visit_id: int, plenary: int) -> list[tuple[str, str]]:
    secret = db.session.scalar(
        select(FeedToken.token).where(
            FeedToken.visit_id == visit_id, FeedToken.scope == FeedScope.VISIT
        )
    )
    rows = []
    for label, url, target in (
        ("event form, 43-participant meeting", f"/events/{plenary}/edit", "≤ 150 KB, ≤ 100 ms"),
        ("visit page, visit 1", f"/visits/{visit_id}", "≤ 300 KB, ≤ 150 ms"),
        ("subscribe page, visit 1's feed", f"/feeds/{secret}", ""),
    ):
        size = len(client.get(url).data)
        times = runs(lambda url=url: client.get(url), 3)
        figure = f"{size / 1000:,.0f} KB · {ms(times)}" + (f" (target {target})" if target else "")
        rows.append((f"page: {label}", figure))
    tag = client.get(f"/feeds/{secret}").headers.get("ETag")
    if tag:
        revalidate = runs(
            lambda: client.get(f"/feeds/{secret}", headers={"If-None-Match": tag}), 50
        )
        health = runs(lambda: client.get("/healthz"), 50)
        rows += [
            ("page: subscribe page, 304", ms(revalidate, 2)),
            ("  baseline: GET /healthz", ms(health, 2)),
            ("  304 / healthz", ratio(revalidate, health, "≤ 1.5")),
        ]
    else:
        rows.append(
            ("page: subscribe page, 304", "no ETag: always rendered (target ≤ 1.5 × healthz)")
        )
    return rows


def run() -> list[tuple[str, str]]:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # the screen-only CSS it skips
    app, facts = office_app()
    counts = ", ".join(f"{n:,} {what}" for what, n in facts["counts"].items())
    rows = [
        ("office demo", counts),
        ("office built on SQLite", f"{facts['built_s']:.1f} s"),
        (f"each figure: median of {RUNS} runs (min–max)", "in process, SQLite"),
    ]
    with app.app_context():
        client = signed_in(app, Role.EDITOR)
        visit = db.session.get(Visit, facts["visit"])
        assert visit is not None
        rows += feeds(app, client, visit.id)
        rows += conflicts(client, visit.id)
        rows += pages(client, visit.id, facts["plenary"])
        rows += pdfs(client, visit)
    return rows


def main() -> None:
    for label, figure in run():
        print(f"{label:58}  {figure}")


if __name__ == "__main__":
    main()
