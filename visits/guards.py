"""Checks every request passes before any view runs."""

from flask import Flask, abort, request


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)


def refuse_nul_characters() -> None:
    """No one types a NUL character, and PostgreSQL cannot store or compare one: a request
    carrying one in its query or form is refused as malformed (400), never a 500."""
    for values in (request.args, request.form):
        for value in values.values():
            if "\x00" in value:
                abort(400)
