"""A real calendar sync client, written by others, subscribes to a served feed: vdirsyncer
fetches it over HTTP into a local calendar folder and khal shows that calendar in a chosen
time zone. A move and a cancel made by staff arrive with the next sync."""

import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest

from visits.demo import load_demo
from visits.events.services import cancel_event, move_event
from visits.models import FeedScope, FeedToken
from visits.scheduling.timezones import to_utc

pytestmark = pytest.mark.browser

BIN = Path(sys.executable).parent
DAY = date(2025, 4, 21)


class Client:
    """vdirsyncer and khal configured in a folder of their own."""

    def __init__(self, folder: Path, feed_url: str) -> None:
        self.folder = folder
        (folder / "calendar").mkdir()
        (folder / "vdirsyncer.conf").write_text(
            f'[general]\nstatus_path = "{folder}/status/"\n\n'
            '[pair visit]\na = "feed"\nb = "calendar"\ncollections = null\n'
            'conflict_resolution = "a wins"\n\n'
            f'[storage feed]\ntype = "http"\nurl = "{feed_url}"\n\n'
            f'[storage calendar]\ntype = "filesystem"\npath = "{folder}/calendar/"\n'
            'fileext = ".ics"\n'
        )
        self.run("vdirsyncer", "-c", str(folder / "vdirsyncer.conf"), "discover")

    def run(self, program: str, *args: str) -> str:
        done = subprocess.run(
            [str(BIN / program), *args], capture_output=True, text=True, timeout=60, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def sync(self) -> None:
        self.run("vdirsyncer", "-c", str(self.folder / "vdirsyncer.conf"), "sync")

    def agenda(self, zone: str) -> list[str]:
        """What khal lists for 21 April 2025 with its clock set to `zone`."""
        config = self.folder / f"khal-{zone.replace('/', '-')}.conf"
        config.write_text(
            f"[calendars]\n[[visit]]\npath = {self.folder}/calendar/\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
            "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
            "longdatetimeformat = %Y-%m-%d %H:%M\n"
            f"default_timezone = {zone}\nlocal_timezone = {zone}\n"
            f"[sqlite]\npath = {config.with_suffix('.db')}\n"
        )
        out = self.run(
            "khal",
            "-c",
            str(config),
            "list",
            "2025-04-21",
            "2025-04-22",
            "--format",
            "{start-time}-{end-time} {status}{title}",
        )
        return [line.strip() for line in out.splitlines() if line[:1].isdigit()]


def test_a_sync_client_shows_the_demo_in_both_zones_and_follows_changes(live_server, db, tmp_path):
    visit = load_demo(db.session)
    feed = FeedToken(scope=FeedScope.VISIT, visit=visit, label="Делегация", language="ru")
    db.session.add(feed)
    db.session.commit()
    client = Client(tmp_path, f"{live_server}/feeds/{feed.token}.ics")

    client.sync()
    almaty = client.agenda("Asia/Almaty")
    assert [line[:11] for line in almaty] == ["10:00-11:30", "12:00-12:45", "19:00-21:00"]
    assert "Встреча с акимом" in almaty[0] and "«Во все века»" in almaty[2]
    barnaul = client.agenda("Asia/Barnaul")
    assert [line[:11] for line in barnaul] == ["12:00-13:30", "14:00-14:45", "21:00-23:00"]

    events = {e.kind.value: e for e in visit.events}
    move_event(db.session, events["concert"], to_utc(DAY, time(19, 30), visit.timezone))
    cancel_event(db.session, events["ceremony"])
    db.session.commit()

    client.sync()
    almaty = client.agenda("Asia/Almaty")
    assert almaty[2].startswith("19:30-21:30")
    ceremony = almaty[1]
    assert ceremony.startswith("12:00-12:45")
    assert "CANCELLED" in ceremony and "ОТМЕНЕНО" in ceremony.upper()
