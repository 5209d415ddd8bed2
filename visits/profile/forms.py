from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from visits.auth.services import MIN_PASSWORD_LENGTH
from visits.forms import limit, stripped
from visits.models import ApiToken


class NewTokenForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), limit(ApiToken.name)],
        filters=[stripped],
        description=_l("What the token is for, e.g. «Governor's office calendar»."),
    )


class RevokeTokenForm(FlaskForm):
    """Only the CSRF token: the token to revoke is in the URL."""


class EndSessionForm(FlaskForm):
    """Only the CSRF token: the session to end is in the URL."""


class PasswordForm(FlaskForm):
    """A new password of one's own, with the current one to show it is really them."""

    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    new = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(num)d characters.", num=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
