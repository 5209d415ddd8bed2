"""Choices for select fields: records by their name in the reader's language, and enum
values by their translated label.

One order for every select of records: by the name shown, ignoring case, then by id (so
that namesakes keep a stable order).
"""

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3

from visits.i18n import current_language
from visits.labels import label
from visits.models import LocalizedText, Person

NONE = "—"


def name_of(record: Any) -> LocalizedText:
    """The name a record is known by: a person's full name, a member's or participant's
    person or group, anything else's name."""
    if isinstance(record, Person):
        return record.full_name
    if hasattr(record, "display_name"):
        return record.display_name
    return record.name


def ordered(records: Iterable[Any], lang: str | None = None) -> list[tuple[Any, str]]:
    """(record, shown name) pairs in the one order of selects."""
    lang = lang or current_language()
    named = [(record, name_of(record).get(lang)) for record in records]
    return sorted(named, key=lambda pair: (pair[1].casefold(), pair[0].id))


def record_choices(
    records: Iterable[Any],
    empty: str | None = NONE,
    *,
    lang: str | None = None,
    optgroup: str | None = None,
) -> list[SelectChoice]:
    """`empty` (the choice of none, valued ""), then the records by name."""
    choices = [SelectChoice("", empty)] if empty is not None else []
    choices += [
        SelectChoice(str(record.id), name, optgroup=optgroup)
        for record, name in ordered(records, lang)
    ]
    return choices


def grouped_choices(
    mine: Iterable[Any], others: Iterable[Any], mine_label: str, others_label: str
) -> list[SelectChoice]:
    """«—», then the visit's own records, then all the others, each group by name."""
    mine = list(mine)
    own = {record.id for record in mine}
    rest = [record for record in others if record.id not in own]
    return [
        SelectChoice("", NONE),
        *record_choices(mine, None, optgroup=mine_label),
        *record_choices(rest, None, optgroup=others_label),
    ]


def enum_choices(enum: type[StrEnum]) -> list[SelectChoice]:
    """Every value of `enum` in its declared order, by its translated label."""
    return [SelectChoice(member.value, label(member)) for member in enum]


def person_choices(people: Iterable[Person], empty: str | None = NONE) -> list[SelectChoice]:
    """Like `record_choices`, but a name that several people share is followed by each
    one's position and organization, so that namesakes can be told apart."""
    lang = current_language()
    named = ordered(people, lang)
    counts: dict[str, int] = {}
    for _person, name in named:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    choices = [SelectChoice("", empty)] if empty is not None else []
    for person, name in named:
        if counts[name.casefold()] > 1:
            name = _told_apart(person, name, lang)
        choices.append(SelectChoice(str(person.id), name))
    return choices


def _told_apart(person: Person, name: str, lang: str) -> str:
    facts = [person.position.get(lang) if person.position else ""]
    facts.append(person.organization.name.get(lang) if person.organization else "")
    said = ", ".join(fact for fact in facts if fact)
    return f"{name} ({said})" if said else name
