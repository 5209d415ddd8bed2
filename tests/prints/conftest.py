"""Fixtures of the print job tests: a small visit, the print worker's mode, and a fake
renderer that records what it was asked to render."""

from datetime import date, time

import pytest

from visits.models import PrintJob
from visits.prints import worker

DAY = date(2025, 4, 21)


@pytest.fixture
def visit(make_visit, make_event):
    visit = make_visit()
    make_event(visit, DAY, time(10), time(11))
    return visit


@pytest.fixture
def worker_mode(app):
    """Prints are left to the worker, as under `make serve`."""
    app.config["PRINT_RENDERING"] = "worker"
    return app


class FakeRenderer:
    def __init__(self) -> None:
        self.rendered: list[int] = []
        self.failure: BaseException | None = None

    def __call__(self, session, job: PrintJob) -> bytes:
        self.rendered.append(job.id)
        if self.failure is not None:
            raise self.failure
        return f"%PDF-fake {job.id} {job.options['lang']}".encode()


@pytest.fixture
def fake_render(monkeypatch) -> FakeRenderer:
    renderer = FakeRenderer()
    monkeypatch.setattr(worker, "render", renderer)
    return renderer
