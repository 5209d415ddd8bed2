"""Helpers of the staff-page tests: page text, form data, the links in the database."""

import re
from html import unescape

from sqlalchemy import func, select

from visits.models import FeedToken


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def form_data(**overrides) -> dict:
    return {
        "scope": "visit",
        "person_id": "",
        "venue_id": "",
        "label": "Head of delegation",
        "language": "ru",
        "home_timezone": "Asia/Barnaul",
        "reminder_minutes": "30",
        "include_public": "y",
    } | overrides


def tokens(db) -> list[FeedToken]:
    db.session.expire_all()
    return list(db.session.scalars(select(FeedToken).order_by(FeedToken.id)))


def count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(FeedToken))


def edit_data(token: FeedToken, **overrides) -> dict:
    page_form = {
        "label": token.label,
        "language": token.language,
        "home_timezone": token.home_timezone or "",
        "reminder_minutes": "" if token.reminder_minutes is None else str(token.reminder_minutes),
        "include_public": "y" if token.include_public else "",
    }
    return page_form | overrides


def loaded_value(html: str) -> str:
    """The settings the edit form was loaded with (its hidden `loaded` field)."""
    match = re.search(r'name="loaded" type="hidden" value="([^"]*)"', html)
    assert match, html
    return unescape(match.group(1))
