"""The office's three languages, declared once: Russian (the working language, first),
Kazakh and English. Texts are kept in each, pages and prints are shown in each."""

LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
WORKING_LANGUAGE = LANGUAGES[0]
