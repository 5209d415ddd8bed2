"""Which multilingual texts of a visit still lack a variant in a given language."""

from collections.abc import Iterable
from typing import NamedTuple

from visits.languages import LANGUAGES
from visits.models.localized import LocalizedText

# The order the checklist shows its groups in.
KINDS = ("visit", "event", "venue", "person", "organization", "delegation")


class Item(NamedTuple):
    """One text to check: what it belongs to, where it is edited, which field it is."""

    kind: str
    label: str
    url: str
    field: str
    text: LocalizedText | None


class Gap(NamedTuple):
    """A text that has no variant of its own in the checked language."""

    kind: str
    label: str
    url: str
    field: str
    present: tuple[str, ...]


def missing(
    items: Iterable[tuple[str, str, str, str, LocalizedText | None]], lang: str
) -> list[Gap]:
    """The gaps of `items` in `lang`, each text once, in the order given.

    An empty text (no variant at all) is not a gap: there is nothing to translate.
    """
    gaps: list[Gap] = []
    seen: set[tuple[str, str, str]] = set()
    for kind, label, url, field, text in items:
        if not text or text.has(lang) or (kind, url, field) in seen:
            continue
        seen.add((kind, url, field))
        present = tuple(code for code in LANGUAGES if code not in text.missing())
        gaps.append(Gap(kind, label, url, field, present))
    return gaps


def by_kind(gaps: Iterable[Gap]) -> list[tuple[str, list[Gap]]]:
    """The gaps grouped by kind, in the order of KINDS; kinds without gaps left out."""
    groups: dict[str, list[Gap]] = {kind: [] for kind in KINDS}
    for gap in gaps:
        groups.setdefault(gap.kind, []).append(gap)
    return [(kind, found) for kind, found in groups.items() if found]
