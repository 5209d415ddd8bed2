"""The person form."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3
from wtforms.validators import Email, Optional, ValidationError

from visits.forms import (
    LANGUAGE_NAMES,
    VersionedForm,
    limit,
    localized_field,
    record_select,
    stripped,
    values_of,
)
from visits.languages import LANGUAGES
from visits.models import Person
from visits.people.services import PersonValues


class PersonForm(VersionedForm):
    full_name = localized_field(_l("Full name"), Person.full_name)
    position = localized_field(_l("Position"), Person.position)
    organization_id = record_select(_l("Organization"), _l("Choose an organization from the list."))
    languages = StringField(
        _l("Languages"),
        filters=[stripped],
        validators=[limit(Person.languages)],
        description=_l("Languages they speak, e.g. ru, kk"),
    )
    phone = StringField(_l("Phone"), filters=[stripped], validators=[limit(Person.phone)])
    email = StringField(
        _l("E-mail"),
        filters=[stripped],
        validators=[
            Optional(),
            limit(Person.email),
            Email(message=_l("Enter an e-mail address such as name@example.org.")),
        ],
    )
    preferred_language = SelectField(
        _l("Language of messages"),
        choices=[SelectChoice("", _l("as their calendar link")),
                 *(SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES)],
        filters=[lambda value: value or None],
        validate_choice=False,  # empty or absent: none (checked below)
        description=_l("The e-mail notices of their programme are written in it."),
    )  # fmt: skip
    notes = TextAreaField(_l("Notes"), filters=[stripped])

    def validate_preferred_language(self, field: SelectField) -> None:
        if field.data is not None and field.data not in LANGUAGES:
            raise ValidationError(_l("Choose a language from the list."))

    def values(self) -> PersonValues:
        return values_of(self, PersonValues)
