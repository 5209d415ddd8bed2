"""The organization form."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Optional, Regexp

from visits.forms import VersionedForm, localized_field, stripped, values_of
from visits.models import Organization, OrganizationKind
from visits.organizations.services import OrganizationValues
from visits.web.choices import enum_choices


def upper_or_none(value: str | None) -> str | None:
    return (value or "").strip().upper() or None


class OrganizationForm(VersionedForm):
    name = localized_field(_l("Name"), Organization.name)
    kind = SelectField(  # type: ignore[call-arg]  # WTForms 3.3's messages
        _l("Kind"),
        coerce=OrganizationKind,
        default=OrganizationKind.OTHER,
        invalid_choice_message=_l("Choose a kind from the list."),
        invalid_value_message=_l("Choose a kind from the list."),
    )
    country = StringField(
        _l("Country"),
        filters=[upper_or_none],
        validators=[
            Optional(),
            Regexp(r"^[A-Z]{2}\Z", message=_l("Enter a two-letter country code such as KZ.")),
        ],
        description=_l("Two-letter ISO code: KZ, RU…"),
    )
    notes = TextAreaField(_l("Notes"), filters=[stripped])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = enum_choices(OrganizationKind)

    def values(self) -> OrganizationValues:
        return values_of(self, OrganizationValues)
