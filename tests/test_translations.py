"""Every user-facing string is marked for translation and translated in each catalog."""

from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "visits" / "translations"
METHODS = [("visits/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = DEFAULT_KEYWORDS | {"_l": None, "lazy_pgettext": ((1, "c"), 2)}
# English is the language of the source strings: its catalog may leave them as they are.
TRANSLATED = ["ru", "kk"]


@cache  # the same source for every catalog: extract once per run
def extracted() -> frozenset[tuple[str | None, str]]:
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return frozenset(found)


def key(message) -> tuple[str | None, str]:
    """A catalog entry's key; a plural entry is known by its singular."""
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return message.context, msgid


def catalog(lang: str):
    with open(CATALOGS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


def _translated(string) -> bool:
    """A translation is there: every plural form of it, where it has several."""
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_string_is_translated(lang):
    messages = {key(m): m.string for m in catalog(lang) if m.id}
    missing = sorted(
        (k for k in extracted() if not _translated(messages.get(k))),
        key=lambda k: (k[0] or "", k[1]),
    )
    assert not missing, f"{lang}: not in the catalog or not translated (run `make extract`)"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_catalogs_hold_nothing_stale(lang):
    wanted = extracted()
    stale = [key(m) for m in catalog(lang) if m.id and key(m) not in wanted]
    assert not stale, f"{lang}: strings no longer in the code (run `make extract`)"


def test_templates_have_no_unmarked_text():
    """Text between tags must come through _(), a filter, or a variable."""
    import re

    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        source = path.read_text()
        source = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", " ", source, flags=re.S)
        source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
        for text in re.findall(r">([^<]+)<", source):
            words = re.sub(r"[\s·–—→←›:;,.()/|#*]+", "", text)
            if words:
                offenders.append(f"{path.relative_to(ROOT)}: {text.strip()!r}")
    assert not offenders, "\n".join(offenders)
