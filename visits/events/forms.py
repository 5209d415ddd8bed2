"""Forms of the event pages: the event with its participants, moving it, copying a day."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Field,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3
from wtforms.validators import InputRequired, Optional, StopValidation

from visits.events.rows import NONE, ParticipantForm, ParticipantRows
from visits.events.services import InvalidEvent, check_participants
from visits.forms import VersionedForm, limit, localized_field, localized_value, optional_id
from visits.models import (
    Event,
    EventKind,
    EventStatus,
    Visibility,
    Visit,
)
from visits.problems import problem_message
from visits.scheduling.timezones import to_local, to_utc
from visits.scheduling.validation import Problem, event_time_problems
from visits.web.choices import enum_choices
from visits.web.picker import PERSON, IdField, Pick

TIME_FORMATS = ["%H:%M", "%H:%M:%S"]  # browsers send seconds when a step asks for them


# The words for a problem code of the services, in the reader's language.
def message(code: str) -> str:
    return problem_message(code)


def as_date(value: Any) -> date:
    """A day from a select: a date as it is, else YYYY-MM-DD (anything else is refused)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


class ActionForm(FlaskForm):
    """A one-click action (cancel, restore, duplicate): its CSRF token only."""


def time_unless_all_day(form: "EventForm", field: Field) -> None:
    """A time is required, but not for an all-day event: that fills its day. (No
    `required` attribute: the browser would ask for it with "All day" ticked.)"""
    if form.is_all_day.data:
        field.errors = []
        raise StopValidation()
    InputRequired()(form, field)


class EventForm(ParticipantRows, VersionedForm):
    kind = SelectField(_l("Kind"), coerce=EventKind, default=EventKind.MEETING)
    title = localized_field(_l("Title"), Event.title)
    day = DateField(_l("Date"), validators=[InputRequired()])
    is_all_day = BooleanField(_l("All day"))
    start_time = TimeField(_l("Start"), validators=[time_unless_all_day], format=TIME_FORMATS)
    end_time = TimeField(_l("End"), validators=[time_unless_all_day], format=TIME_FORMATS)
    ends_next_day = BooleanField(_l("Ends the next day (after midnight)"))
    # Which pass of a repeated autumn hour the times mean ("1": the second); kept from
    # the event, so saving an event in the second pass does not move it an hour.
    start_fold = HiddenField(default="0")
    end_fold = HiddenField(default="0")
    venue_id = SelectField(_l("Venue"), coerce=optional_id)
    status = SelectField(_l("Status"), coerce=EventStatus, default=EventStatus.TENTATIVE)
    visibility = SelectField(_l("Visibility"), coerce=Visibility, default=Visibility.DELEGATION)
    description = localized_field(_l("Description"), Event.description, area=True)
    dress_code = localized_field(_l("Dress code"), Event.dress_code)
    notes = localized_field(_l("Notes for the delegation"), Event.notes, area=True)
    internal_notes = TextAreaField(_l("Internal notes (staff only)"), validators=[Optional()])
    responsible_id = IdField()
    responsible_name = StringField(_l("Responsible (staff only)"))
    vehicles = StringField(
        _l("Vehicles (staff only)"), validators=[Optional(), limit(Event.vehicles)]
    )
    # As many rows as are posted (the request's size limits bound them).
    participants = FieldList(FormField(ParticipantForm))
    saved_group_id = SelectField(_l("Saved group"), coerce=optional_id)

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.venue_id.choices = [NONE]
        self.kind.choices = enum_choices(EventKind)
        self.status.choices = enum_choices(EventStatus)
        self.visibility.choices = enum_choices(Visibility)
        self.saved_group_id.choices = [NONE]

    def set_choices(self, venues: Sequence[SelectChoice]) -> None:
        """Fill the venue select, starting with its choice of none ("—")."""
        self.venue_id.choices = list(venues)

    def picks(self) -> list[Pick]:
        return [Pick(PERSON, self.responsible_id, self.responsible_name), *super().picks()]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        # The participant rule is checked once every row names whom it was meant to.
        valid = self.resolve_picks() and self._check_rows() and valid
        times = (self.day,) if self.is_all_day.data else (self.day, self.start_time, self.end_time)
        if all(f.data is not None and not f.errors for f in times):
            problems = event_time_problems(
                self.starts_at(),
                self.ends_at(),
                self.visit.start_date,
                self.visit.end_date,
                self.visit.timezone,
            )
            self.add_problems(problems)
            valid = valid and not problems
        return valid

    def _check_rows(self) -> bool:
        """The participant rule of the services, its problems shown on their rows."""
        try:
            check_participants(self.participant_values())
        except InvalidEvent as invalid:
            self.add_problems(invalid.problems)
            return False
        return True

    def add_problems(self, problems: Iterable[Problem]) -> None:
        """Show each problem the scheduling rules found beside the field it is about."""
        for problem in problems:
            field: Field
            if problem.code == "outside_visit" and problem.field == "starts_at":
                field = self.day
            elif problem.field == "starts_at":
                field = self.start_time
            elif problem.field == "participants" and problem.row is not None:
                field = self._row_field(problem, problem.row)
                self.participants.errors = [*self.participants.errors, message(problem.code)]
            elif problem.field == "participants":
                field = self.participants
            else:
                field = self.end_time
            field.errors = [*field.errors, message(problem.code)]

    def starts_at(self) -> datetime:
        if self.is_all_day.data:  # the whole local day: 00:00 to 24:00
            assert self.day.data is not None  # read once it is given
            return to_utc(self.day.data, time(0), self.visit.timezone)
        day, start = self.day.data, self.start_time.data
        assert day is not None and start is not None  # read once they are given
        return to_utc(day, start, self.visit.timezone, fold=_fold(self.start_fold.data))

    def ends_at(self) -> datetime:
        if self.is_all_day.data:
            assert self.day.data is not None  # read once it is given
            return to_utc(self.day.data + timedelta(days=1), time(0), self.visit.timezone)
        day, end = self.day.data, self.end_time.data
        assert day is not None and end is not None  # read once they are given
        end_day = day + timedelta(days=1 if self.ends_next_day.data else 0)
        return to_utc(end_day, end, self.visit.timezone, fold=_fold(self.end_fold.data))

    def values(self) -> dict[str, Any]:
        """The event's fields as the services take them."""
        return {
            "kind": self.kind.data,
            "title": localized_value(self.title),
            "description": localized_value(self.description),
            "starts_at": self.starts_at(),
            "ends_at": self.ends_at(),
            "is_all_day": bool(self.is_all_day.data),
            "venue_id": self.venue_id.data,
            "status": self.status.data,
            "visibility": self.visibility.data,
            "dress_code": localized_value(self.dress_code),
            "notes": localized_value(self.notes),
            "internal_notes": (self.internal_notes.data or "").strip() or None,
            "responsible_id": self.responsible_id.data,
            "vehicles": (self.vehicles.data or "").strip() or None,
        }


def local_times(event: Event) -> dict[str, Any]:
    """The date and times of an event as the form shows them, in the visit's zone."""
    starts = to_local(event.starts_at, event.visit.timezone)
    ends = to_local(event.ends_at, event.visit.timezone)
    return {
        "day": starts.date(),
        "start_time": starts.time(),
        "end_time": ends.time(),
        "ends_next_day": ends.date() > starts.date(),
        "start_fold": str(starts.fold),
        "end_fold": str(ends.fold),
    }


def _fold(value: Any) -> int:
    """The pass a posted fold names: 1 for "1", else the first (0)."""
    return 1 if value == "1" else 0


class MoveForm(VersionedForm):
    day = DateField(_l("New date"), validators=[InputRequired()])
    start_time = TimeField(_l("New start"), validators=[InputRequired()], format=TIME_FORMATS)
    start_fold = HiddenField(default="0")  # which pass of a repeated hour (see EventForm)

    def starts_at(self, zone_name: str) -> datetime:
        """The new start, once the form is valid."""
        day, start = self.day.data, self.start_time.data
        assert day is not None and start is not None  # both are required
        return to_utc(day, start, zone_name, fold=_fold(self.start_fold.data))

    def add_problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            field = self.start_time if problem.code == "ends_before_start" else self.day
            field.errors = [*field.errors, message(problem.code)]
