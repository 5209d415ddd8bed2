"""The confirmation of an import's preview, the same for every importer."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired


class ConfirmForm(FlaskForm):
    """Carries the parked upload to its import."""

    token = HiddenField(validators=[DataRequired()])
