"""Two workers at once, each in its own thread with its own app context and connection,
render every queued print exactly once."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlalchemy import select

from visits.extensions import db
from visits.models import PrintJob, PrintState
from visits.prints import background, queue, worker
from visits.prints.worker import Counts, run_pending
from visits.programme.printing import PrintOptions

pytestmark = pytest.mark.isolated  # the workers' connections must see committed jobs

JOBS = 8


def test_two_workers_never_render_the_same_job(app, visit, monkeypatch):
    for n in range(JOBS):
        options = PrintOptions("guest", "ru", None, None, n % 2 == 1)
        queue.enqueue(
            db.session(),
            visit_id=visit.id,
            key=f"print-{n}",
            kind="pdf",
            options=options,
            interface="ru",
            file_name=f"programme-{n}.pdf",
        )
    db.session.commit()
    db.session.remove()
    rendered: list[tuple[int, str]] = []
    lock = threading.Lock()

    def render(session, job: PrintJob) -> bytes:
        with lock:
            rendered.append((job.id, threading.current_thread().name))
        return b"%PDF-fake"

    monkeypatch.setattr(worker, "render", render)
    start = Barrier(2)

    def work() -> Counts:
        start.wait()
        total = Counts()
        # Small rounds, so that the two workers take turns over the queue.
        while (counts := run_pending(app, limit=2)).done:
            total.done += counts.done
            total.failed += counts.failed
        return total

    with ThreadPoolExecutor(2) as pool:
        results = [future.result() for future in [pool.submit(work), pool.submit(work)]]

    assert sum(result.done for result in results) == JOBS
    assert sum(result.failed for result in results) == 0
    assert set(Counter(job for job, _thread in rendered).values()) == {1}
    assert len(rendered) == JOBS
    states = db.session.scalars(select(PrintJob.state).distinct()).all()
    assert states == [PrintState.DONE]


def test_a_development_server_renders_in_a_thread_after_the_request(
    app, staff_client, visit, fake_render
):
    app.config["PRINT_RENDERING"] = "thread"
    url = f"/visits/{visit.id}/program.pdf"

    queued = staff_client.get(url)
    background.join(timeout=30)

    assert queued.status_code == 202
    served = staff_client.get(url)
    assert served.status_code == 200
    assert served.data.startswith(b"%PDF-fake")
