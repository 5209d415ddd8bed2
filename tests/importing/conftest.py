"""The API client fixtures, for the tests that call the import flow through the API too."""

from tests.api.conftest import api, make_api_client  # noqa: F401
