"""The saved group form: its name and its rows, as the event form's participant rows."""

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, FormField

from visits.events.rows import ParticipantForm, ParticipantRows
from visits.events.services import InvalidEvent, check_participants
from visits.forms import VersionedForm, localized_field, localized_value
from visits.models import ParticipantList
from visits.participant_lists.services import SavedGroupValues
from visits.problems import problem_message


class SavedGroupForm(ParticipantRows, VersionedForm):
    name = localized_field(_l("Name"), ParticipantList.name)
    participants = FieldList(FormField(ParticipantForm))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not self.resolve_picks():
            return False
        try:
            check_participants(self.participant_values())
        except InvalidEvent as invalid:
            for problem in invalid.problems:
                assert problem.row is not None  # the participant rule names its row
                field = self._row_field(problem, problem.row)
                field.errors = [*field.errors, problem_message(problem.code)]
            return False
        return valid

    def values(self) -> SavedGroupValues:
        return SavedGroupValues(localized_value(self.name), self.participant_values())
