"""Forms of the history page: its filters (a GET form) and the undo button."""

from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from visits.forms import SubForm
from visits.scheduling.placing import LARGEST_ID
from visits.scheduling.timezones import to_utc
from visits.visits.history_queries import HistoryFilter


class UndoForm(FlaskForm):
    """The «Undo» button of a change set (CSRF only)."""


class HistoryFilterForm(SubForm):
    """Which changes to list; read from the address, so a filtered page can be linked."""

    record = SelectField(_l("Record"), choices=[], validate_choice=False)
    user = SelectField(_l("Staff member"), choices=[], validate_choice=False)
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])

    def set_choices(self, records: list[tuple[str, str]], staff: list[tuple[str, str]]) -> None:
        self.record.choices = [("", _l("All records")), *records]
        self.user.choices = [("", _l("Everyone")), *staff]

    def validate_until(self, field: Any) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The last day cannot be before the first day."))

    def wanted(self, zone: str) -> HistoryFilter:
        """The filter the form asks for; days are the visit's, in its zone."""
        kind, _, ident = (self.record.data or "").partition(":")
        user = self.user.data or ""
        return HistoryFilter(
            entity_type=kind if _record_id(ident) else None,
            entity_id=_record_id(ident),
            user_id=_record_id(user),
            since=_start_of(self.since.data, zone),
            until=_start_of(self.until.data + timedelta(days=1), zone) if self.until.data else None,
        )


def _record_id(text: str) -> int | None:
    """The id a filter names, if it is one (ASCII digits within the ids' range)."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(LARGEST_ID)):
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_ID else None


def _start_of(day: date | None, zone: str) -> datetime | None:
    return to_utc(day, time(0), zone) if day else None
