"""The public addresses of a calendar link: the feed, the same for calendar apps to
subscribe (webcal), the delegate's subscribe page, and Google Calendar's and Outlook.com's
«add by URL»."""

from dataclasses import dataclass
from urllib.parse import quote

from visits.models import FeedToken
from visits.web.links import public_url

OUTLOOK = "https://outlook.live.com/calendar/0/addfromweb"


@dataclass(frozen=True)
class FeedLinks:
    feed: str  # the .ics address over http(s)
    webcal: str  # the same, for calendar apps to subscribe
    subscribe: str  # the delegate's page
    google: str  # Google Calendar's «add by URL»
    outlook: str  # Outlook.com's «subscribe from web»


def subscribe_url(secret: str) -> str:
    return public_url("feeds.subscribe", secret=secret)


def feed_links(token: FeedToken) -> FeedLinks:
    """A token's public addresses, built on PUBLIC_BASE_URL."""
    feed = public_url("feeds.calendar", secret=token.token)
    webcal = "webcal://" + feed.split("://", 1)[-1]
    google = "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe="")
    outlook = OUTLOOK + "?url=" + quote(feed, safe="")
    return FeedLinks(feed, webcal, subscribe_url(token.token), google, outlook)
