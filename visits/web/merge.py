"""Merging a record form whose save was refused because a colleague saved first.

The form carries what the user loaded: a hidden field `loaded` holds the form's values at
the version it showed, signed with the app's secret (a forged or foreign one is ignored,
and the merge then treats every difference as a conflict). On a stale save the values the
user left alone take the colleague's version, the user's own changes stay, and the fields
both changed are asked about, one radio pair each (`keep-<field>`: "mine" or "theirs");
the form then carries the colleague's version, so saving it is a deliberate second step.
(The fields as the merge sees them: visits.web.merge_units.)

Why the form carries its base rather than the audit log rebuilding it: the form knows
exactly what it showed, in its own terms (a date with local times, participant rows), at
no query; the log would have to be rolled back losslessly through every later change, and
it keeps an event's participants in rows of their own (a participants-only change writes
no entry of the event at all). The log still says who changed a field, and when.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app, request
from flask_babel import format_timedelta
from flask_babel import gettext as _
from itsdangerous import BadData, URLSafeSerializer

from visits.audit import entity_type
from visits.editing import StaleEdit, changes_since
from visits.extensions import db
from visits.merging import Merge, merge
from visits.models import AuditEntry
from visits.orm import utcnow
from visits.web.merge_units import PLAIN_RULES, MergeRules, Unit, units, values

SALT = "visits.loaded-form"
CHOICES = ("mine", "theirs")


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
