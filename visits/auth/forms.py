from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Length

from visits.forms import limit
from visits.models import User


class LoginForm(FlaskForm):
    # Looked up, not stored: any address an account was made with signs in, even one the
    # e-mail syntax check would refuse today (e.g. a special-use domain such as .local).
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), limit(User.email)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in"))
    submit = SubmitField(_l("Sign in"))


class LanguageForm(FlaskForm):
    """The language switch of a signed-in staff member (CSRF only; the language is a button)."""


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("Sign out"))
