from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from wtforms import DateField, SelectField, StringField
from wtforms.fields import BooleanField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from visits.forms import VersionedForm, localized_field, optional_id, required_int
from visits.labels import label
from visits.models import Visit, VisitStatus
from visits.scheduling.days import FIRST_PLANNABLE_DAY, LAST_PLANNABLE_DAY
from visits.scheduling.timezones import InvalidTimeZone, validate_zone
from visits.web.merge_units import Group, MergeRules, shown_value
from visits.web.picker import ORGANIZATION, PERSON, IdField, Pick, resolve, show_names


def _zone(form, field) -> None:
    try:
        field.data = validate_zone(field.data)
    except InvalidTimeZone:
        raise ValidationError(
            _l("Unknown time zone. Use an IANA name such as Asia/Almaty.")
        ) from None


class VisitForm(VersionedForm):
    title = localized_field(_l("Title"), Visit.title)
    delegation_id = SelectField(_l("Delegation"), coerce=optional_id, validate_choice=True)
    # Picked by typing a name (visits/web/picker.py), not from a list of them all.
    host_organization_id = IdField()
    host_organization_name = StringField(_l("Host organization"))
    liaison_officer_id = IdField()
    liaison_officer_name = StringField(_l("Liaison officer"))
    city = localized_field(_l("City"), Visit.city)
    timezone = StringField(
        _l("Time zone of the visit"),
        validators=[DataRequired(), _zone],
        render_kw={"list": "zones", "autocomplete": "off"},
    )
    start_date = DateField(_l("First day"), validators=[InputRequired()])
    end_date = DateField(_l("Last day"), validators=[InputRequired()])
    status = SelectField(_l("Status"))
    occasion = localized_field(_l("Occasion"), Visit.occasion)
    topics = localized_field(_l("Topics"), Visit.topics)
    purpose = localized_field(_l("Purpose"), Visit.purpose, area=True)
    approved_by_name = localized_field(_l("Agreed by: name"), Visit.approved_by_name)
    approved_by_position = localized_field(_l("Agreed by: position"), Visit.approved_by_position)
    city_speed_kmh = required_int(_l("Average speed in the city, km/h"), minimum=5, maximum=150)
    hosts_first = BooleanField(_l("The host side first"))

    def __init__(self, *args, session: Session, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.status.choices = [(s.value, label(s)) for s in VisitStatus]

    def picks(self) -> list[Pick]:
        return [
            Pick(ORGANIZATION, self.host_organization_id, self.host_organization_name),
            Pick(PERSON, self.liaison_officer_id, self.liaison_officer_name),
        ]

    def show_names(self) -> None:
        show_names(self.session, self.picks())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return resolve(self.session, self.picks()) and valid

    def validate_start_date(self, field) -> None:
        _plannable(field.data)

    def validate_end_date(self, field) -> None:
        _plannable(field.data)


def _plannable(day) -> None:
    if day and not FIRST_PLANNABLE_DAY <= day <= LAST_PLANNABLE_DAY:
        raise ValidationError(
            _l(
                "Choose a date between the years %(first)s and %(last)s.",
                first=FIRST_PLANNABLE_DAY.year,
                last=LAST_PLANNABLE_DAY.year,
            )
        )


def _picked(key: str, label_text, name: str) -> Group:
    """A picker's id and the name it shows merge as one choice."""
    return Group(
        key,
        label_text,
        (f"{name}_id", f"{name}_name"),
        (f"{name}_id",),
        show=lambda form: shown_value(form[f"{name}_name"]) or "—",
    )


VISIT_MERGE = MergeRules(
    groups=(
        _picked("host_organization", _l("Host organization"), "host_organization"),
        _picked("liaison_officer", _l("Liaison officer"), "liaison_officer"),
    )
)
