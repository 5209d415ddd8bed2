"""Locale choice and the template helpers that read text in the reader's language."""

from datetime import date, datetime

from babel.dates import format_interval, get_timezone_location
from flask import Flask, has_request_context, request
from flask_babel import format_date, get_locale, pgettext
from flask_babel import gettext as _
from flask_login import current_user

from visits import labels
from visits.catalogs import translation_directories
from visits.extensions import babel
from visits.forms import LANGUAGE_NAMES
from visits.languages import LANGUAGES, WORKING_LANGUAGE
from visits.models.localized import LocalizedText
from visits.scheduling import participants
from visits.scheduling.timezones import utc_offset_label


def init_app(app: Flask) -> None:
    directories = translation_directories(LANGUAGES, app.instance_path)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(directories)
    babel.init_app(app, locale_selector=select_locale)
    app.add_template_filter(in_language, "tr")
    app.add_template_filter(zone_city, "zone_city")
    app.add_template_filter(hours_minutes, "hm")
    app.add_template_global(date_span)
    app.add_template_global(long_date)
    app.add_template_global(full_date_span)
    app.add_template_global(local_clock)
    app.add_template_global(participants.by_side, "participants_by_side")
    app.add_template_global(current_language)
    app.add_template_global(language_name)
    app.add_template_global(lambda: LANGUAGES, "ui_languages")
    app.add_template_global(labels.label, "label")
    app.add_template_global(labels.field_label)
    app.add_template_global(labels.entity_label)
    app.add_template_global(labels.audit_action_label)
    app.add_template_global(labels.error_title)
    app.add_template_global(labels.error_hint)


def select_locale() -> str:
    """`?lang=`, then the staff member's choice, then the browser's, then Russian (also
    outside a request, e.g. in a command)."""
    if not has_request_context():
        return WORKING_LANGUAGE
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    return request.accept_languages.best_match(LANGUAGES) or WORKING_LANGUAGE


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else WORKING_LANGUAGE


def language_name(code: str) -> str:
    """«Russian», «Kazakh», «English» in the reader's language."""
    return str(LANGUAGE_NAMES.get(code, code))


def in_language(text: LocalizedText | None, lang: str | None = None) -> str:
    """A multilingual text in the reader's language, with the fallback order."""
    if not text:
        return ""
    return text.get(lang or current_language())


def local_clock(visit) -> str:
    """«local time: Ust-Kamenogorsk, UTC+5»: the visit's own city (not its zone's exemplar
    city, «Almaty» for all of eastern Kazakhstan) and the offset on its first day."""
    city = in_language(visit.city) or zone_city(visit.timezone)
    offset = utc_offset_label(visit.timezone, visit.start_date)
    return _("local time: %(city)s, %(offset)s", city=city, offset=offset)


def zone_city(zone_name: str) -> str:
    """The exemplar city of a zone in the reader's language: Asia/Barnaul → «Барнаул»."""
    return get_timezone_location(zone_name, locale=get_locale(), return_city=True)


def hours_minutes(moment: datetime) -> str:
    """24-hour wall-clock time of an aware datetime already in the zone to show."""
    return moment.strftime("%H:%M")


def date_span(first: date, last: date) -> str:
    """A date or a range of dates, written the way the reader's language writes them."""
    return format_interval(first, last, skeleton="yMMMMd", locale=get_locale())


def long_date(day: date) -> str:
    """A day heading with its weekday: «понедельник, 21 апреля 2025 г.»."""
    return format_date(day, "full")


def _full_date(day: date) -> str:
    return pgettext(
        "a date with its full month name",
        "%(day)s %(month)s %(year)s",
        day=day.day,
        month=format_date(day, "MMMM"),
        year=day.year,
    )


def full_date_span(first: date, last: date) -> str:
    """A date or a range of dates with full month names, as a document writes them
    («21–23 апреля 2025 г.», «2025 жылғы 21 сәуір»): Babel has no full-month interval."""
    if first == last:
        return _full_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return pgettext(
            "days of one month, with its full name",
            "%(first)s–%(last)s %(month)s %(year)s",
            first=first.day,
            last=last.day,
            month=format_date(first, "MMMM"),
            year=first.year,
        )
    if first.year == last.year:
        return pgettext(
            "days of two months of one year, with their full names",
            "%(first_day)s %(first_month)s – %(last_day)s %(last_month)s %(year)s",
            first_day=first.day,
            first_month=format_date(first, "MMMM"),
            last_day=last.day,
            last_month=format_date(last, "MMMM"),
            year=first.year,
        )
    return pgettext(
        "a range of dates", "%(first)s – %(last)s", first=_full_date(first), last=_full_date(last)
    )


def heading_date(day: date) -> str:
    """A day heading of a printed programme: long_date, with a capital first letter."""
    text = long_date(day)
    return text[:1].upper() + text[1:]
