"""The participant rows of a form (the event form, a saved group): a person or a group per
row with the role and side, as many rows as are posted, blank rows offered at the end."""

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, SelectField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3

from visits.events.services import Participant
from visits.forms import SubForm, optional_id
from visits.models import ParticipantRole, Side
from visits.scheduling.validation import Problem
from visits.web.choices import enum_choices

BLANK_ROWS = 5  # empty participant rows offered at the end of the list
NONE = SelectChoice("", "—")

SIDE_OF_ROLE = {ParticipantRole.HOST: Side.HOST, ParticipantRole.GUEST: Side.GUEST}


class ParticipantForm(SubForm):
    """One row of the participant list: a person or a group, the role, the side."""

    person_id = SelectField(_l("Person"), coerce=optional_id)
    organization_id = SelectField(_l("Organization or group"), coerce=optional_id)
    role = SelectField(_l("Role"), coerce=ParticipantRole, default=ParticipantRole.GUEST)
    side = SelectField(_l("Side"), coerce=Side, default=Side.GUEST)
    remove = BooleanField(_l("Remove"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person_id.choices = [NONE]
        self.organization_id.choices = [NONE]
        self.role.choices = enum_choices(ParticipantRole)
        self.side.choices = enum_choices(Side)

    @property
    def is_blank(self) -> bool:
        return self.person_id.data is None and self.organization_id.data is None

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
    (no limit: the request's size limits bound the rows)."""

    participants: FieldList
    _people: list[SelectChoice] = [NONE]
    _groups: list[SelectChoice] = [NONE]

    def set_row_choices(
        self, people: Sequence[SelectChoice], groups: Sequence[SelectChoice]
    ) -> None:
        """The people and groups each row offers, each list starting with «—»."""
        self._people, self._groups = list(people), list(groups)
        for row in self.participants:
            self._fill_row(row.form)

    @property
    def group_choices(self) -> list[SelectChoice]:
        """The organizations/groups a row may name («—» first)."""
        return self._groups

    def _fill_row(self, row: ParticipantForm) -> None:
        row.person_id.choices = self._people
        row.organization_id.choices = self._groups

    def set_rows(self, participants: Sequence[Participant]) -> None:
        """Make the rows `participants`, in order (blank rows are offered afresh later)."""
        while self.participants.entries:
            self.participants.pop_entry()
        for participant in participants:
            row = self.participants.append_entry().form
            self._fill_row(row)
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
            self._fill_row(self.participants.append_entry().form)

    def more_rows(self) -> None:
        """BLANK_ROWS more empty rows at the end (the «More rows» button without script)."""
        for _ in range(BLANK_ROWS):
            self._fill_row(self.participants.append_entry().form)

    def row_template(self) -> ParticipantForm:
        """A blank row named with the placeholder index `__index__`, for the page's script
        to copy when a row is added."""
        row = ParticipantForm(prefix=f"{self.participants.name}-__index__-")
        self._fill_row(row)
        return row

    def participant_values(self) -> list[Participant]:
        """The rows kept (neither blank nor marked for removal), in their order."""
        return [entry.form.value() for entry in self.participants if entry.form.is_kept]

    def _row_field(self, problem: Problem, index: int) -> Any:
        """The field of a kept row (counted as participant_values counts them) that a
        problem is about (on row `index`); a row naming both shows it beside its group."""
        row = [entry.form for entry in self.participants if entry.form.is_kept][index]
        if problem.code == "person_or_group":
            return row.organization_id
        return getattr(row, problem.row_field or "person_id")
