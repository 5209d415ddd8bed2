"""Forms of the bulk pages: the change asked for (action, minutes, day, events) and the
versions its preview read, which the preview's «Apply» posts back."""

from collections.abc import Iterable, Sequence
from datetime import date

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from visits.events.bulk import (
    CANCEL,
    COPY,
    COPY_DAY,
    DELETE,
    MAX_SHIFT_MINUTES,
    MOVE,
    SHIFT,
    SHIFT_LATER,
    BulkRequest,
    EventProblem,
    parse_versions,
)
from visits.events.forms import as_date
from visits.i18n import current_language
from visits.problems import problem_message
from visits.scheduling.timezones import to_local

ACTION_LABELS = {
    SHIFT: _l("Shift by minutes"),
    MOVE: _l("Move to another day"),
    COPY: _l("Copy to another day"),
    CANCEL: _l("Cancel"),
    DELETE: _l("Delete"),
}
MINUTE_FIELDS = {"no_minutes", "too_many_minutes"}
DAY_FIELDS = {"no_day", "same_day", "nothing_to_copy"}


def optional_day(value: object) -> date | None:
    return None if value in (None, "") else as_date(value)


class BulkForm(FlaskForm):
    """A change to several events: what the visit page's day toolbar and the «shift this
    and later events» page post, and what their preview posts back with «Apply»."""

    action = SelectField(_l("With the selected events"), default=SHIFT)
    minutes = IntegerField(
        _l("Minutes (negative: earlier)"),
        validators=[Optional(), NumberRange(min=-MAX_SHIFT_MINUTES, max=MAX_SHIFT_MINUTES)],
    )
    day = SelectField(_l("Day"), coerce=optional_day, validate_choice=False)
    source = SelectField(_l("Copy the events of"), coerce=optional_day, validate_choice=False)
    versions = HiddenField()

    def set_days(self, days: Sequence[tuple[date, str]]) -> None:
        choices = [(day.isoformat(), text) for day, text in days]
        self.day.choices = [("", "—"), *choices]
        self.source.choices = choices
        self.action.choices = [(name, str(text)) for name, text in ACTION_LABELS.items()]

    @staticmethod
    def event_ids() -> tuple[int, ...]:
        """The events ticked (the checkboxes named «event» on the visit page)."""
        return tuple(int(value) for value in request.form.getlist("event") if value.isdigit())

    def bulk_request(self, action: str, event_ids: tuple[int, ...] = ()) -> BulkRequest:
        return BulkRequest(
            action,
            event_ids,
            minutes=self.minutes.data if action in (SHIFT, SHIFT_LATER) else None,
            day=self.day.data if action in (MOVE, COPY, COPY_DAY) else None,
            source_day=self.source.data if action == COPY_DAY else None,
        )

    def expected(self) -> dict[int, int]:
        return parse_versions(self.versions.data or "")

    def add_problems(self, problems: Iterable[EventProblem], zone_name: str) -> None:
        """Each problem beside the field it is about; one naming an event at the top."""
        for problem in problems:
            text = problem_message(problem.code)
            if problem.event_id is not None:
                self.form_errors.append(_event_problem(problem, text, zone_name))
            elif problem.code in MINUTE_FIELDS:
                self.minutes.errors = [*self.minutes.errors, text]
            elif problem.code in DAY_FIELDS:
                self.day.errors = [*self.day.errors, text]
            else:
                self.form_errors.append(text)


def _event_problem(problem: EventProblem, text: str, zone_name: str) -> str:
    title = problem.title.get(current_language()) if problem.title else ""
    when = to_local(problem.starts_at, zone_name) if problem.starts_at else None
    return _(
        "«%(title)s» (%(when)s): %(problem)s",
        title=title,
        when=f"{when:%d.%m %H:%M}" if when else "",
        problem=text,
    )
