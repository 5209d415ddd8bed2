"""Entry point for `flask --app wsgi` and gunicorn (`gunicorn wsgi:app`)."""

from visits import create_app

app = create_app()
