"""A staff account signed in on the app's test client, for the benchmarks that measure
pages in process (the programme, the timeline)."""

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from visits.extensions import db
from visits.models import Role, User

EMAIL, PASSWORD = "bench@example.org", "bench"


def signed_in(app: Flask, role: Role) -> FlaskClient:
    """A client signed in as a new account of `role` (call inside the app's context)."""
    hashed = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")  # fast on purpose
    db.session.add(User(email=EMAIL, role=role, password_hash=hashed))
    db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"email": EMAIL, "password": PASSWORD})
    return client
