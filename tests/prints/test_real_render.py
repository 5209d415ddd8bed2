"""One real render through the worker, outside any request, as `flask prints work` does."""

from visits.prints.worker import run_pending


def test_the_worker_renders_a_real_pdf(app, worker_mode, staff_client, visit, db):
    if db.engine.dialect.name != "sqlite":
        import pytest

        pytest.skip("PDF rendering is database-independent: tested on SQLite")
    url = f"/visits/{visit.id}/program.pdf?variant=working&lang=kk"
    assert staff_client.get(url).status_code == 202

    assert run_pending(app).done == 1

    served = staff_client.get(url)
    assert served.status_code == 200
    assert served.data.startswith(b"%PDF-")
    assert served.headers["Content-Disposition"].endswith(f'-{visit.id}-working-kk.pdf"')
