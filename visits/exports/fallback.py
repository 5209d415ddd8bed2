"""Text a print shows in another language than its own, marked as such.

A text with no variant in the print's language falls back to another one (see
`LocalizedText.get`). Such a text is a `FallbackText`: a plain string everywhere, but in a
page it renders inside `<span class="fallback" lang="ru">` with a short tag of its
language («рус.»), which the draft print shows and an issued print hides (print.css).
"""

from dataclasses import fields, is_dataclass
from typing import Any

from flask_babel import lazy_pgettext
from markupsafe import Markup

from visits.models.localized import LocalizedText

TAGS = {
    "ru": lazy_pgettext("language abbreviation", "rus."),
    "kk": lazy_pgettext("language abbreviation", "kaz."),
    "en": lazy_pgettext("language abbreviation", "eng."),
}


class FallbackText(str):
    """A text in `lang`, shown where another language was asked for."""

    lang: str

    def __new__(cls, text: str, lang: str) -> "FallbackText":
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __html__(self) -> Markup:
        return Markup(
            '<span class="fallback" lang="{}">{}<span class="fallback-tag"> {}</span></span>'
        ).format(self.lang, str(self), str(TAGS.get(self.lang, self.lang)))


def text_in(value: LocalizedText | None, lang: str) -> str:
    """The text in `lang` with the fallback order; marked when it is in another language."""
    if not value:
        return ""
    source = value.source(lang)
    text = value.get(lang)
    return FallbackText(text, source) if source not in (None, lang) else text


def count(value: Any) -> int:
    """How many fallback texts a programme (its dataclasses, tuples and strings) holds."""
    if isinstance(value, FallbackText):
        return 1
    if isinstance(value, str):
        return 0
    if is_dataclass(value) and not isinstance(value, type):
        return sum(count(getattr(value, field.name)) for field in fields(value))
    if isinstance(value, tuple | list):
        return sum(count(item) for item in value)
    return 0
