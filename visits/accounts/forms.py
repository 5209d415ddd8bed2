from typing import Any

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


def _new_password(title: Any, description: Any) -> PasswordField:
    """An optional new password of an account (the browser may suggest one, never fill in
    a saved one); what an empty field means is the description's to say."""
    return PasswordField(
        title,
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=description,
        render_kw={"autocomplete": "new-password"},
    )


class NewAccountForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), limit(User.email)])
    role = SelectField(_l("Role"), default=Role.VIEWER.value)
    password = _new_password(_l("Password"), _l("Leave empty to generate one; it is shown once."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = _roles()


class AccountForm(VersionedForm):
    role = SelectField(_l("Role"))
    is_active = BooleanField(_l("Active (may sign in)"))
    password = _new_password(_l("New password"), _l("Leave empty to keep the current password."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = _roles()
