"""The JSON API under /api/v1/, documented by an OpenAPI 3 document generated from its
marshmallow schemas (flask-smorest) and served at /api/v1/openapi.json."""

import http
from typing import Any

from flask import Flask
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from visits.api import auth, bodies, docs, resources
from visits.api.problems import PROBLEM_JSON, ProblemSchema
from visits.extensions import csrf

API_PREFIX = "/api/v1"


class VisitsApi(Api):
    """flask-smorest's Api whose errors are problem details. The error handlers are the
    application's own (visits/errors.py), which answer API paths with problem details."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        return None

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
                prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Problem details (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def init_app(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "Visits")
    app.config.setdefault("API_VERSION", "1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", API_PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "info": {
                "description": (
                    "Official delegation visits: their delegations, people, organizations, "
                    "venues, events with participants, calendar feeds and programme "
                    "revisions. Authenticate with a personal API token "
                    "(`Authorization: Bearer …`) created on your account page. Errors are "
                    "RFC 9457 problem details. Updates carry the record's `version`; a "
                    "stale one is refused with 409 and the current version."
                )
            },
            "servers": [{"url": "/"}],
            "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
            "security": [{"token": []}],
        },
    )
    api = VisitsApi(app)
    auth.init_app(app)
    bodies.init_app(app)
    for blueprint in resources.BLUEPRINTS:
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint)
    app.register_blueprint(docs.bp)
