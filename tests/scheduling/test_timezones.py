import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
import tzdata

from visits.scheduling.timezones import (
    InvalidTimeZone,
    is_repeated,
    to_local,
    to_utc,
    utc_offset_label,
    validate_zone,
)


def test_almaty_evening_is_afternoon_in_utc_and_later_in_barnaul():
    moment = to_utc(date(2025, 4, 21), time(19, 0), "Asia/Almaty")
    assert moment == datetime(2025, 4, 21, 14, 0, tzinfo=UTC)
    # Kazakhstan moved to a single zone, UTC+5, on 1 March 2024; stale data says +6.
    assert to_local(moment, "Asia/Almaty").utcoffset() == timedelta(hours=5)
    barnaul = to_local(moment, "Asia/Barnaul")
    assert barnaul.utcoffset() == timedelta(hours=7)
    assert (barnaul.hour, barnaul.minute) == (21, 0)


def test_almaty_before_the_2024_change_was_utc_plus_six():
    moment = to_utc(date(2024, 2, 1), time(12, 0), "Asia/Almaty")
    assert moment.hour == 6


@pytest.mark.parametrize("name", ["Asia/Almaty", "Asia/Barnaul", "UTC", "Europe/Moscow"])
def test_known_zones_pass(name):
    assert validate_zone(name) == name


@pytest.mark.parametrize("name", ["", "Asia/Ust-Kamenogorsk", "GMT+5", "Asia/Almaty/x", "../etc"])
def test_unknown_zones_are_refused_with_a_clear_message(name):
    with pytest.raises(InvalidTimeZone, match="Unknown time zone"):
        validate_zone(name)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive"):
        to_local(datetime(2025, 4, 21, 14, 0), "Asia/Almaty")


def test_a_zone_typed_in_another_letter_case_is_given_its_proper_spelling():
    assert validate_zone(" asia/barnaul ") == "Asia/Barnaul"


STALE_ZONE_CHECK = """
from datetime import date, time, timedelta
from visits.exports.ical import FeedCalendar, FeedEvent, render_calendar
from visits.scheduling.timezones import to_local, to_utc, tz_data_problem

moment = to_utc(date(2025, 4, 21), time(19, 0), "Asia/Almaty")
assert to_local(moment, "Asia/Almaty").utcoffset() == timedelta(hours=5), "stored times"
assert tz_data_problem() is None
event = FeedEvent(
    uid="u", sequence=0, starts_at=moment, ends_at=moment, zone="Asia/Almaty", summary="s",
    status="confirmed", category="", location=None, geo=None, description="", url=None,
    created_at=moment, updated_at=moment,
)
calendar = FeedCalendar(
    name="n", description="", language="ru", refresh_minutes=60, organizer_name="o",
    organizer_email="o@x", cancelled_prefix="", reminder_minutes=None,
)
data = render_calendar(calendar, [event])
assert b"TZOFFSETTO:+0500" in data and b"+0600" not in data, "VTIMEZONE"
print("ok")
"""


def test_the_pinned_tz_data_wins_over_a_stale_zone_directory_of_the_host(tmp_path):
    """A host directory on the search path where Asia/Almaty is still +06 is ignored."""
    plus_six = Path(tzdata.__file__).parent / "zoneinfo" / "Etc" / "GMT-6"
    (tmp_path / "Asia").mkdir()
    shutil.copy(plus_six, tmp_path / "Asia" / "Almaty")
    environment = os.environ | {"PYTHONTZPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", STALE_ZONE_CHECK],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_fold_picks_a_pass_of_the_repeated_hour_and_nothing_else():
    autumn, spring = date(2024, 10, 27), date(2024, 3, 31)
    first = to_utc(autumn, time(2, 30), "Europe/Berlin")
    second = to_utc(autumn, time(2, 30), "Europe/Berlin", fold=1)
    assert (first, second) == (
        datetime(2024, 10, 27, 0, 30, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
    )
    assert is_repeated(to_local(second, "Europe/Berlin"))
    assert not is_repeated(to_local(second + timedelta(hours=1), "Europe/Berlin"))
    # In the spring gap, and on an ordinary day, the fold changes nothing.
    assert to_utc(spring, time(2, 30), "Europe/Berlin", fold=1) == to_utc(
        spring, time(2, 30), "Europe/Berlin"
    )
    assert to_utc(autumn, time(12, 0), "Europe/Berlin", fold=1) == to_utc(
        autumn, time(12, 0), "Europe/Berlin"
    )


def test_utc_offset_labels_as_people_write_them():
    day = date(2025, 4, 21)
    assert utc_offset_label("Asia/Almaty", day) == "UTC+5"
    assert utc_offset_label("Asia/Barnaul", day) == "UTC+7"
    assert utc_offset_label("Asia/Kolkata", day) == "UTC+5:30"
    assert utc_offset_label("America/New_York", day) == "UTC-4"
    assert utc_offset_label("Etc/UTC", day) == "UTC"
