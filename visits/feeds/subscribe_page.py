"""The delegate's subscribe page, built from plain rows and kept by its feed's version.

The page shows what the link's feed shows (its visit, its events, the person's own
travel), so it is versioned like the feed: one query (`PAGE_POLL`, the feed's poll and the
link's home zone, which only the page shows) gives its ETag, a browser that has it gets
304, and a worker keeps the rendered page in `feed_cache` under that ETag.
"""

from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from visits.feeds.content import etag
from visits.feeds.links import feed_links
from visits.feeds.queries import POLL, event_rows, visible
from visits.feeds.travel import travel_items
from visits.models import EventStatus, FeedToken
from visits.scheduling.days import date_range, group_by_day

# The feed's poll and what only the page shows of the link.
PAGE_POLL = POLL.add_columns(FeedToken.home_timezone)
# A new release may word or lay out the page anew: a browser's copy is then stale.
_RELEASE = version("visits")


@dataclass(frozen=True)
class PageEvent:
    """One event as the page shows it, its texts in the page's language."""

    title: str
    status: EventStatus
    is_all_day: bool
    starts_at: datetime
    ends_at: datetime
    venue: str
    address: str
    dress_code: str

    @property
    def is_cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED


def page_tag(row, config_fields: tuple) -> str:
    """The page's ETag from a `PAGE_POLL` row: its feed's version, its own kind and zone."""
    return etag(row, row.language, (*config_fields, "subscribe", row.home_timezone, _RELEASE))


def page_events(session: Session, token: FeedToken, lang: str) -> list[PageEvent]:
    """The events the link's feed shows, as plain rows: one query."""
    return [
        PageEvent(
            title=row.title,
            status=row.status,
            is_all_day=row.is_all_day,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            venue=row.venue,
            address=row.address,
            dress_code=row.dress_code,
        )
        for row in session.execute(event_rows(visible(token), lang))
    ]


def render_page(session: Session, token: FeedToken, qr_svg) -> str:
    """The page in the link's language; `qr_svg(url, title)` draws the QR code."""
    visit, lang = token.visit, token.language
    with force_locale(lang):
        items = [*page_events(session, token, lang), *travel_items(session, token, lang)]
        days = group_by_day(
            items,
            visit.timezone,
            token.home_timezone,
            days=date_range(visit.start_date, visit.end_date),
        )
        links = feed_links(token)
        return render_template(
            "feeds/subscribe.html",
            token=token,
            visit=visit,
            days=days,
            home_times=any(row.home_starts for day in days for row in day.rows),
            links=links,
            # The page, not the feed: a phone's camera opens it, and it offers every way
            # to subscribe; the feed's address itself would be a one-off download.
            qr=qr_svg(links.subscribe, _("QR code of this page's address")),
        )
