from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

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
