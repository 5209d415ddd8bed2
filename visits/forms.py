"""Form pieces every area uses: text in three languages, the record's version, deletion."""

from collections.abc import Iterable
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import (
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from visits.languages import LANGUAGES, WORKING_LANGUAGE
from visits.models.columns import is_required, max_length
from visits.models.localized import LocalizedText
from visits.problems import problem_message
from visits.scheduling.validation import Problem

V = TypeVar("V")

LANGUAGE_NAMES = {"ru": _l("Russian"), "kk": _l("Kazakh"), "en": _l("English")}


class SubForm(Form):
    """A form inside another one (a row of a table, the three languages of a text) or read
    from the address: its own messages («This field is required.») in the reader's language,
    as those of a FlaskForm are."""

    class Meta:
        def get_translations(self, form: Any) -> Any:
            return wtforms_translations


def localized_field(label: Any, attribute: Any, area: bool = False) -> FormField:
    """A field of three inputs (ru, kk, en) for the LocalizedText `attribute` of a model,
    with its length; when the model requires it, the Russian text (the working language)
    must be given."""
    limit, required = max_length(attribute), is_required(attribute)

    class LocalizedForm(SubForm):
        pass

    for lang in LANGUAGES:
        validators: list[Any] = [Length(max=limit)] if limit else []
        if required and lang == WORKING_LANGUAGE:
            validators.insert(0, DataRequired())
        else:
            validators.insert(0, Optional())
        field_class = TextAreaField if area else StringField
        setattr(LocalizedForm, lang, field_class(LANGUAGE_NAMES[lang], validators=validators))
    return FormField(LocalizedForm, label=label, separator="_")


def limit(attribute: Any) -> Length:
    """The length check of a model's text column, as the model declares it."""
    length = max_length(attribute)
    if length is None:
        raise TypeError(f"{attribute} declares no length")
    return Length(max=length)


def values_of(form: Any, values_class: type[V]) -> V:
    """The form's fields as a service's values: each field of the dataclass `values_class`
    read from the form field of the same name (a text in three languages as one)."""
    return values_class(
        **{
            name: localized_value(form[name])
            if isinstance(form[name], FormField)
            else form[name].data
            for name in values_class.__dataclass_fields__  # type: ignore[attr-defined]
        }
    )


def localized_value(field: FormField) -> LocalizedText:
    """The LocalizedText a localized_field holds; blank variants are None."""
    data = field.data or {}
    return LocalizedText(**{lang: (data.get(lang) or "").strip() or None for lang in LANGUAGES})


class VersionedForm(FlaskForm):
    """A form that edits a record: it carries the version it was loaded at and, signed,
    the values it showed then (`loaded`, for merging with a colleague's save); `merge` is
    what a merge has to show on the page (visits.web.merge)."""

    version_id = HiddenField()
    loaded = HiddenField()
    merge: Any = None

    def loaded_version(self) -> int | None:
        data = self.version_id.data
        if data is None:
            return None
        try:
            return int(data)
        except (TypeError, ValueError):
            return None


class DeleteForm(FlaskForm):
    """The confirmation of a deletion (CSRF only)."""


def optional_id(value: str | int | None) -> int | None:
    """The id chosen in a select whose first choice, «—», means none."""
    if value is None or value == "":
        return None
    return int(value)


def record_select(label: Any, message: Any, *, checked: bool = True) -> SelectField:
    """A select of records whose first choice, «—», means none. A value that is not a
    number, or (when `checked`) not among the choices, is refused with `message`; with
    `checked=False` the form checks the choice itself, to say more than one thing."""
    return SelectField(  # type: ignore[call-arg]  # WTForms 3.3's messages, not in its stubs
        label,
        coerce=optional_id,
        choices=[],
        validate_choice=checked,
        invalid_choice_message=message,
        invalid_value_message=message,
    )


def show_problems(form: Any, problems: Iterable[Problem]) -> Any:
    """The form with each problem a service refused beside the field it names."""
    for problem in problems:
        field = form[problem.field]
        field.errors = [*field.errors, problem_message(problem.code)]
    return form


def status_of(form: Any) -> int:
    """422 for a submitted form that was refused, 200 for one shown afresh."""
    return 422 if form.is_submitted() else 200


def stripped(value: str | None) -> str | None:
    """Text as typed without surrounding blanks; empty is None."""
    return (value or "").strip() or None


def optional_int(label, minimum: int = 0, maximum: int | None = None) -> IntegerField:
    return IntegerField(label, validators=[Optional(), NumberRange(min=minimum, max=maximum)])


def required_int(label, minimum: int = 0, maximum: int | None = None) -> IntegerField:
    return IntegerField(label, validators=[InputRequired(), NumberRange(min=minimum, max=maximum)])


def errors_by_name(form: Any) -> dict[str, list[str]]:
    """Each input's problems by the name it is posted under ("full_name_ru"), for a page's
    script to show beside the inputs of a form it sent."""
    found: dict[str, list[str]] = {}
    for field in form:
        if hasattr(field, "form") and field.type == "FormField":
            found |= errors_by_name(field.form)
        elif field.errors:
            found[field.name] = [str(error) for error in field.errors]
    return found
