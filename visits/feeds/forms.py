"""The forms of calendar links: issuing one, and changing a link's settings."""

import json
from dataclasses import asdict
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3
from wtforms.validators import DataRequired, NumberRange, Optional, ValidationError

from visits.feeds.services import (
    MAX_REMINDER,
    FeedSettings,
    FeedTarget,
)
from visits.forms import LANGUAGE_NAMES, limit, optional_id, record_select, stripped
from visits.languages import LANGUAGES
from visits.models import Delivery, FeedScope, FeedToken
from visits.scheduling.timezones import InvalidTimeZone, validate_zone
from visits.web.picker import PERSON, IdField, Pick, resolve, show_names

SCOPE_NAMES = {
    FeedScope.VISIT: _l("The whole visit"),
    FeedScope.PERSON: _l("One person's programme"),
    FeedScope.VENUE: _l("One venue's events"),
}
DELIVERY_CHOICES = {
    Delivery.SUBSCRIPTION: _l("Their calendar's subscription alone"),
    Delivery.NOTICE: _l("A change notice by e-mail as well"),
    Delivery.INVITATIONS: _l("Calendar invitations by e-mail, one per changed event"),
}
# A person's or a venue's calendar: what to say when none is chosen, or one not listed.
_TARGET_MESSAGES = {
    FeedScope.PERSON: (
        _l("Choose the person whose programme this is."),
        _l("Choose a person of this visit from the list."),
    ),
    FeedScope.VENUE: (
        _l("Choose the venue whose events this shows."),
        _l("Choose a venue from the list."),
    ),
}


def zone_is_known(_form: FlaskForm, field: StringField) -> None:
    if not field.data:
        field.data = None
        return
    try:
        field.data = validate_zone(field.data)
    except InvalidTimeZone as error:
        raise ValidationError(
            _l(
                "Unknown time zone '%(name)s': use an IANA name such as Asia/Barnaul.",
                name=error.name,
            )
        ) from None


class SettingsForm(FlaskForm):
    """Whom the link is for, and how their calendar shows it."""

    label = StringField(
        _l("Given to"),
        filters=[stripped],
        validators=[
            DataRequired(message=_l("Say whom the link is given to.")),
            limit(FeedToken.label),
        ],
        description=_l("A name or a role, e.g. «Head of delegation» or «Interpreter»."),
    )
    language = SelectField(  # type: ignore[call-arg]  # WTForms 3.3's messages
        _l("Language"),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        default="ru",
        invalid_choice_message=_l("Choose a language from the list."),
    )
    home_timezone = StringField(
        _l("Home time zone"),
        filters=[stripped],
        validators=[Optional(), limit(FeedToken.home_timezone), zone_is_known],
        render_kw={"list": "zone-names", "autocomplete": "off", "spellcheck": "false"},
    )
    reminder_minutes = IntegerField(
        _l("Reminder, minutes before"),
        validators=[
            Optional(),
            NumberRange(
                min=0,
                max=MAX_REMINDER,
                message=_l("Enter minutes from %(min)s to %(max)s, or leave empty for none."),
            ),
        ],
        render_kw={"list": "reminder-presets", "min": 0, "max": MAX_REMINDER},
    )
    include_public = BooleanField(_l("Also the visit's public events"), default=True)
    include_travel = BooleanField(
        _l("Include their own arrival, departure and hotel"), default=True
    )

    delivery = RadioField(
        _l("Keep them up to date"),
        choices=[SelectChoice(way.value, DELIVERY_CHOICES[way]) for way in Delivery],
        default=Delivery.SUBSCRIPTION.value,
        validate_choice=False,  # absent (a visit's or a venue's link): the subscription
    )

    def validate_delivery(self, field: RadioField) -> None:
        if field.data and field.data not in {way.value for way in Delivery}:
            raise ValidationError(_l("Choose how they are kept up to date."))

    def settings(self) -> FeedSettings:
        return FeedSettings(
            label=self.label.data or "",
            language=self.language.data,
            home_timezone=self.home_timezone.data or None,
            reminder_minutes=self.reminder_minutes.data,
            include_public=bool(self.include_public.data),
            include_travel=bool(self.include_travel.data),
            delivery=Delivery(self.delivery.data or Delivery.SUBSCRIPTION.value),
        )


class FeedForm(SettingsForm):
    """Issuing a link: whose calendar it is, then the settings.

    A person's calendar is of one of the visit's people, chosen from a short select of them
    (bounded by the visit), or of anyone else, picked by typing the name
    (visits/web/picker.py): no list of every person of the office on the page."""

    scope = SelectField(  # type: ignore[call-arg]  # WTForms 3.3's messages
        _l("Calendar of"),
        choices=[SelectChoice(scope.value, SCOPE_NAMES[scope]) for scope in FeedScope],
        default=FeedScope.VISIT.value,
        invalid_choice_message=_l("Choose what the calendar shows."),
    )
    # Checked below, with a message for each case.
    visit_person_id = record_select(
        _l("Person of this visit"), _TARGET_MESSAGES[FeedScope.PERSON][1], checked=False
    )
    person_id = IdField()
    person_name = StringField(_l("Or anyone else, by name"))
    venue_id = record_select(_l("Venue"), _TARGET_MESSAGES[FeedScope.VENUE][1], checked=False)

    def __init__(self, session: Session, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session

    def pick(self) -> Pick:
        return Pick(PERSON, self.person_id, self.person_name)

    def show_names(self) -> None:
        show_names(self.session, [self.pick()])

    def validate_visit_person_id(self, field: SelectField) -> None:
        if field.data is not None:
            _check_chosen(field, "", _TARGET_MESSAGES[FeedScope.PERSON][1])

    def validate_venue_id(self, field: SelectField) -> None:
        if self.scope.data == FeedScope.VENUE:
            _check_chosen(field, *_TARGET_MESSAGES[FeedScope.VENUE])

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.scope.data != FeedScope.PERSON:
            return True
        if not resolve(self.session, [self.pick()]):
            return False
        listed, named = self.visit_person_id.data, self.person_id.data
        if listed is not None and named is not None and listed != named:
            message = _("Choose one person: from the list of this visit or by name, not both.")
        elif listed is None and named is None:
            message = str(_TARGET_MESSAGES[FeedScope.PERSON][0])
        else:
            return True
        self.person_name.errors = [*self.person_name.errors, message]
        return False

    def chosen_person(self) -> int | None:
        if self.visit_person_id.data is not None:
            return self.visit_person_id.data
        return self.person_id.data

    def target(self, visit_id: int) -> FeedTarget:
        scope = FeedScope(self.scope.data)
        return FeedTarget(
            scope=scope,
            visit_id=visit_id,
            person_id=self.chosen_person() if scope is FeedScope.PERSON else None,
            venue_id=self.venue_id.data if scope is FeedScope.VENUE else None,
        )


def _check_chosen(field: SelectField, missing: str, unknown: str) -> None:
    if field.data is None:
        raise ValidationError(missing)
    # The choices are SelectChoices (WTForms 3.3), which the stubs of 3.2 do not know.
    known = {optional_id(choice.value) for choice in field.choices} - {None}  # type: ignore[union-attr]
    if field.data not in known:
        raise ValidationError(unknown)


class EditFeedForm(SettingsForm):
    """Changing a link's settings; `loaded` holds the settings the editor saw, so a save
    made over someone else's change is refused rather than silently overwriting it, and
    merged with that change instead (visits.feeds.merge)."""

    loaded = HiddenField()
    ask = HiddenField()  # the settings a merge asks about (visits.feeds.merge)
    merge: Any = None  # what a merge has to show on the page

    def arm(self, settings: FeedSettings) -> None:
        self.loaded.data = json.dumps(asdict(settings), sort_keys=True)
        self.ask.data = ""

    def loaded_settings(self) -> FeedSettings | None:
        try:
            return FeedSettings(**json.loads(self.loaded.data or ""))
        except (TypeError, ValueError):
            return None
