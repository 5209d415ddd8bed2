"""Uploads are read under a budget: so many at once per process, so long each."""

import itertools
from datetime import date

import pytest

from tests.agenda.test_views import CSV, upload
from visits.agenda.sheet_reader import read_rows
from visits.importing import budget


@pytest.fixture
def fake_clock(monkeypatch):
    """A clock that moves one second each time it is read."""
    ticks = itertools.count()
    monkeypatch.setattr(budget, "clock", lambda: float(next(ticks)))


@pytest.fixture
def visit(db, make_visit):
    return make_visit()


def test_a_reading_past_its_deadline_stops_inside_the_loop(app, fake_clock) -> None:
    app.config["IMPORT_PARSE_SECONDS"] = 5
    read = 0

    def endless_rows():
        nonlocal read
        yield ["Дата", "Начало", "Окончание", "Название"]
        while True:
            read += 1
            yield ["21.04.2025", "10:00", "11:00", "Встреча"]

    with pytest.raises(budget.ParseTooLong), budget.parse_budget():
        read_rows(endless_rows(), date(2025, 4, 21), date(2025, 4, 22))
    assert read <= 6  # stopped at the deadline, not at the end of the file


def test_an_upload_out_of_time_is_refused_with_a_message(app, staff_client, visit, fake_clock):
    app.config["IMPORT_PARSE_SECONDS"] = 2
    refused = upload(staff_client, visit, CSV, "agenda.csv")
    assert refused.status_code == 422
    assert "took longer than 2 seconds" in refused.get_data(as_text=True)


def test_an_upload_while_every_slot_is_taken_is_answered_busy(app, staff_client, visit) -> None:
    slots = budget.parse_slots()
    taken = 0
    while slots.acquire(blocking=False):
        taken += 1
    try:
        busy = upload(staff_client, visit, CSV, "agenda.csv")
    finally:
        for _ in range(taken):
            slots.release()
    assert taken == app.config["IMPORT_PARSE_SLOTS"]
    assert busy.status_code == 503
    assert "busy reading other uploads" in busy.get_data(as_text=True)
    assert upload(staff_client, visit, CSV, "agenda.csv").status_code == 200  # slots given back
