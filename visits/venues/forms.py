"""The venue form and the travel-time form of a venue's page."""

from decimal import Decimal
from typing import cast

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3
from wtforms.validators import InputRequired, NumberRange, Optional, StopValidation

from visits.forms import (
    VersionedForm,
    limit,
    localized_field,
    optional_id,
    record_select,
    stripped,
    values_of,
)
from visits.models import Venue
from visits.venues.services import MAX_MINUTES, VenueValues

MAX_CAPACITY = 1_000_000


def finite(_form, field) -> None:
    """Refuse NaN and infinities, which Decimal reads but no range can hold."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(field.gettext("Not a valid decimal value."))


class CoordinateField(DecimalField):
    """Degrees as a decimal; a comma is read as the decimal point, as people type it here."""

    def process_formdata(self, valuelist: list[str]) -> None:
        super().process_formdata([value.strip().replace(",", ".") for value in valuelist])

    def _value(self) -> str:
        if self.raw_data or self.data is None:
            return super()._value()  # type: ignore[misc]  # WTForms' own, not in its stubs
        return format(Decimal(self.data).normalize(), "f")


def coordinate(label, limit: int) -> CoordinateField:
    message = _l("Enter degrees from %(min)s to %(max)s.")
    return CoordinateField(
        label,
        places=None,
        validators=[Optional(), finite, NumberRange(min=-limit, max=limit, message=message)],
    )


class VenueForm(VersionedForm):
    name = localized_field(_l("Name"), Venue.name)
    address = localized_field(_l("Address"), Venue.address)
    city = localized_field(_l("City"), Venue.city)
    latitude = coordinate(_l("Latitude"), 90)
    longitude = coordinate(_l("Longitude"), 180)
    capacity = IntegerField(
        _l("Capacity"),
        validators=[
            Optional(),
            NumberRange(
                min=1, max=MAX_CAPACITY, message=_l("Enter a number of seats from 1 upwards.")
            ),
        ],
    )
    shared = BooleanField(_l("Shared space"))
    contact = StringField(_l("Contact"), filters=[stripped], validators=[limit(Venue.contact)])
    notes = TextAreaField(_l("Notes"), filters=[stripped])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        pair = (self.latitude, self.longitude)
        given = [field for field in pair if field.data is not None]
        if valid and len(given) == 1:
            missing = self.longitude if given[0] is self.latitude else self.latitude
            missing.errors = [*missing.errors, _l("Give both coordinates, or neither.")]
            return False
        return valid

    def values(self) -> VenueValues:
        return values_of(self, VenueValues)


class TravelTimeForm(FlaskForm):
    """Minutes from this venue to another: saved for the pair, in both directions."""

    # Checked below, with a message for each case.
    to_venue_id = record_select(_l("To venue"), _l("Choose a venue from the list."), checked=False)
    minutes = IntegerField(
        _l("Minutes"),
        validators=[
            InputRequired(message=_l("Enter the minutes it takes.")),
            NumberRange(
                min=1,
                max=MAX_MINUTES,
                message=_l("Enter whole minutes from %(min)s to %(max)s."),
            ),
        ],
    )

    def __init__(self, from_venue_id: int, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.from_venue_id = from_venue_id

    def validate_to_venue_id(self, field: SelectField) -> None:
        choices = cast(list[SelectChoice], field.choices)
        known = {optional_id(choice.value) for choice in choices} - {None}
        if field.data is None:
            raise StopValidation(_l("Choose a venue from the list."))
        if field.data == self.from_venue_id:
            raise StopValidation(_l("A venue needs no travel time to itself."))
        if field.data not in known:
            raise StopValidation(_l("Choose a venue from the list."))
