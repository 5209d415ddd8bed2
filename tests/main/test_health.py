import shutil
import zoneinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import tzdata

from visits.scheduling.timezones import use_pinned_tz_data


def test_healthz_answers_when_the_database_responds(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "database": "ok",
        "tzdata": tzdata.IANA_VERSION,
    }


@pytest.fixture
def stale_zone_data(tmp_path):
    """Zone data in which Asia/Almaty is still +06 (as before tzdata 2024a)."""
    plus_six = Path(tzdata.__file__).parent / "zoneinfo" / "Etc" / "GMT-6"
    (tmp_path / "Asia").mkdir()
    shutil.copy(plus_six, tmp_path / "Asia" / "Almaty")
    zoneinfo.reset_tzpath(to=[str(tmp_path)])
    ZoneInfo.clear_cache()
    yield tmp_path
    use_pinned_tz_data()


def test_healthz_fails_with_a_reason_when_almaty_is_not_plus_five(client, stale_zone_data):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable"
    assert body["tzdata"] == tzdata.IANA_VERSION
    assert "Asia/Almaty is UTC+06:00 in 2025" in body["reason"]


def test_unknown_pages_give_a_clear_404(staff_client):
    response = staff_client.get("/visits/999999")
    assert response.status_code == 404
    assert "404" in response.get_data(as_text=True)
    assert staff_client.get("/no/such/page").status_code == 404
