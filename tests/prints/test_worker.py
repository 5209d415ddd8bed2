"""The print worker: a failed render is tried once more, then the job fails with a message
staff read; a claim whose worker died is taken back; one worker wins a claim; old jobs go."""

from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from visits.extensions import db
from visits.models import PrintJob, PrintState
from visits.orm import utcnow
from visits.prints.worker import (
    STALE_MARGIN_SECONDS,
    RenderTimeout,
    claim,
    failure_message,
    prune,
    run_pending,
    take_back_stale,
    time_limit,
)


def _queue(client, visit, query: str = "") -> int:
    response = client.get(f"/visits/{visit.id}/program.pdf{query}")
    assert response.status_code == 202
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _job(job_id: int) -> PrintJob:
    return db.session.get_one(PrintJob, job_id, populate_existing=True)


def test_a_failing_render_is_retried_once_then_shows_its_message(
    app, worker_mode, staff_client, visit, fake_render
):
    job_id = _queue(staff_client, visit, "?lang=en")
    fake_render.failure = RuntimeError("no font for the script")

    counts = run_pending(app)

    assert (counts.retried, counts.failed) == (1, 1)  # queued again, then tried again

    assert fake_render.rendered == [job_id, job_id]
    job = _job(job_id)
    assert (job.state, job.attempts, job.file) == (PrintState.FAILED, 2, None)
    assert "no font for the script" in job.error
    status = staff_client.get(f"/prints/{job_id}.json").get_json()
    assert status == {"state": "failed", "file": None, "error": job.error}
    page = staff_client.get(f"/prints/{job_id}").get_data(as_text=True)
    assert "could not be made, twice: no font for the script" in page
    assert "refresh" not in page and "print-progress.js" not in page
    # Asking for the print again tries again.
    fake_render.failure = None
    assert _queue(staff_client, visit, "?lang=en") == job_id
    assert run_pending(app).done == 1
    assert _job(job_id).state is PrintState.DONE


def test_the_failure_is_told_in_the_language_of_whoever_asked(app):
    with app.test_request_context(), force_locale("ru"):
        timeout = failure_message(RenderTimeout(120), 120)
        error = failure_message(OSError("disk full"), 120)
    assert "120" in timeout and "дважды" in timeout
    assert "disk full" in error


def test_a_claim_whose_worker_died_is_taken_back(app, worker_mode, staff_client, visit):
    first = _queue(staff_client, visit)
    second = _queue(staff_client, visit, "?variant=working")
    now = utcnow()
    assert claim(db.session(), "dead-worker", now - timedelta(hours=1)) == first
    assert claim(db.session(), "dead-worker", now - timedelta(hours=1)) == second
    db.session.execute(PrintJob.__table__.update().where(PrintJob.id == second).values(attempts=2))
    db.session.commit()
    recent = claim(db.session(), "live-worker", now)
    assert recent is None  # nothing else is queued

    failed = take_back_stale(db.session(), now, 120)

    assert failed == 1
    assert (_job(first).state, _job(first).claimed_by) == (PrintState.QUEUED, None)
    assert _job(second).state is PrintState.FAILED
    assert "дважды остановился" in _job(second).error  # in the language it was asked in


def test_a_claim_younger_than_the_limit_is_left_alone(app, worker_mode, staff_client, visit):
    job_id = _queue(staff_client, visit)
    now = utcnow()
    claim(db.session(), "busy-worker", now - timedelta(seconds=120 + STALE_MARGIN_SECONDS - 5))
    assert take_back_stale(db.session(), now, 120) == 0
    assert _job(job_id).state is PrintState.RENDERING


def test_only_one_of_two_claims_on_a_job_wins(app, worker_mode, staff_client, visit):
    job_id = _queue(staff_client, visit)
    now = utcnow()
    assert claim(db.session(), "first", now, job_id) == job_id
    assert claim(db.session(), "second", now, job_id) is None
    assert claim(db.session(), "second", now) is None
    assert (_job(job_id).claimed_by, _job(job_id).attempts) == ("first", 1)


def test_a_result_written_after_the_claim_was_taken_back_is_dropped(
    app, worker_mode, staff_client, visit, fake_render
):
    """A worker that outlived its claim does not overwrite the new owner's job."""
    job_id = _queue(staff_client, visit)
    now = utcnow()
    claim(db.session(), "slow-worker", now - timedelta(hours=1))
    take_back_stale(db.session(), now, 120)
    assert claim(db.session(), "new-worker", now) == job_id
    from visits.prints.worker import render_job

    assert render_job(app, db.session(), job_id, "slow-worker") is PrintState.DONE
    assert (_job(job_id).state, _job(job_id).claimed_by) == (PrintState.RENDERING, "new-worker")


def test_old_finished_jobs_are_pruned(app, worker_mode, staff_client, visit, fake_render):
    old = _queue(staff_client, visit)
    run_pending(app)
    young = _queue(staff_client, visit, "?variant=working")
    run_pending(app)
    waiting = _queue(staff_client, visit, "?lang=kk")
    db.session.execute(
        PrintJob.__table__.update()
        .where(PrintJob.id.in_((old, waiting)))
        .values(finished_at=utcnow() - timedelta(days=2))
    )
    db.session.commit()

    assert prune(db.session(), utcnow() - timedelta(hours=24)) == 1

    left = set(db.session.scalars(select(PrintJob.id)))
    assert left == {young, waiting}
    assert db.session.scalar(select(func.count(PrintJob.id))) == 2


def test_the_command_renders_what_is_queued(worker_mode, staff_client, visit, fake_render, runner):
    _queue(staff_client, visit)
    result = runner.invoke(args=["prints", "work"])
    assert result.exit_code == 0, result.output
    assert result.output == "Prints: 1 done, 0 to retry, 0 failed, 0 pruned.\n"


def test_a_render_past_the_time_limit_is_stopped():
    with pytest.raises(RenderTimeout), time_limit(0.01):
        while True:
            pass
