"""The participant rows of a form (the event form, a saved group): a person or a group per
row with the role and side, as many rows as are posted, blank rows offered at the end.

A row names its person or group with a picker (visits/web/picker.py): the name typed or
found, and the hidden id; no row carries a list of every person."""

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from wtforms import BooleanField, FieldList, SelectField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3

from visits.events.services import Participant
from visits.forms import SubForm
from visits.models import ParticipantRole, Side
from visits.scheduling.validation import Problem
from visits.web.choices import enum_choices
from visits.web.picker import ORGANIZATION, PERSON, IdField, Pick, resolve, show_names

BLANK_ROWS = 5  # empty participant rows offered at the end of the list
NONE = SelectChoice("", "—")

# The field a problem about a row's id is shown beside: the name the row shows.
NAME_OF = {"person_id": "person_name", "organization_id": "organization_name"}

SIDE_OF_ROLE = {ParticipantRole.HOST: Side.HOST, ParticipantRole.GUEST: Side.GUEST}


class ParticipantForm(SubForm):
    """One row of the participant list: a person or a group, the role, the side."""

    person_id = IdField()
    person_name = StringField(_l("Person"))
    organization_id = IdField()
    organization_name = StringField(_l("Organization or group"))
    role = SelectField(_l("Role"), coerce=ParticipantRole, default=ParticipantRole.GUEST)
    side = SelectField(_l("Side"), coerce=Side, default=Side.GUEST)
    remove = BooleanField(_l("Remove"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = enum_choices(ParticipantRole)
        self.side.choices = enum_choices(Side)

    @property
    def is_blank(self) -> bool:
        """Nobody named: no id and no name typed (a typed name is kept to be resolved)."""
        ids = (self.person_id.data, self.organization_id.data)
        names = (self.person_name.data, self.organization_name.data)
        return all(i is None for i in ids) and not any((n or "").strip() for n in names)

    def picks(self) -> list[Pick]:
        return [
            Pick(PERSON, self.person_id, self.person_name),
            Pick(ORGANIZATION, self.organization_id, self.organization_name),
        ]

    @property
    def is_kept(self) -> bool:
        return not self.is_blank and not self.remove.data

    def value(self) -> Participant:
        # A host is on the host side and a guest on the guest side, whatever the side
        # select was left at; the other roles (speaker, performer…) keep the side chosen.
        side = SIDE_OF_ROLE.get(self.role.data, self.side.data)
        return Participant(self.person_id.data, self.organization_id.data, self.role.data, side)


class ParticipantRows:
    """Row handling for a form with `participants = FieldList(FormField(ParticipantForm))`
    (no limit: the request's size limits bound the rows). `bind(session)` before use: the
    pickers read the names of the records named and resolve the names typed."""

    participants: FieldList
    _session: Session | None = None

    def bind(self, session: Session) -> None:
        self._session = session

    def picks(self) -> list[Pick]:
        """The pickers of the form (every row's; a form may add its own)."""
        return [pick for entry in self.participants for pick in entry.form.picks()]

    def resolve_picks(self) -> bool:
        """The ids of the names typed without script; False with a message on each row
        whose name names nobody or several."""
        assert self._session is not None, "bind(session) first"
        return resolve(self._session, self.picks())

    def show_names(self) -> None:
        """The names of the records the rows name (before the form is shown)."""
        assert self._session is not None, "bind(session) first"
        show_names(self._session, self.picks())

    def set_rows(self, participants: Sequence[Participant]) -> None:
        """Make the rows `participants`, in order (blank rows are offered afresh later)."""
        while self.participants.entries:
            self.participants.pop_entry()
        for participant in participants:
            row = self.participants.append_entry().form
            row.person_name.data = row.organization_name.data = None
            row.person_id.data = participant.person_id
            row.organization_id.data = participant.organization_id
            row.role.data, row.side.data = participant.role, participant.side

    def pad_rows(self, blank: int = BLANK_ROWS) -> None:
        """Offer `blank` empty rows after the last filled one."""
        rows = list(self.participants)
        trailing = 0
        while trailing < len(rows) and rows[-1 - trailing].form.is_blank:
            trailing += 1
        for _ in range(blank - trailing):
            self.participants.append_entry()

    def more_rows(self) -> None:
        """BLANK_ROWS more empty rows at the end (the «More rows» button without script)."""
        for _ in range(BLANK_ROWS):
            self.participants.append_entry()

    def row_template(self) -> ParticipantForm:
        """A blank row named with the placeholder index `__index__`, for the page's script
        to copy when a row is added."""
        return ParticipantForm(prefix=f"{self.participants.name}-__index__-")

    def participant_values(self) -> list[Participant]:
        """The rows kept (neither blank nor marked for removal), in their order."""
        return [entry.form.value() for entry in self.participants if entry.form.is_kept]

    def _row_field(self, problem: Problem, index: int) -> Any:
        """The field of a kept row (counted as participant_values counts them) that a
        problem is about (on row `index`); a row naming both shows it beside its group."""
        row = [entry.form for entry in self.participants if entry.form.is_kept][index]
        if problem.code == "person_or_group":
            return row.organization_name
        name = problem.row_field or "person_id"
        return getattr(row, NAME_OF.get(name, name))
