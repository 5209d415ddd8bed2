"""Production installs what was tested: the floors in pyproject.toml leave out releases with
published vulnerabilities, and requirements.lock (what `make serve` installs, with
--require-hashes) pins every runtime dependency, each with its hashes, within those floors."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
# The first releases without the published vulnerabilities (request smuggling in gunicorn
# before 23.0.0; server-side requests through redirects in WeasyPrint before 68.0).
SAFE_FLOORS = {"gunicorn": Version("23.0.0"), "weasyprint": Version("68.0")}
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)")


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]]


def locked() -> dict[str, tuple[Version, int]]:
    """Each pinned package of requirements.lock: its version and how many hashes it has."""
    pins: dict[str, tuple[Version, int]] = {}
    name = ""
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if match := PIN.match(line):
            name = canonicalize_name(match[1])
            pins[name] = (Version(match[2]), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, hashes = pins[name]
            pins[name] = (version, hashes + 1)
    return pins


def test_floors_leave_out_vulnerable_releases() -> None:
    floors = {
        canonicalize_name(req.name): min(
            (Version(spec.version) for spec in req.specifier if spec.operator == ">="),
            default=None,
        )
        for req in runtime_requirements()
    }
    for name, safe in SAFE_FLOORS.items():
        floor = floors[name]
        assert floor is not None and floor >= safe, f"{name} admits releases before {safe}"


def test_the_lock_pins_every_runtime_dependency_with_hashes() -> None:
    pins = locked()
    assert pins, "requirements.lock pins nothing"
    for req in runtime_requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not in requirements.lock"
        assert req.specifier.contains(pins[name][0]), f"{name} {pins[name][0]} outside {req}"
    assert all(hashes for _, hashes in pins.values())
    assert "psycopg-binary" in pins  # the extra psycopg[binary] is locked too
