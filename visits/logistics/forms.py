"""Forms of the logistics pages, and the words for directions and means of transport."""

from collections.abc import Iterable, Sequence

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3
from wtforms.validators import DataRequired, InputRequired, Optional

from visits.forms import VersionedForm, limit, localized_field, localized_value, optional_id
from visits.labels import label
from visits.logistics.services import WINDOW_DAYS, Problem
from visits.models import DelegationMember, Direction, Movement, TravelMode
from visits.scheduling.timezones import to_local
from visits.web.choices import record_choices

NONE = "—"


def _language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "ru"


def member_name(member: DelegationMember | None) -> str:
    """Who travels or sleeps: a member's name, else the whole delegation."""
    if member is None:
        return _("Whole delegation")
    return member.display_name.get(_language())


def member_choices(members: Sequence[DelegationMember]) -> list[SelectChoice]:
    choices = [SelectChoice("", _("Whole delegation"))]
    for member in members:
        text = f"{member_name(member)} ({label(member.role)})"
        choices.append(SelectChoice(str(member.id), text))
    return choices


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def problem_message(problem: Problem, zone: str) -> str:
    if problem.code == "far_from_visit":
        return _(
            "This date is more than %(days)d days away from the dates of the visit.",
            days=WINDOW_DAYS,
        )
    if problem.code == "check_out_not_after_check_in":
        return _("Check-out must be after check-in.")
    when = to_local(problem.moment, zone) if problem.moment else None
    when_text = f"{format_date(when.date(), 'd MMMM')} {when:%H:%M}" if when else ""
    if problem.code == "arrival_after_departure":
        return _(
            "Overlapping arrival/departure: the same traveller departs before this "
            "arrival (%(when)s).",
            when=when_text,
        )
    return _(
        "Overlapping arrival/departure: the same traveller arrives after this "
        "departure (%(when)s).",
        when=when_text,
    )


class LogisticsForm(VersionedForm):
    member_id = SelectField(_l("Who"), coerce=optional_id)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), limit(Movement.notes)])

    def __init__(self, members: Sequence[DelegationMember], *args, obj=None, **kw) -> None:
        super().__init__(*args, obj=obj, **kw)
        members = list(members)
        # A record kept from before the visit changed delegation still shows its traveller.
        if obj is not None and obj.member is not None and obj.member not in members:
            members.append(obj.member)
        self.member_id.choices = member_choices(members)

    def show(self, problems: Iterable[Problem], zone: str) -> None:
        """Put the service's refusals beside their fields."""
        for problem in problems:
            getattr(self, problem.field).errors.append(problem_message(problem, zone))

    def _notes(self) -> str | None:
        return (self.notes.data or "").strip() or None


class MovementForm(LogisticsForm):
    direction = SelectField(
        _l("Arrival or departure"),
        coerce=Direction,
        choices=lambda: [SelectChoice(d.value, label(d)) for d in Direction],
    )
    mode = SelectField(
        _l("Transport"),
        coerce=TravelMode,
        choices=lambda: [SelectChoice(m.value, label(m)) for m in TravelMode],
    )
    number = StringField(
        _l("Flight or train number"),
        validators=[Optional(), limit(Movement.number)],
        filters=[_strip],
        render_kw={"placeholder": "S7 5271"},
    )
    place = localized_field(_l("Place (airport, station)"), Movement.place)
    venue_id = SelectField(_l("Venue"), coerce=optional_id)
    day = DateField(_l("Date (local)"), validators=[InputRequired()])
    time = TimeField(_l("Time (local)"), validators=[InputRequired()])
    show_as_transfer = BooleanField(_l("Show as a transfer row in the schedule"))
    vehicles = StringField(
        _l("Vehicles"),
        validators=[Optional(), limit(Movement.vehicles)],
        filters=[_strip],
        description=_l("For the working programme, e.g. «Toyota Land Cruiser 123 ABC 16»."),
    )
    met_by = StringField(
        _l("Met or seen off by"),
        validators=[Optional(), limit(Movement.met_by)],
        filters=[_strip],
        description=_l(
            "Who meets the arrival or sees off the departure: for the working programme."
        ),
    )

    def __init__(self, members, venues, zone: str, *args, obj: Movement | None = None, **kw):
        super().__init__(members, *args, obj=obj, **kw)
        self.venue_id.choices = record_choices(venues)
        fresh = "formdata" in kw and kw["formdata"] is None  # shown from `obj`, not posted
        if obj is not None and (fresh or not self.is_submitted()):
            local = to_local(obj.at, zone)
            self.day.data, self.time.data = local.date(), local.time()

    def values(self) -> dict:
        return {
            "member_id": self.member_id.data,
            "direction": self.direction.data,
            "mode": self.mode.data,
            "number": self.number.data or None,
            "place": localized_value(self.place),
            "venue_id": self.venue_id.data,
            "day": self.day.data,
            "wall": self.time.data,
            "show_as_transfer": bool(self.show_as_transfer.data),
            "vehicles": self.vehicles.data or None,
            "met_by": self.met_by.data or None,
            "notes": self._notes(),
        }


class StayForm(LogisticsForm):
    hotel_id = SelectField(
        _l("Hotel"),
        coerce=optional_id,
        validators=[DataRequired(message=_l("Choose the hotel."))],
    )
    check_in = DateField(_l("Check-in"), validators=[InputRequired()])
    check_out = DateField(_l("Check-out"), validators=[InputRequired()])

    def __init__(self, members, venues, *args, **kw):
        super().__init__(members, *args, **kw)
        self.hotel_id.choices = record_choices(venues, _("Choose the hotel"))

    def values(self) -> dict:
        return {
            "member_id": self.member_id.data,
            "hotel_id": self.hotel_id.data,
            "check_in": self.check_in.data,
            "check_out": self.check_out.data,
            "notes": self._notes(),
        }
