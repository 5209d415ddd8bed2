"""Merging a record form whose save was refused because a colleague saved first.

The form carries what the user loaded: a hidden field `loaded` holds the form's values at
the version it showed, signed with the app's secret (a forged or foreign one is ignored,
and the merge then treats every difference as a conflict). On a stale save the values the
user left alone take the colleague's version, the user's own changes stay, and the fields
both changed are asked about, one radio pair each (`keep-<field>`: "mine" or "theirs");
the form then carries the colleague's version, so saving it is a deliberate second step.

A field of the merge (a unit) is one input, or several that only make sense together
(`Group`: a date with its start and end), or a list of rows read as one (`ListRule`).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from flask import current_app, request
from flask_babel import format_timedelta
from flask_babel import gettext as _
from itsdangerous import BadData, URLSafeSerializer
from wtforms import BooleanField, Field, FieldList, FormField, HiddenField, SelectFieldBase
from wtforms.csrf.core import CSRFTokenField

from visits.audit import entity_type
from visits.editing import StaleEdit, changes_since
from visits.extensions import db
from visits.merging import Merge, merge
from visits.models import AuditEntry
from visits.orm import utcnow

SALT = "visits.loaded-form"
CHOICES = ("mine", "theirs")


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
                paths = tuple((name,) for name in group.names)
                found.append(Unit(group.key, str(group.label), paths, group.columns, group=group))
        elif isinstance(item, FieldList):
            rows = rules.lists[item.name]  # a list needs its rule: rows have no plain value
            found.append(Unit(item.name, str(rows.label), (), rows.columns, rows=rows))
        elif isinstance(item, FormField):
            for sub in item:
                label = f"{item.label.text} ({sub.short_name.upper()})"
                paths = ((item.name, sub.short_name),)
                found.append(Unit(sub.name, label, paths, (sub.name, item.name)))
        else:
            found.append(Unit(item.name, str(item.label.text), ((item.name,),), (item.name,)))
    return found


def values(form: Any, rules: MergeRules) -> dict[str, Any]:
    return {unit.key: unit.value(form) for unit in units(form, rules)}


# The signed record of what a form showed.


@dataclass(frozen=True)
class Loaded:
    version: int
    since: int  # the version the user first opened (their colleagues' changes are after it)
    values: dict[str, Any]
    ask: tuple[str, ...] = ()  # the fields both changed, for the user to choose


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)  # type: ignore[arg-type]


def seal(record: Any, loaded: Loaded) -> str:
    payload = {
        "record": [entity_type(record), record.id],
        "version": loaded.version,
        "since": loaded.since,
        "values": loaded.values,
        "ask": list(loaded.ask),
    }
    return _serializer().dumps(payload)


def unseal(token: str | None, record: Any, version: int | None) -> Loaded | None:
    """What the form loaded, if `token` was signed here for this record at `version`."""
    if not token or version is None:
        return None
    try:
        payload = _serializer().loads(token)
    except BadData:
        return None
    if payload.get("record") != [entity_type(record), record.id]:
        return None
    if payload.get("version") != version:
        return None
    return Loaded(version, payload["since"], payload["values"], tuple(payload["ask"]))


# What the page shows.


@dataclass(frozen=True)
class Change:
    anchor: str  # the id of the field on the page
    label: str
    value: str
    by: str = ""  # who changed it and when, when the history says


@dataclass(frozen=True)
class Choice:
    key: str
    anchor: str
    label: str
    mine: str
    theirs: str
    by: str = ""
    chosen: str | None = None
    missing: bool = False

    @property
    def name(self) -> str:
        return f"keep-{self.key}"


@dataclass(frozen=True)
class MergeView:
    """The merge as the form's page shows it."""

    taken: Sequence[Change] = ()
    kept: Sequence[Change] = ()
    conflicts: Sequence[Choice] = ()
    fresh: bool = True  # just merged (else asked again: a choice is missing)
    base_known: bool = True

    @property
    def missing(self) -> bool:
        return any(choice.missing for choice in self.conflicts)


def changed_by(entries: Sequence[AuditEntry], columns: Sequence[str]) -> str:
    """Who last changed one of `columns` among `entries`, and how long ago."""
    matching = [e for e in entries if set(e.changes or {}) & set(columns)] if columns else []
    if not matching:
        return ""
    entry = matching[-1]
    who = entry.user.email if entry.user else _("the system")
    ago = format_timedelta(entry.at - utcnow(), add_direction=True)
    return _("%(who)s, %(when)s", who=who, when=ago)


class FormMerge:
    """The merge side of one record form in one request.

    `form` is the request's form of `record`; `build(record)` builds the same form from
    the record as it is now (no posted data). On a submitted form that a merge asked
    about, the question is on the form (`form.merge`) from the start.
    """

    def __init__(
        self,
        form: Any,
        record: Any,
        build: Callable[[Any], Any],
        rules: MergeRules = PLAIN_RULES,
    ) -> None:
        self.form, self.record, self.build, self.rules = form, record, build, rules
        # Read before a refused save re-arms the form at the colleague's version.
        self.version = form.loaded_version()
        self.loaded = unseal(form.loaded.data, record, self.version)
        if self.loaded and self.loaded.ask:  # a merged form: its question stays on the page
            form.merge = self._asking()

    def remember(self) -> None:
        """A form shown afresh carries what it shows."""
        if request.method == "POST":
            return
        version = self.record.version_id
        shown = values(self.form, self.rules)
        self.form.loaded.data = seal(self.record, Loaded(version, version, shown))

    def resolve(self) -> bool:
        """Before saving: apply the choices made between the user's and the colleague's
        values. False (and the question shown again, marked) when one was not made."""
        if not self.loaded or not self.loaded.ask:
            return True
        asked = self._asked()
        chosen = {unit.key: request.form.get(f"keep-{unit.key}") for unit in asked}
        if any(choice not in CHOICES for choice in chosen.values()):
            self.form.merge = self._asking(ask_again=True)
            return False
        theirs = self.build(self.record)
        for unit in asked:
            if chosen[unit.key] == "theirs":
                unit.take(self.form, theirs)
        return True

    def _asked(self) -> list[Unit]:
        assert self.loaded is not None
        by_key = {unit.key: unit for unit in units(self.form, self.rules)}
        return [by_key[key] for key in self.loaded.ask if key in by_key]

    def _asking(self, ask_again: bool = False) -> MergeView:
        """The question of a merged form, as it was posted back."""
        assert self.loaded is not None
        entries = changes_since(db.session(), self.record, self.loaded.since)
        chosen = {key: request.form.get(f"keep-{key}") for key in self.loaded.ask}
        choices = self._choices(self._asked(), self.build(self.record), entries, chosen, ask_again)
        return MergeView(conflicts=choices, fresh=False)

    def after_stale(self, stale: StaleEdit) -> None:
        """The save was refused: merge the user's values with the colleague's version, arm
        the form at that version and say on the page what happened."""
        self.record = stale.record
        theirs = self.build(self.record)
        found = {unit.key: unit for unit in units(self.form, self.rules)}
        mine = {key: unit.value(self.form) for key, unit in found.items()}
        their_values = {key: unit.value(theirs) for key, unit in found.items()}
        base = self.loaded.values if self.loaded else None
        result: Merge = merge(base, mine, their_values)
        for key in result.taken:
            found[key].take(self.form, theirs)
        version = self.record.version_id
        since = self.loaded.since if self.loaded else (self.version or version)
        self.form.version_id.data = version
        self.form.loaded.data = seal(
            self.record, Loaded(version, since, their_values, result.conflicts)
        )
        entries = stale.entries
        self.form.merge = MergeView(
            taken=[
                Change(u.anchor(self.form), u.label, u.show(theirs), changed_by(entries, u.columns))
                for u in (found[key] for key in result.taken)
            ],
            kept=[
                Change(u.anchor(self.form), u.label, u.show(self.form))
                for u in (found[key] for key in result.kept)
            ],
            conflicts=self._choices([found[key] for key in result.conflicts], theirs, entries),
            base_known=self.loaded is not None,
        )

    def _choices(
        self,
        asked: Sequence[Unit],
        theirs: Any,
        entries: Sequence[AuditEntry],
        chosen: Mapping[str, str | None] | None = None,
        ask_again: bool = False,
    ) -> list[Choice]:
        chosen = chosen or {}
        return [
            Choice(
                unit.key,
                unit.anchor(self.form),
                unit.label,
                unit.show(self.form),
                unit.show(theirs),
                changed_by(entries, unit.columns),
                chosen.get(unit.key),
                missing=ask_again and chosen.get(unit.key) not in CHOICES,
            )
            for unit in asked
        ]
