"""Public links are built on PUBLIC_BASE_URL with or without a request being answered."""

import pytest
from flask import has_request_context

from visits.feeds.links import feed_links
from visits.models import FeedToken
from visits.web.links import public_url


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000/feeds/s3cret.ics"),
        ("https://visits.example.org/", "https://visits.example.org/feeds/s3cret.ics"),
        ("https://example.org/protocol", "https://example.org/protocol/feeds/s3cret.ics"),
    ],
)
def test_a_link_needs_no_request(app, monkeypatch, base, expected):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", base)
    assert not has_request_context()
    assert public_url("feeds.calendar", secret="s3cret") == expected


def test_a_request_on_another_host_does_not_change_the_links(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://visits.example.org")
    token = FeedToken(token="s3cret")
    with app.test_request_context("/", base_url="http://internal:8000"):
        links = feed_links(token)
    assert links.feed == "https://visits.example.org/feeds/s3cret.ics"
    assert links.webcal == "webcal://visits.example.org/feeds/s3cret.ics"
    assert links.subscribe.startswith("https://visits.example.org/feeds/s3cret")
