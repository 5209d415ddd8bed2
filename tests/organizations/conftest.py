import pytest


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, so the tests read the messages as written in the source."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
