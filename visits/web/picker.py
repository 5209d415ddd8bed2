"""A record picked by typing its name: a text input that shows the chosen record's name and
a hidden input with its id, in place of a select of every record.

With script the page asks the search endpoint as the user types and fills both inputs
(visits/static/js/picker.js). Without script the typed name is resolved here on save: one
record with exactly that name (any language, any case; a namesake as «Name (position,
organization)») is taken; none or several leave the row as typed with a message.

Every function loads the records of all its picks at once: a query per kind, whatever the
number of rows.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload
from wtforms import Field, StringField
from wtforms.widgets import Input

from visits.forms import optional_id
from visits.i18n import in_language
from visits.languages import LANGUAGES
from visits.models import Organization, Person
from visits.search import localized_columns, text_matches

# The most records one search answer lists: a longer list is not read, the name is typed
# further.
MOST_FOUND = 20
# The most records one typed name is compared with (a name is exact or it is not found).
MOST_CANDIDATES = 200
# The most namesakes a message lists.
MOST_LISTED = 5


class PickedIdInput(Input):
    """A hidden input that the picker macro renders beside its name input. Not a
    `HiddenInput`: a form's `hidden_tag()` would render it a second time, and the first,
    empty copy is what the server reads."""

    input_type = "hidden"
    validation_attrs = ["disabled"]


class IdField(Field):
    """The hidden id of the record picked (None for none)."""

    widget = PickedIdInput()
    data: int | None

    def process_formdata(self, valuelist: list[Any]) -> None:
        if valuelist:
            try:
                self.data = optional_id(valuelist[0])
            except ValueError:
                self.data = None

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


def _person_details(person: Person) -> list[str]:
    organization = person.organization
    return [in_language(person.position), in_language(organization.name) if organization else ""]


def _no_details(_record: Any) -> list[str]:
    return []


@dataclass(frozen=True)
class Kind:
    """What a picker picks: the model, its name attribute, its search endpoint, and what
    tells two namesakes apart."""

    model: Any
    name: str
    endpoint: str
    details: Callable[[Any], list[str]] = _no_details
    load: tuple[Any, ...] = ()

    def names(self, record: Any) -> list[str]:
        text = getattr(record, self.name)
        return [v for v in dict.fromkeys(getattr(text, lang) for lang in LANGUAGES) if v]

    def shown(self, record: Any) -> str:
        return in_language(getattr(record, self.name))

    def told_apart(self, record: Any) -> str:
        said = ", ".join(fact for fact in self.details(record) if fact)
        return f"{self.shown(record)} ({said})" if said else self.shown(record)


PERSON = Kind(
    Person, "full_name", "people.search", _person_details, (selectinload(Person.organization),)
)
ORGANIZATION = Kind(Organization, "name", "organizations.search")


@dataclass
class Pick:
    """A picker of a form: the hidden id field and the name field beside it."""

    kind: Kind
    id_field: IdField
    name_field: StringField
    typed: str = field(init=False, default="")

    @property
    def was_typed(self) -> bool:
        """Whether a name was posted with the id (a client posting only ids is believed)."""
        return bool(self.name_field.raw_data)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _by_id(session: Session, kind: Kind, ids: Iterable[int]) -> dict[int, Any]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(kind.model).where(kind.model.id.in_(wanted)).options(*kind.load)
    return {record.id: record for record in session.scalars(query)}


def show_names(session: Session, picks: Sequence[Pick]) -> None:
    """Fill the name of each pick that has an id and no name yet."""
    for kind in {pick.kind for pick in picks}:
        mine = [p for p in picks if p.kind is kind and p.id_field.data and not p.name_field.data]
        found = _by_id(session, kind, (p.id_field.data for p in mine if p.id_field.data))
        for pick in mine:
            record = found.get(pick.id_field.data or 0)
            pick.name_field.data = kind.shown(record) if record is not None else ""


def resolve(session: Session, picks: Sequence[Pick]) -> bool:
    """Make each pick's id the record its name names; False when a name names no record
    or several (the message is on the name, the name stays as typed)."""
    ok = True
    for kind in {pick.kind for pick in picks}:
        ok = _resolve_kind(session, kind, [p for p in picks if p.kind is kind]) and ok
    return ok


def _resolve_kind(session: Session, kind: Kind, picks: list[Pick]) -> bool:
    known = _by_id(session, kind, (p.id_field.data for p in picks if p.id_field.data))
    asked: list[Pick] = []
    ok = True
    for pick in picks:
        record = known.get(pick.id_field.data or 0)
        if not pick.was_typed:
            if pick.id_field.data is not None and record is None:
                pick.id_field.errors = [*pick.id_field.errors, _unknown(kind, "")]
                ok = False
            continue
        pick.typed = " ".join((pick.name_field.data or "").split())
        if not pick.typed:
            pick.id_field.data = None
        elif record is None or not _named(kind, record, pick.typed):
            asked.append(pick)
    candidates = _named_like(session, kind, [pick.typed for pick in asked])
    for pick in asked:
        matches = [r for r in candidates if _named(kind, r, pick.typed)]
        if len(matches) == 1:
            pick.id_field.data = matches[0].id
        else:
            pick.id_field.data = None
            said = _ambiguous(kind, pick.typed, matches) if matches else _unknown(kind, pick.typed)
            pick.name_field.errors = [*pick.name_field.errors, said]
            ok = False
    return ok


def _named(kind: Kind, record: Any, typed: str) -> bool:
    wanted = _folded(typed)
    return any(_folded(name) == wanted for name in [*kind.names(record), kind.told_apart(record)])


def _named_like(session: Session, kind: Kind, typed: list[str]) -> list[Any]:
    """The records that may bear one of the `typed` names (compared exactly afterwards)."""
    if not typed:
        return []
    columns = localized_columns(kind.model, kind.name)
    # «Name (position, organization)»: the name before the brackets is searched.
    terms = {name.split(" (")[0] for name in typed}
    query = (
        select(kind.model)
        .where(or_(*(text_matches(columns, term) for term in terms)))
        .options(*kind.load)
        .order_by(kind.model.id)
        .limit(MOST_CANDIDATES)
    )
    return list(session.scalars(query))


def _unknown(kind: Kind, typed: str) -> str:
    if kind is ORGANIZATION and not typed:
        return _("This organization or group no longer exists. Choose another.")
    if kind is ORGANIZATION:
        return _(
            "No organization or group is named «%(name)s». Type its full name, or create it.",
            name=typed,
        )
    if not typed:
        return _("This person no longer exists. Choose another.")
    return _(
        "No person is named «%(name)s». Type the full name as the list of people has it, "
        "or create the person.",
        name=typed,
    )


def _ambiguous(kind: Kind, typed: str, matches: list[Any]) -> str:
    listed = "; ".join(kind.told_apart(record) for record in matches[:MOST_LISTED])
    return _(
        "Several are named «%(name)s»: %(choices)s. Type one of them as it is written here.",
        name=typed,
        choices=listed,
    )
