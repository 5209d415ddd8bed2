from datetime import UTC, date, datetime, time, timedelta

import pytest

from visits.scheduling.timezones import InvalidTimeZone, to_local, to_utc, validate_zone


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
