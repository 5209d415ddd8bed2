from flask_wtf import FlaskForm


class SendAgainForm(FlaskForm):
    """The button that sends a failed message again (CSRF only)."""
