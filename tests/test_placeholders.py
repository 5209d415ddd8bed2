"""Every message with two or more placeholders renders whole in each language: the compiled
catalog's sentence fills each placeholder, in whatever order the language puts them."""

import gettext
import io
import re
from functools import cache

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.test_translations import CATALOGS, catalog

PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")
LANGUAGES = ["ru", "kk", "en"]


@cache
def compiled(lang: str) -> gettext.GNUTranslations:
    """The compiled catalog (`make translations`), else the catalog compiled here."""
    mo = CATALOGS / lang / "LC_MESSAGES" / "messages.mo"
    if mo.exists():
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    buffer = io.BytesIO()
    with open(CATALOGS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        write_mo(buffer, read_po(f))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def many_placeholders() -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, plural msgid) of each message with two or more placeholders."""
    found = []
    for message in catalog("ru"):
        singular, plural = message.id if isinstance(message.id, tuple) else (message.id, None)
        if message.id and len(set(PLACEHOLDER.findall(singular))) >= 2:
            found.append((message.context, singular, plural))
    return found


def dummy_values(msgid: str) -> dict[str, object]:
    """A value per placeholder, each one unique so its presence in the result shows."""
    return {
        name: 7000 + i if kind == "d" else f"«value{i}»"
        for i, (name, kind) in enumerate(dict(PLACEHOLDER.findall(msgid)).items())
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_placeholder_is_filled(lang):
    translations = compiled(lang)
    messages = many_placeholders()
    assert messages, "the catalog has messages with several placeholders"
    broken = []
    for context, msgid, plural in messages:
        values = dummy_values(msgid)
        # A plural is read for one, a few and many (Russian has three forms); its count
        # may stay out of the singular («an event» for 1), so only the others must show.
        for count in (1, 3, 7005) if plural else (None,):
            if plural:
                values["num"] = count
                text = (
                    translations.npgettext(context, msgid, plural, count)
                    if context
                    else translations.ngettext(msgid, plural, count)
                )
            else:
                text = (
                    translations.pgettext(context, msgid)
                    if context
                    else translations.gettext(msgid)
                )
            try:
                rendered = text % values
            except (KeyError, ValueError, TypeError) as error:
                broken.append(f"{lang}: {msgid!r} → {text!r}: {error!r}")
                continue
            missing = [str(v) for k, v in values.items() if k != "num" and str(v) not in rendered]
            if "%(" in rendered or missing:
                broken.append(f"{lang}: {msgid!r} → {rendered!r} lacks {missing}")
    assert not broken, "\n".join(broken)
