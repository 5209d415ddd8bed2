"""Printed programme benchmark: visits of 10 and 200 events, measured side by side.

- the HTML page and the PDF (rendered afresh: the PDF cache is emptied before each run),
  and the PDF time per page;
- a repeat PDF request with If-None-Match (304, nothing rendered) versus GET /healthz;
- the SQL queries of one programme request.

Targets: HTML(200) / PDF(200) under 5%; 304 / healthz at most 1.5; queries constant.
"""

import io
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta

import pypdf
from sqlalchemy import event as sa_event
from staff import signed_in

from visits import create_app
from visits.config import TestConfig
from visits.extensions import db
from visits.models import (
    Delegation,
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    LocalizedText,
    ParticipantRole,
    Person,
    Role,
    Side,
    Venue,
    Visibility,
    Visit,
)
from visits.programme.printing import pdf_cache
from visits.scheduling.timezones import to_utc

SIZES = (10, 200)
DAYS = 4


def build_visit(events: int) -> Visit:
    visit = Visit(
        title=LocalizedText(ru=f"Визит делегации ({events} мероприятий)"),
        timezone="Asia/Almaty",
        start_date=date(2025, 4, 21),
        end_date=date(2025, 4, 21) + timedelta(days=DAYS - 1),
        delegation=Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul"),
    )
    venues = [
        Venue(name=LocalizedText(ru=f"Зал {n}"), address=LocalizedText(ru=f"ул. Мира, {n}"))
        for n in range(12)
    ]
    people = [Person(full_name=LocalizedText(ru=f"Участник {n}")) for n in range(30)]
    for n in range(events):
        day = visit.start_date + timedelta(days=n % DAYS)
        start = datetime.combine(day, datetime.min.time()) + timedelta(
            minutes=8 * 60 + (n * 37) % 720
        )
        event = Event(
            visit=visit,
            kind=EventKind.MEETING,
            title=LocalizedText(ru=f"Встреча № {n} по вопросам сотрудничества"),
            starts_at=to_utc(day, start.time(), visit.timezone),
            ends_at=to_utc(day, start.time(), visit.timezone) + timedelta(minutes=45),
            venue=venues[n % len(venues)],
            status=EventStatus.CANCELLED if n % 25 == 0 else EventStatus.CONFIRMED,
            visibility=Visibility.DELEGATION,
            notes=LocalizedText(ru="Форма одежды деловая; переводчик."),
        )
        for k in range(3):
            event.participants.append(
                EventParticipant(
                    person=people[(n + k * 7) % len(people)],
                    role=ParticipantRole.GUEST,
                    side=Side.GUEST if k else Side.HOST,
                    position=k,
                )
            )
        db.session.add(event)
    db.session.commit()
    return visit


def timed(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def measure() -> dict:
    folder = tempfile.mkdtemp(prefix="visits-bench-")
    app = create_app(TestConfig(folder, f"sqlite:///{folder}/bench.sqlite3"))
    figures: dict = {}
    with app.app_context():
        db.create_all()
        client = signed_in(app, Role.VIEWER)
        statements: list[str] = []
        sa_event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        for size in SIZES:
            visit = build_visit(size)
            html_url = f"/visits/{visit.id}/program?variant=working&lang=ru"
            pdf_url = f"/visits/{visit.id}/program.pdf?variant=working&lang=ru"

            def html(url=html_url):
                assert client.get(url).status_code == 200

            def pdf(url=pdf_url):
                pdf_cache.clear()
                assert client.get(url).status_code == 200

            html()
            statements.clear()
            html()
            queries = len(statements)
            body = client.get(pdf_url).data
            pages = len(pypdf.PdfReader(io.BytesIO(body)).pages)
            figures[size] = {
                "html": timed(html, 10)[0],
                "pdf": timed(pdf, 3)[0],
                "pages": pages,
                "queries": queries,
            }
            tag = client.get(pdf_url).headers["ETag"]

            def revalidate(url=pdf_url, tag=tag):
                assert client.get(url, headers={"If-None-Match": tag}).status_code == 304

            def health():
                assert client.get("/healthz").status_code == 200

            figures[size]["304"] = timed(revalidate, 200)[0]
            figures[size]["healthz"] = timed(health, 200)[0]
    return figures


def run() -> list[tuple[str, str]]:
    m = measure()
    rows = []
    for size in SIZES:
        f = m[size]
        rows += [
            (f"programme: {size} events, HTML", f"{f['html'] * 1000:.1f} ms"),
            (f"programme: {size} events, PDF ({f['pages']} pages)", f"{f['pdf'] * 1000:.0f} ms"),
            (f"programme: {size} events, PDF per page", f"{f['pdf'] / f['pages'] * 1000:.0f} ms"),
            (f"programme: {size} events, SQL queries", str(f["queries"])),
        ]
    big = m[SIZES[-1]]
    rows += [
        (
            f"programme: HTML / PDF ({SIZES[-1]} events)",
            f"{big['html'] / big['pdf'] * 100:.2f}% (target < 5%)",
        ),
        ("programme: repeat PDF, 304", f"{big['304'] * 1000:.2f} ms"),
        ("programme: GET /healthz", f"{big['healthz'] * 1000:.2f} ms"),
        ("programme: 304 / healthz", f"{big['304'] / big['healthz']:.2f} (target ≤ 1.5)"),
        (
            "programme: queries constant in events",
            "yes" if m[SIZES[0]]["queries"] == big["queries"] else "NO",
        ),
    ]
    return rows


def main() -> None:
    for label, figure in run():
        print(f"{label:48}  {figure}")


if __name__ == "__main__":
    main()
