"""Compiled message catalogs, whatever way the code was installed.

The `.po` files are the source; gettext reads compiled `.mo` files. `make` compiles them,
but a checkout installed with pip (or imported straight from its folder) has only the
sources: on start, every catalog that is missing or older than its `.po` is compiled —
next to it when that folder is writable, else into the instance folder, which is then
searched first. A catalog that cannot be read stops the start: the pages must never fall
back to English unnoticed.
"""

import logging
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"

log = logging.getLogger(__name__)


class CatalogError(RuntimeError):
    """A translation catalog is missing or cannot be compiled."""


def translation_directories(languages: tuple[str, ...], instance_path: str) -> list[str]:
    """The folders Flask-Babel should search, each catalog compiled and current."""
    fallback = Path(instance_path) / "translations"
    folders = [SOURCE]
    for lang in languages:
        po = SOURCE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.is_file():
            raise CatalogError(f"the {lang} catalog is missing: {po.name} not found")
        mo = po.with_suffix(".mo")
        if _is_current(mo, po):
            continue
        if os.access(mo.parent, os.W_OK):
            _compile(po, mo)
            continue
        target = fallback / lang / "LC_MESSAGES" / mo.name
        if not _is_current(target, po):
            _compile(po, target)
        if fallback not in folders:
            folders.insert(0, fallback)
    return [str(folder) for folder in folders]


def _is_current(mo: Path, po: Path) -> bool:
    return mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime


def _compile(po: Path, mo: Path) -> None:
    """Compile `po` into `mo` atomically: workers starting together never read half a file."""
    mo.parent.mkdir(parents=True, exist_ok=True)
    try:
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name, domain=DOMAIN)
        handle, temporary = tempfile.mkstemp(dir=mo.parent, prefix=f".{mo.name}.")
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalog)
        os.replace(temporary, mo)
    except (OSError, ValueError) as error:
        raise CatalogError(f"cannot compile {po}: {error}") from error
    log.info("Compiled the %s catalog", po.parent.parent.name)
