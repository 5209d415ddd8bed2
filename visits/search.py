"""Case-insensitive text search that also folds Cyrillic and Kazakh letters.

Neither database folds them everywhere: SQLite's lower() and LIKE fold ASCII only, and
PostgreSQL folds by its LC_CTYPE (a server made with `--no-locale`, as the test run
makes, folds ASCII only too). So the term is folded in Python instead: each word of it
is searched as typed, in lower case, in upper case and capitalized, and each variant
through `lower(col) LIKE lower(variant)`, which also folds whatever the database can.
«снесарь», «СНЕСАРЬ» and «Снесарь» all find «Виталий Снесарь», on both databases.

What it does not find: a word typed in lower case whose capitals sit inside it on a
database that cannot fold them (e.g. «алматыоблэнерго» does not find «АлматыОблЭнерго»
on SQLite). Every word of the term must occur, in any of the columns, in any order.
"""

from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, false, inspect, or_, true
from sqlalchemy.orm import Mapper

# Longer terms are cut: they cannot match a name, and each word costs a few LIKEs.
MAX_TERM = 200
MAX_WORDS = 8


def case_variants(word: str) -> list[str]:
    """The word as typed, lower, upper and capitalized, each once, in that order."""
    variants: list[str] = []
    for variant in (word, word.lower(), word.upper(), word.capitalize()):
        if variant not in variants:
            variants.append(variant)
    return variants


def text_matches(columns: Sequence[ColumnElement[str]], term: str | None) -> ColumnElement[bool]:
    """A condition true where every word of `term` occurs in one of `columns`, any case.

    A blank term matches everything. `%` and `_` in the term are literal characters; NUL
    characters (which PostgreSQL refuses in text) are dropped.
    """
    words = (term or "").replace("\x00", "")[:MAX_TERM].split()[:MAX_WORDS]
    if not words:
        return true()
    if not columns:
        return false()
    return and_(
        *(
            or_(
                *(
                    column.icontains(variant, autoescape=True)
                    for column in columns
                    for variant in case_variants(word)
                )
            )
            for word in words
        )
    )


def localized_columns(model: type, *names: str) -> list[ColumnElement[str]]:
    """The ru, kk and en columns of the LocalizedText composites `names` of `model`."""
    mapper: Mapper[object] = inspect(model)
    return [column for name in names for column in mapper.composites[name].columns]
