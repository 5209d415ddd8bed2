"""Forms of the delegation pages: the delegation, adding a member, ordering the members."""

from functools import cache
from zoneinfo import available_timezones

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from visits.delegations.roster import LineProblem
from visits.forms import (
    SubForm,
    VersionedForm,
    limit,
    localized_field,
    localized_value,
)
from visits.models import Delegation, MemberRole
from visits.scheduling.timezones import InvalidTimeZone, validate_zone
from visits.web.choices import enum_choices
from visits.web.picker import ORGANIZATION, PERSON, IdField, Pick, resolve, show_names

# Codes CLDR names that are not countries.
NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"}
NONE = "—"


def ids(value: str | None) -> list[int] | None:
    """A comma-separated list of ids as sent back by a form; None when malformed."""
    try:
        return [int(part) for part in (value or "").split(",") if part]
    except ValueError:
        return None


def _reader() -> Locale:
    return get_locale() or Locale("ru")


def country_name(code: str | None) -> str:
    """A country code in the reader's language: KZ → «Казахстан»."""
    if not code:
        return ""
    return _reader().territories.get(code, code)


def country_choices() -> list[SelectChoice]:
    names = {
        code: name
        for code, name in _reader().territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }
    ordered = sorted(names.items(), key=lambda item: item[1].casefold())
    return [SelectChoice("", NONE)] + [SelectChoice(code, name) for code, name in ordered]


@cache
def zone_names() -> list[str]:
    """IANA zones to suggest, sorted; any zone the machine knows is still accepted."""
    legacy = ("Etc/", "SystemV/", "posix/", "right/")
    return sorted(z for z in available_timezones() if "/" in z and not z.startswith(legacy))


def role_choices() -> list[SelectChoice]:
    return enum_choices(MemberRole)


def zone_is_known(_form: FlaskForm, field: StringField) -> None:
    try:
        field.data = validate_zone(field.data)
    except InvalidTimeZone as error:
        raise ValidationError(
            _(
                "Unknown time zone '%(name)s': use an IANA name such as Asia/Almaty.",
                name=error.name,
            )
        ) from None


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class DelegationForm(VersionedForm):
    name = localized_field(_l("Name"), Delegation.name)
    origin_country = SelectField(_l("Country of origin"), coerce=lambda v: v or None)
    origin_region = localized_field(_l("Region of origin"), Delegation.origin_region)
    home_timezone = StringField(
        _l("Home time zone"),
        validators=[DataRequired(), limit(Delegation.home_timezone), zone_is_known],
        filters=[_strip],
        render_kw={"list": "zone-names", "autocomplete": "off", "spellcheck": "false"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.origin_country.choices = country_choices()

    def values(self) -> dict:
        return {
            "name": localized_value(self.name),
            "origin_country": self.origin_country.data,
            "origin_region": localized_value(self.origin_region),
            "home_timezone": self.home_timezone.data,
        }


class AddMemberForm(FlaskForm):
    """A person or a group added to the delegation, each picked by typing its name
    (visits/web/picker.py): no list of every person or organization on the page."""

    person_id = IdField()
    person_name = StringField(_l("Person"))
    organization_id = IdField()
    organization_name = StringField(_l("Or a group or organization"))
    role = SelectField(
        _l("Role in the delegation"),
        coerce=MemberRole,
        choices=role_choices,
        default=MemberRole.MEMBER,
    )
    is_with_head = BooleanField(_l("Travels with the head (the head's party)"))

    def __init__(self, session: Session, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.session = session

    def picks(self) -> list[Pick]:
        return [
            Pick(PERSON, self.person_id, self.person_name),
            Pick(ORGANIZATION, self.organization_id, self.organization_name),
        ]

    def show_names(self) -> None:
        show_names(self.session, self.picks())

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not resolve(self.session, self.picks()):
            return False
        chosen = (self.person_id.data is not None) + (self.organization_id.data is not None)
        if chosen == 1:
            return True
        self.person_name.errors = [
            *self.person_name.errors,
            _("Choose a person or a group, not both.")
            if chosen
            else _("Choose a person or a group to add."),
        ]
        return False


class MemberRowForm(SubForm):
    member_id = HiddenField()
    position = IntegerField(_l("Order"), validators=[InputRequired(), NumberRange(min=1, max=9999)])
    role = SelectField(_l("Role"), coerce=MemberRole, choices=role_choices)
    is_with_head = BooleanField(_l("With the head"))


class MembersForm(FlaskForm):
    """The order (a number per member) and the role of every member, saved at once."""

    loaded = HiddenField()
    members = FieldList(FormField(MemberRowForm))

    def rows(self) -> list[tuple[int, int, MemberRole]] | None:
        """(member id, position, role) per row; None when an id was tampered with."""
        try:
            return [
                (int(row.member_id.data), row.position.data, row.role.data) for row in self.members
            ]
        except (TypeError, ValueError):
            return None

    def party(self) -> set[int]:
        """The ids of the members ticked as travelling with the head (once rows() is read)."""
        return {int(row.member_id.data) for row in self.members if row.is_with_head.data}


class MoveMemberForm(FlaskForm):
    loaded = HiddenField()
    direction = SelectField(choices=[SelectChoice("up"), SelectChoice("down")])

    @property
    def step(self) -> int:
        return -1 if self.direction.data == "up" else 1


class AddSeveralForm(FlaskForm):
    """Several members at once: one per line, «name — position»."""

    lines = TextAreaField(
        _l("Members, one per line"), validators=[DataRequired()], render_kw={"rows": 6}
    )
    groups = RadioField(
        _l("Each line names"),
        choices=[
            SelectChoice("", _l("a person")),
            SelectChoice("1", _l("a group or an organization")),
        ],
        default="",
    )
    role = SelectField(
        _l("Role in the delegation"),
        coerce=MemberRole,
        choices=role_choices,
        default=MemberRole.MEMBER,
    )
    organization_id = IdField()
    organization_name = StringField(_l("Organization of new people"))

    def __init__(self, session: Session, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.session = session

    def picks(self) -> list[Pick]:
        return [Pick(ORGANIZATION, self.organization_id, self.organization_name)]

    def show_names(self) -> None:
        show_names(self.session, self.picks())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return resolve(self.session, self.picks()) and valid


def line_problem(problem: LineProblem) -> str:
    """What is wrong with one typed line, as a whole sentence."""
    values = {"line": problem.number, "name": problem.name}
    messages = {
        "too_many_lines": _("Line %(line)d: at most 200 members can be added at once.", **values),
        "name_too_long": _("Line %(line)d: the name «%(name)s» is too long.", **values),
        "position_too_long": _("Line %(line)d: the position of «%(name)s» is too long.", **values),
        "ambiguous": _(
            "Line %(line)d: several records are called «%(name)s»; add this one on its own "
            "with the form above.",
            **values,
        ),
        "repeated": _("Line %(line)d: «%(name)s» is already named on an earlier line.", **values),
        "already_member": _("Line %(line)d: «%(name)s» is already in the delegation.", **values),
    }
    return messages[problem.code]
