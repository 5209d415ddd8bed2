from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField
from wtforms.validators import DataRequired, Email, Length, Optional

from visits.auth.services import MIN_PASSWORD_LENGTH
from visits.forms import VersionedForm, limit
from visits.labels import label
from visits.models import Role, User


def _roles() -> list[tuple[str, str]]:
    return [(role.value, label(role)) for role in Role]


class NewAccountForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), limit(User.email)])
    role = SelectField(_l("Role"), default=Role.VIEWER.value)
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("Leave empty to generate one; it is shown once."),
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = _roles()


class AccountForm(VersionedForm):
    role = SelectField(_l("Role"))
    is_active = BooleanField(_l("Active (may sign in)"))
    password = PasswordField(
        _l("New password"),
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("Leave empty to keep the current password."),
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = _roles()
