"""The demo visit's staff pages and programme in each language: the page says which
language it is in, and in Russian and Kazakh no English interface sentence of the catalog
is left untranslated."""

import html
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from visits.demo import load_demo

POT = Path(__file__).resolve().parent.parent / "visits" / "translations" / "messages.pot"
LANGUAGES = ["ru", "kk", "en"]
PLACEHOLDER = re.compile(r"%(\(\w+\))?[sd]|\{")
TECHNICAL = re.compile(r"\bSEQUENCE\b|\b(?:Asia|Europe|America|Africa|Etc)/[A-Za-z_]+")


@cache
def english_sentences() -> frozenset[str]:
    """Catalog msgids of three words or more without placeholders: text that, seen in a
    Russian or Kazakh page, can only be an untranslated interface string."""
    with open(POT, "rb") as f:
        catalog = read_po(f)
    found = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for msgid in ids:
            if msgid and len(msgid.split()) >= 3 and not PLACEHOLDER.search(msgid):
                found.add(" ".join(msgid.split()))
    return frozenset(found)


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return " ".join(text.split())


@pytest.fixture
def demo_pages(db, staff_client) -> list[str]:
    """The main staff pages of the demo visit (after `sqlite_only`: loading is the same
    on both databases, and rendering twelve pages in three languages is the slow part)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("page rendering is database-independent: tested on SQLite")
    visit = load_demo(db.session)
    db.session.commit()
    event = visit.events[0]
    return [
        "/visits/",
        f"/visits/{visit.id}",
        f"/visits/{visit.id}/timeline",
        f"/visits/{visit.id}/history",
        f"/visits/{visit.id}/translations",
        f"/delegations/{visit.delegation_id}",
        "/people/",
        "/venues/",
        "/organizations/",
        f"/events/{event.id}/edit",
        f"/visits/{visit.id}/feeds",
        f"/visits/{visit.id}/revisions",
        f"/visits/{visit.id}/program",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_are_in_the_asked_language(staff_client, demo_pages, lang):
    for path in demo_pages:
        page = staff_client.get(f"{path}?lang={lang}")
        assert page.status_code == 200, path
        assert f'<html lang="{lang}"' in page.get_data(as_text=True), path


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_english_interface_text_left(staff_client, demo_pages, lang):
    sentences = english_sentences()
    assert sentences, "the catalog template holds no sentences to look for"
    leaks = {}
    for path in demo_pages:
        text = visible_text(staff_client.get(f"{path}?lang={lang}").get_data(as_text=True))
        found = sorted(s for s in sentences if s in text)
        found += TECHNICAL.findall(text)  # a city where a zone is meant, no iCalendar terms
        if found:
            leaks[path] = found
    assert not leaks, f"{lang}: untranslated interface text"
