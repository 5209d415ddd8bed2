"""Text kept in Russian, Kazakh and English, read with a fallback order."""

from dataclasses import dataclass

from sqlalchemy import String, Text
from sqlalchemy.orm import composite, mapped_column

from visits.languages import LANGUAGES

# Where a variant is missing, the reader gets the first one present in this order.
FALLBACK = {
    "ru": ("ru", "en", "kk"),
    "kk": ("kk", "ru", "en"),
    "en": ("en", "ru", "kk"),
}


@dataclass(frozen=True)
class LocalizedText:
    ru: str | None = None
    kk: str | None = None
    en: str | None = None

    def __composite_values__(self) -> tuple[str | None, str | None, str | None]:
        return self.ru, self.kk, self.en

    def get(self, lang: str) -> str:
        """The text in `lang`, else the first variant present in the fallback order."""
        for code in FALLBACK.get(lang, FALLBACK["ru"]):
            value = getattr(self, code)
            if value:
                return value
        return ""

    def source(self, lang: str) -> str | None:
        """The language `get(lang)` reads: `lang` itself, the one it falls back to, or
        None for an empty text."""
        for code in FALLBACK.get(lang, FALLBACK["ru"]):
            if getattr(self, code):
                return code
        return None

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))

    def missing(self) -> tuple[str, ...]:
        """Languages that have no variant of their own (they fall back)."""
        return tuple(code for code in LANGUAGES if not getattr(self, code))

    def __bool__(self) -> bool:
        return any((self.ru, self.kk, self.en))

    def __str__(self) -> str:
        return self.get("ru")


def localized(name: str, length: int | None = 255, *, required: bool = False):
    """A composite of three columns `<name>_ru`, `<name>_kk`, `<name>_en`.

    `length=None` gives unbounded text. When required, the Russian variant (the
    office's working language) must be present.
    """

    def column(lang: str):
        type_ = Text() if length is None else String(length)
        return mapped_column(f"{name}_{lang}", type_, nullable=not (required and lang == "ru"))

    return composite(LocalizedText, column("ru"), column("kk"), column("en"))
