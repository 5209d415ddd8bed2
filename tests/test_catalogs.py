"""Pages are in Russian and Kazakh however the code was installed: catalogs missing or
older than their sources are compiled on start, never left to fall back to English."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from visits import catalogs
from visits.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
SIGN_IN_KK = "Кіру"  # "Sign in" in the Kazakh catalog
PARTS = ("visits", "templates", "migrations", "wsgi.py")

SERVE_SIGN_IN = """
import sys
from visits import create_app
from visits.config import TestConfig
app = create_app(TestConfig(sys.argv[1], "sqlite://"))
page = app.test_client().get("/auth/login", headers={"Accept-Language": "kk"})
sys.stdout.write(page.get_data(as_text=True))
"""


def tracked_copy(target: Path) -> Path:
    """The files a fresh clone has (those git tracks or would track): no compiled catalogs."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *PARTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in listed:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    return target


def test_a_fresh_checkout_without_make_serves_kazakh(tmp_path):
    checkout = tracked_copy(tmp_path / "checkout")
    assert not list(checkout.glob("visits/translations/*/LC_MESSAGES/*.mo"))
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    env.pop("VISITS_TEST_DATABASES", None)
    page = subprocess.run(
        [sys.executable, "-c", SERVE_SIGN_IN, str(tmp_path / "instance")],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert SIGN_IN_KK in page and 'lang="kk"' in page
    for lang in LANGUAGES:
        assert (checkout / f"visits/translations/{lang}/LC_MESSAGES/messages.mo").is_file()


@pytest.fixture
def sources(tmp_path, monkeypatch):
    """A copy of the catalogs' sources that the code reads instead of its own."""
    folder = tmp_path / "translations"
    for lang in LANGUAGES:
        po = catalogs.SOURCE / lang / "LC_MESSAGES" / "messages.po"
        (folder / lang / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy2(po, folder / lang / "LC_MESSAGES" / "messages.po")
    monkeypatch.setattr(catalogs, "SOURCE", folder)
    return folder


def test_a_catalog_older_than_its_source_is_compiled_again(sources, tmp_path):
    catalogs.translation_directories(LANGUAGES, str(tmp_path / "instance"))
    mo = sources / "kk" / "LC_MESSAGES" / "messages.mo"
    po = mo.with_suffix(".po")
    os.utime(mo, (1, 1))
    catalogs.translation_directories(LANGUAGES, str(tmp_path / "instance"))
    assert mo.stat().st_mtime >= po.stat().st_mtime


def test_a_read_only_install_compiles_into_the_instance_folder(sources, tmp_path, monkeypatch):
    monkeypatch.setattr(catalogs.os, "access", lambda path, mode: False)
    instance = tmp_path / "instance"
    folders = catalogs.translation_directories(LANGUAGES, str(instance))
    assert folders[0] == str(instance / "translations")
    assert (instance / "translations/kk/LC_MESSAGES/messages.mo").is_file()
    assert not (sources / "kk/LC_MESSAGES/messages.mo").exists()


def test_a_missing_catalog_stops_the_start(sources, tmp_path):
    (sources / "kk" / "LC_MESSAGES" / "messages.po").unlink()
    with pytest.raises(catalogs.CatalogError, match="kk"):
        catalogs.translation_directories(LANGUAGES, str(tmp_path / "instance"))


@pytest.mark.slow
def test_the_built_package_carries_the_catalog_sources(tmp_path):
    """What `pip install .` installs: the wheel holds every .po that start compiles."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("visits-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in LANGUAGES:
        assert f"visits/translations/{lang}/LC_MESSAGES/messages.po" in names
    assert "visits/static/style.css" in names
