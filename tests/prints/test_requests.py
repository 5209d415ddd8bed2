"""A print request answers at once: 202 and a progress page while the print is queued, the
file itself once a worker has rendered it; the progress page and its JSON say where it is."""

from sqlalchemy import func, select

from visits.extensions import db
from visits.models import PrintJob, PrintState
from visits.prints.worker import run_pending


def _job(job_id: int) -> PrintJob:
    db.session.expire_all()
    return db.session.get_one(PrintJob, job_id)


def _job_id(response) -> int:
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_print_request_returns_202_before_any_render_then_serves_the_file(
    app, worker_mode, staff_client, visit, fake_render, count_queries
):
    url = f"/visits/{visit.id}/program.pdf?lang=en"

    queued = staff_client.get(url)

    assert queued.status_code == 202
    assert queued.headers["Location"].startswith("/prints/")
    assert fake_render.rendered == []
    job = _job(_job_id(queued))
    assert (job.state, job.file, job.attempts) == (PrintState.QUEUED, None, 0)
    assert job.file_name == f"programme-{visit.id}-guest-en.pdf"
    page = queued.get_data(as_text=True)
    assert "Waiting for its turn" in page
    # It moves on to the print's own page, never to this address (a .docx would download).
    own = queued.headers["Location"]
    assert f'data-page-url="{own}"' in page and f"url={own}" in page
    status = staff_client.get(f"/prints/{job.id}.json").get_json()
    assert status == {"state": "queued", "file": None, "error": None}

    counts = run_pending(app)

    assert (counts.done, counts.failed) == (1, 0)
    assert fake_render.rendered == [job.id]
    served = staff_client.get(url)
    assert served.status_code == 200
    assert served.data == f"%PDF-fake {job.id} en".encode()
    assert served.mimetype == "application/pdf"
    assert served.headers["Content-Disposition"] == f'inline; filename="{job.file_name}"'
    assert served.headers["ETag"] == f'"{job.key}"'
    with count_queries() as revalidation:
        assert staff_client.get(url, headers={"If-None-Match": job.key}).status_code == 304
    assert len([q for q in revalidation if "FROM users" not in q]) == 1  # the version row
    status = staff_client.get(f"/prints/{job.id}.json").get_json()
    assert status == {"state": "done", "file": f"/prints/{job.id}/file", "error": None}
    page = staff_client.get(f"/prints/{job.id}").get_data(as_text=True)
    assert f'href="/prints/{job.id}/file"' in page
    assert staff_client.get(f"/prints/{job.id}/file").data == served.data


def test_the_same_print_asked_twice_is_one_job_and_each_version_its_own(
    worker_mode, staff_client, visit, fake_render, make_event
):
    url = f"/visits/{visit.id}/program.docx?variant=working"
    first, second = staff_client.get(url), staff_client.get(url)
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(select(func.count(PrintJob.id))) == 1
    assert _job(_job_id(first)).kind.value == "docx"

    staff_client.get(f"/visits/{visit.id}/program.pdf?variant=working")
    visit.title = visit.title  # a new version of the visit is a new print
    make_event(visit, visit.start_date, *_times())
    third = staff_client.get(url)
    assert third.headers["Location"] != first.headers["Location"]
    assert db.session.scalar(select(func.count(PrintJob.id))) == 3


def _times():
    from datetime import time

    return time(15), time(16)


def test_the_print_page_stays_in_the_request(worker_mode, staff_client, visit, fake_render):
    response = staff_client.get(f"/visits/{visit.id}/program")
    assert response.status_code == 200
    assert db.session.scalar(select(func.count(PrintJob.id))) == 0


def test_a_viewer_may_print_a_stranger_may_not(
    worker_mode, client, viewer_client, visit, fake_render
):
    queued = viewer_client.get(f"/visits/{visit.id}/program.pdf")
    assert queued.status_code == 202
    progress = queued.headers["Location"]
    assert viewer_client.get(progress).status_code == 200
    viewer_client.post("/auth/logout")
    for url in (progress, f"{progress}.json", f"{progress}/file"):
        assert client.get(url).status_code == 302  # to the sign-in page


def test_refusals_are_those_of_the_print_and_queue_nothing(
    worker_mode, staff_client, visit, fake_render
):
    base = f"/visits/{visit.id}/program.pdf"
    assert staff_client.get(f"{base}?person=999999").status_code == 404
    assert staff_client.get(f"{base}?day=2030-01-01").status_code == 404
    assert staff_client.get(f"{base}?variant=secret").status_code == 400
    assert staff_client.get("/visits/999999/program.pdf").status_code == 404
    assert db.session.scalar(select(func.count(PrintJob.id))) == 0
    assert staff_client.get("/prints/999999").status_code == 404
    assert staff_client.get("/prints/999999.json").status_code == 404
    queued = staff_client.get(base)
    assert staff_client.get(f"{queued.headers['Location']}/file").status_code == 404
