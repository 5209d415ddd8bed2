"""Without PostgreSQL on the machine, the run says so instead of skipping the database."""

import pytest

from tests import postgres


def test_a_missing_postgresql_is_reported_loudly(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(postgres, "Path", lambda _root: tmp_path)
    with pytest.raises(postgres.PostgresUnavailable, match="not installed"):
        postgres._find("initdb")
