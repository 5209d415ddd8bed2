"""Day timeline benchmark: the time from a drag's release to the refreshed warnings.

A visit of 400 events over eight days (a delegation of 40, ten venues, a few conflicts).
A block of the first day is moved by five minutes, back and forth, through
POST /events/<id>/place as the page's script sends it: the server saves the change
(version check, audit entry, feed version), finds the visit's conflicts again and
renders the day's timeline and warnings. The figure is that request's time in the
server (wall clock, and the process's CPU time, which a busy machine inflates less),
by person and by venue.

Target: under 300 ms.
"""

import statistics
import tempfile
import time
from datetime import date, timedelta
from datetime import time as wall_clock

from sqlalchemy import event as sa_event
from staff import signed_in

from visits import create_app
from visits.config import TestConfig
from visits.extensions import db
from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    LocalizedText,
    MemberRole,
    ParticipantRole,
    Person,
    Role,
    Side,
    Venue,
    Visibility,
    Visit,
)
from visits.scheduling.timezones import to_utc

EVENTS = 400
DAYS = 8
VENUES = 10
REPEAT = 20
DAY = date(2025, 4, 21)


def build_visit() -> Visit:
    """A festival week: each day every venue holds five one-hour events, each with a host
    and three members of the delegation; venues 8 and 9 share the hosts of venues 0 and 1
    at the same hours (a few double bookings, as in a real draft)."""
    members = [Person(full_name=LocalizedText(ru=f"Участник {n}")) for n in range(4 * VENUES)]
    hosts = [Person(full_name=LocalizedText(ru=f"Представитель акимата {n}")) for n in range(8)]
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    delegation.members.extend(
        DelegationMember(person=p, role=MemberRole.MEMBER, precedence=n + 1)
        for n, p in enumerate(members)
    )
    visit = Visit(
        title=LocalizedText(ru="Фестиваль: 400 мероприятий"),
        timezone="Asia/Almaty",
        start_date=DAY,
        end_date=DAY + timedelta(days=DAYS - 1),
        delegation=delegation,
    )
    venues = [Venue(name=LocalizedText(ru=f"Зал {n}"), capacity=50) for n in range(VENUES)]
    for n in range(EVENTS):
        day, rest = divmod(n, EVENTS // DAYS)
        slot, v = divmod(rest, VENUES)
        starts = to_utc(DAY + timedelta(days=day), wall_clock(9 + 2 * slot), visit.timezone)
        event = Event(
            visit=visit,
            kind=EventKind.MEETING,
            title=LocalizedText(ru=f"Мастер-класс № {n}"),
            starts_at=starts,
            ends_at=starts + timedelta(minutes=60),
            venue=venues[v],
            status=EventStatus.CONFIRMED,
            visibility=Visibility.DELEGATION,
        )
        event.participants.append(
            EventParticipant(
                person=hosts[v % len(hosts)], role=ParticipantRole.HOST, side=Side.HOST
            )
        )
        for k in range(3):
            event.participants.append(
                EventParticipant(
                    person=members[4 * v + k],
                    role=ParticipantRole.GUEST,
                    side=Side.GUEST,
                    position=k + 1,
                )
            )
        db.session.add(event)
    db.session.commit()
    return visit


def measure() -> dict:
    folder = tempfile.mkdtemp(prefix="visits-bench-")
    app = create_app(TestConfig(folder, f"sqlite:///{folder}/bench.sqlite3"))
    figures: dict = {}
    with app.app_context():
        db.create_all()
        client = signed_in(app, Role.EDITOR)
        visit = build_visit()
        event_id = db.session.scalars(
            db.select(Event.id).where(Event.visit_id == visit.id).order_by(Event.id)
        ).first()
        statements: list[str] = []
        sa_event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        for mode in ("person", "venue"):
            times, cpu, warnings = [], [], 0
            for n in range(REPEAT):
                db.session.expire_all()
                version = db.session.get(Event, event_id).version_id
                data = {
                    "version_id": str(version),
                    "move": "5" if n % 2 == 0 else "-5",
                    "day": DAY.isoformat(),
                    "by": mode,
                }
                statements.clear()
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.post(
                    f"/events/{event_id}/place", data=data, headers={"Accept": "application/json"}
                )
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
                assert response.status_code == 200, response.get_data(as_text=True)[:300]
                warnings = response.get_json()["warnings"].count("<li")
            figures[mode] = {
                "median": statistics.median(times),
                "worst": max(times),
                "cpu": statistics.median(cpu),
                "queries": len(statements),
                "warnings": warnings,
            }
    return figures


def run() -> list[tuple[str, str]]:
    m = measure()
    rows = []
    for mode in ("person", "venue"):
        f = m[mode]
        rows.append(
            (
                f"timeline: drag released → warnings, {EVENTS} events, by {mode}",
                f"{f['median'] * 1000:.0f} ms median (CPU {f['cpu'] * 1000:.0f} ms), "
                f"{f['worst'] * 1000:.0f} ms worst (target < 300 ms); {f['queries']} queries, "
                f"{f['warnings']} warnings of the day",
            )
        )
    return rows


def main() -> None:
    for label, figure in run():
        print(f"{label:56}  {figure}")


if __name__ == "__main__":
    main()
