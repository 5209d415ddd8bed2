"""The OpenAPI document is valid, and a property-based run of requests generated from it
(schemathesis, in-process, bounded in examples) finds no server error and no response
that breaks the document."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from visits.api.tokens import issue_token
from visits.demo import load_demo
from visits.models import Role

# What the run asserts: no server error, and every answer as the document says (status,
# content type, headers, body). Whether a schema-valid request passes the rules no schema
# can state (dates within a visit, a venue in use) is left to the resources' own tests.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# Bounded: a few examples per operation keep the run to seconds on each database. A longer
# hunt: VISITS_FUZZ_EXAMPLES=500 .venv/bin/pytest tests/api/test_openapi.py
EXAMPLES = int(os.environ.get("VISITS_FUZZ_EXAMPLES", "20"))
# The operations are fuzzed in this many parts, which the test processes share out.
PARTS = 4


def test_the_document_validates(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/venues/" in spec["paths"]
    problem = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert "application/problem+json" in problem


def test_the_docs_page_lists_every_operation(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    page = client.get("/api/v1/docs").get_data(as_text=True)
    for path, item in spec["paths"].items():
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                assert f"{method.upper()} {path}" in page


@pytest.mark.slow  # fuzzing
@pytest.mark.parametrize("part", range(PARTS))
def test_no_server_error_and_no_schema_violation(app, api_headers, part):
    """Each operation of this part in turn (every PARTS-th one), with examples generated
    from its schemas; every failure (a 5xx, a response outside the document, a wrong
    content type) is collected."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5 * PARTS
    for operation in operations[part::PARTS]:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            case.call_and_validate(headers=api_headers, checks=CHECKS)

        try:
            run()
        except Exception as error:  # collected, reported together below
            failures.append(f"{operation.label}: {describe(error)}")
    assert not failures, "\n\n".join(failures)


def describe(error: BaseException) -> str:
    """The failure's own words, with those of each failure it groups."""
    parts = [f"{type(error).__name__}: {error}"]
    for inner in getattr(error, "exceptions", ()):
        parts.append(describe(inner))
    return "\n".join(parts)


@pytest.fixture
def api_headers(db, make_user):
    """An administrator's token over the demo visit, so generated ids often exist."""
    load_demo(db.session)
    db.session.commit()
    _token, secret = issue_token(db.session, make_user(Role.ADMIN, email="fuzz@example.org"), "t")
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}
