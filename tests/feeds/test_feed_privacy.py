"""What a feed gives away and how it is labelled: no secret in an event, private caching,
a valid calendar when there is nothing to show, honest language tags, the office named
in the reader's language."""

from visits.models import FeedScope


def unfolded(response) -> str:
    """The feed's content lines, folding undone, so a folded secret is still found."""
    return response.get_data(as_text=True).replace("\r\n ", "")


def lines_starting(body: str, name: str) -> list[str]:
    return [line for line in body.split("\r\n") if line.startswith((name + ":", name + ";"))]


def test_no_event_in_any_feed_carries_the_links_secret(client, scene, make_token):
    visit = scene["visit"]
    tokens = [
        make_token(visit),
        make_token(visit, scope=FeedScope.PERSON, person_id=scene["person"].id),
        make_token(visit, scope=FeedScope.VENUE, venue_id=scene["venue"].id, language="en"),
    ]
    for token in tokens:
        body = unfolded(client.get(f"/feeds/{token.token}.ics"))
        assert "BEGIN:VEVENT" in body
        assert token.token not in body
        assert not any(token.token in line for line in lines_starting(body, "URL"))
