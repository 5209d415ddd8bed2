"""The person form."""

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3
from wtforms.validators import Email, Optional, ValidationError

from visits.forms import (
    LANGUAGE_NAMES,
    VersionedForm,
    limit,
    localized_field,
    stripped,
    values_of,
)
from visits.languages import LANGUAGES
from visits.models import Person
from visits.people.services import PersonValues
from visits.web.merge_units import Group, MergeRules, shown_value
from visits.web.picker import ORGANIZATION, IdField, Pick, resolve, show_names


class PersonForm(VersionedForm):
    full_name = localized_field(_l("Full name"), Person.full_name)
    position = localized_field(_l("Position"), Person.position)
    # Picked by typing its name (visits/web/picker.py), not from a list of them all.
    organization_id = IdField()
    organization_name = StringField(_l("Organization"))
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

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session

    def picks(self) -> list[Pick]:
        return [Pick(ORGANIZATION, self.organization_id, self.organization_name)]

    def show_names(self) -> None:
        show_names(self.session, self.picks())

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        return resolve(self.session, self.picks()) and valid

    def values(self) -> PersonValues:
        return values_of(self, PersonValues)


# The organization's id and the name its picker shows merge as one choice.
PERSON_MERGE = MergeRules(
    groups=(
        Group(
            "organization",
            _l("Organization"),
            ("organization_id", "organization_name"),
            ("organization_id",),
            show=lambda form: shown_value(form.organization_name) or "—",
        ),
    )
)
