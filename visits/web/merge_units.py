"""The fields of a record form as a merge sees them (units): one input, several that only
make sense together (`Group`: a date with its start and end), or a list of rows read as
one (`ListRule`); each read as a plain value, shown as the page shows it, and taken over
from another form of the same record."""

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from wtforms import BooleanField, Field, FieldList, FormField, HiddenField, SelectFieldBase
from wtforms.csrf.core import CSRFTokenField


def plain(value: Any) -> Any:
    """A value as the merge compares it and the signed field holds it: text without
    surrounding blanks or carriage returns (empty is None), enums by value, dates and
    times in ISO form, decimals normalized, sequences as lists."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip() or None
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value.is_finite() else str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


@dataclass(frozen=True)
class Group:
    """Inputs that merge as one: all taken from the colleague's version, or none."""

    key: str
    label: Any
    names: tuple[str, ...]
    columns: tuple[str, ...]  # the record's columns it stands for (to say who changed it)
    show: Callable[[Any], str] | None = None  # how the form's value reads


@dataclass(frozen=True)
class ListRule:
    """A list of rows (a FieldList) read as one value."""

    label: Any
    value: Callable[[Any], Any]  # the form → the list, in plain values
    show: Callable[[Any], str]  # the form → how the list reads
    take: Callable[[Any, Any], None]  # (form, colleague's form) → the rows copied
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergeRules:
    groups: tuple[Group, ...] = ()
    lists: Mapping[str, ListRule] = field(default_factory=dict)


PLAIN_RULES = MergeRules()


@dataclass(frozen=True)
class Unit:
    key: str
    label: str
    fields: tuple[tuple[str, ...], ...]  # paths of the form's fields
    columns: tuple[str, ...]
    group: Group | None = None
    rows: ListRule | None = None

    def inputs(self, form: Any) -> list[Field]:
        found = []
        for path in self.fields:
            item = form
            for name in path:
                item = item[name]
            found.append(item)
        return found

    def anchor(self, form: Any) -> str:
        """The id of the unit's first input on the page ("" for a list of rows)."""
        return str(self.inputs(form)[0].id) if self.fields else ""

    def value(self, form: Any) -> Any:
        if self.rows:
            return plain(self.rows.value(form))
        values = [plain(item.data) for item in self.inputs(form)]
        return values[0] if len(values) == 1 else values

    def show(self, form: Any) -> str:
        if self.rows:
            return self.rows.show(form)
        if self.group and self.group.show:
            return self.group.show(form)
        shown = [shown_value(item) for item in self.inputs(form)]
        return ", ".join(text for text in shown if text) or "—"

    def take(self, form: Any, theirs: Any) -> None:
        """Give `form` the colleague's value of this unit."""
        if self.rows:
            self.rows.take(form, theirs)
            return
        for mine, their in zip(self.inputs(form), self.inputs(theirs), strict=True):
            mine.data = their.data
            mine.raw_data = []  # shown from data, not from what was posted


def shown_value(item: Field) -> str:
    """How a field's value reads on the page ("" for none)."""
    if isinstance(item, BooleanField):
        return str(item.label.text) if item.data else ""
    if isinstance(item, SelectFieldBase):
        chosen = [c.label for c in item._iter_choices_normalized() if c.selected]  # type: ignore[attr-defined]
        return str(chosen[0]) if chosen and plain(item.data) is not None else ""
    text = item._value() if hasattr(item, "_value") else item.data
    return str(text).strip() if text is not None else ""


SKIPPED = (HiddenField, CSRFTokenField)


def units(form: Any, rules: MergeRules) -> list[Unit]:
    """The form's fields as the merge sees them, in the order of the form."""
    grouped = {name: group for group in rules.groups for name in group.names}
    found: list[Unit] = []
    for item in form:
        if isinstance(item, SKIPPED) or item.type == "SubmitField":
            continue
        if item.name in grouped:
            group = grouped[item.name]
            if group.names[0] == item.name:
                members = tuple((name,) for name in group.names)
                found.append(Unit(group.key, str(group.label), members, group.columns, group=group))
        elif isinstance(item, FieldList):
            rows = rules.lists[item.name]  # a list needs its rule: rows have no plain value
            found.append(Unit(item.name, str(rows.label), (), rows.columns, rows=rows))
        elif isinstance(item, FormField):
            for sub in item:
                label = f"{item.label.text} ({sub.short_name.upper()})"
                path = ((item.name, sub.short_name),)
                found.append(Unit(sub.name, label, path, (sub.name, item.name)))
        else:
            found.append(Unit(item.name, str(item.label.text), ((item.name,),), (item.name,)))
    return found


def values(form: Any, rules: MergeRules) -> dict[str, Any]:
    return {unit.key: unit.value(form) for unit in units(form, rules)}
