"""The form behind a gesture on the day timeline (the page's script posts it)."""

from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3
from wtforms.validators import Length, NumberRange, Optional

from visits.forms import VersionedForm
from visits.scheduling.placing import Gesture
from visits.scheduling.timeline import BY_PERSON, BY_VENUE

MAX_SHIFT_MINUTES = 2 * 24 * 60  # a gesture never carries an event further than this


def _minutes() -> IntegerField:
    return IntegerField(
        default=0,
        validators=[Optional(), NumberRange(-MAX_SHIFT_MINUTES, MAX_SHIFT_MINUTES)],
    )


class PlaceForm(VersionedForm):
    """How far the block (`move`) or its end edge (`stretch`) travelled in minutes, the
    lane it was dropped in, and the day and view of the timeline it was done on."""

    move = _minutes()
    stretch = _minutes()
    lane = StringField(validators=[Optional()])
    shown = StringField(validators=[Optional(), Length(max=4000)])
    day = DateField(validators=[Optional()])
    by = SelectField(
        choices=[SelectChoice(BY_PERSON, BY_PERSON), SelectChoice(BY_VENUE, BY_VENUE)],
        default=BY_PERSON,
    )

    def shown_lanes(self) -> list[str]:
        """The keys of the lanes the page showed (space-separated)."""
        return (self.shown.data or "").split()

    def gesture(self) -> Gesture:
        return Gesture(self.move.data or 0, self.stretch.data or 0, self.lane.data or None)
