"""Staff pages of feeds (issue, list, change, revoke, rotate) and the delegate's subscribe
page. Staff pages need sign-in and, to change anything, an editor; the subscribe page is
public: its secret is its only key."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

import segno
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select
from sqlalchemy.orm import Session, selectinload
from werkzeug.wrappers import Response

from visits.auth.access import role_required
from visits.editing import commit
from visits.extensions import db
from visits.feeds import bp
from visits.feeds.forms import EditFeedForm, FeedForm
from visits.feeds.links import FeedLinks, feed_links
from visits.feeds.merge import FeedMerge
from visits.feeds.queries import token_by_secret
from visits.feeds.serve import config_fields, feed_cache, not_found, poll, well_formed
from visits.feeds.services import (
    REMINDER_PRESETS,
    AlreadyRevoked,
    SettingsChanged,
    all_venues,
    home_zone_of,
    issue_feed,
    people_of_visit,
    revoke_feed,
    rotate_feed,
    settings_of,
    tokens_of_person,
    tokens_of_visit,
    update_settings,
    venues_of_visit,
    visits_of_person,
)
from visits.feeds.subscribe_page import PAGE_POLL, page_tag, render_page
from visits.forms import LANGUAGE_NAMES, DeleteForm, status_of
from visits.models import FeedScope, FeedToken, Person, Role, Visit
from visits.scheduling.timezones import to_local
from visits.web.choices import grouped_choices, person_choices
from visits.web.records import page_number
from visits.zones import zone_names

EDITORS = (Role.ADMIN, Role.EDITOR)
PER_PAGE = 50
Result = TypeVar("Result")
QR_SCALE = 5
SCOPE_LABELS = {
    FeedScope.VISIT: _l("whole visit"),
    FeedScope.PERSON: _l("person"),
    FeedScope.VENUE: _l("venue"),
}


@dataclass(frozen=True)
class TokenRow:
    """A link as the staff lists show it; moments in its visit's local time."""

    token: FeedToken
    scope: str
    language: str
    created: datetime
    last_used: datetime | None
    revoked: datetime | None
    links: FeedLinks | None  # none once revoked: they lead nowhere


def token_rows(tokens: list[FeedToken]) -> list[TokenRow]:
    def local(moment: datetime | None, zone: str) -> datetime | None:
        return to_local(moment, zone) if moment is not None else None

    return [
        TokenRow(
            token=token,
            scope=str(SCOPE_LABELS[token.scope]),
            language=str(LANGUAGE_NAMES.get(token.language, token.language)),
            created=to_local(token.created_at, token.visit.timezone),
            last_used=local(token.last_used_at, token.visit.timezone),
            revoked=local(token.revoked_at, token.visit.timezone),
            links=None if token.is_revoked else feed_links(token),
        )
        for token in tokens
    ]


# Staff pages


def _links_page(query: Select[FeedToken]) -> tuple[Pagination, list[TokenRow]]:
    """The page of links `?page=` asks for, and their rows as the staff lists show them."""
    page = db.paginate(query, page=page_number(), per_page=PER_PAGE, error_out=False)
    return page, token_rows(list(page.items))


@bp.get("/visits/<int:visit_id>/feeds")
def index(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    page, rows = _links_page(tokens_of_visit(visit.id))
    return render_template("feeds/index.html", visit=visit, page=page, rows=rows)


@bp.get("/people/<int:person_id>/feeds")
def person(person_id: int):
    person = db.get_or_404(Person, person_id)
    page, rows = _links_page(tokens_of_person(person.id))
    visits = db.session.scalars(visits_of_person(person.id)).all()
    return render_template("feeds/person.html", person=person, page=page, rows=rows, visits=visits)


@bp.route("/visits/<int:visit_id>/feeds/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def new(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    form = _feed_form(visit)
    if not form.validate_on_submit():
        form.show_names()
        return _render_new(form, visit, status=status_of(form))
    token = issue_feed(db.session(), form.target(visit.id), form.settings())
    return _saved(token, _("Calendar link for «%(label)s» issued.", label=token.label))


@bp.route("/feed-tokens/<int:token_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(token_id: int):
    token = db.get_or_404(FeedToken, token_id)
    form = EditFeedForm(obj=token)
    if not form.is_submitted():
        form.arm(settings_of(token))
    merging = FeedMerge(form, token)
    if not form.validate_on_submit() or not merging.resolve():
        return _render_edit(form, token, status=status_of(form))
    try:
        update_settings(db.session(), token, form.settings(), form.loaded_settings())
    except SettingsChanged as stale:
        db.session.rollback()
        merging.after_stale(stale.loaded, stale.current)
        return _render_edit(form, token, status=409)
    return _saved(token, _("Calendar link for «%(label)s» saved.", label=token.label))


def _saved(token: FeedToken, message: str) -> Response:
    """Commit the issued or changed link, say so, and show it in the list it came from."""
    commit(db.session())
    flash(message, "success")
    return redirect(_back(token, anchor=True))


@bp.route("/feed-tokens/<int:token_id>/revoke", methods=["GET", "POST"])
@role_required(*EDITORS)
def revoke(token_id: int):
    def done(token: FeedToken, label: str, _result: None) -> Response:
        message = _("Calendar link for «%(label)s» revoked: it no longer works.", label=label)
        flash(message, "success")
        return redirect(_back(token))

    already = (_("This calendar link was already revoked."), "info")
    return _end_link(token_id, "revoke", revoke_feed, already, done)


@bp.route("/feed-tokens/<int:token_id>/rotate", methods=["GET", "POST"])
@role_required(*EDITORS)
def rotate(token_id: int):
    def done(_token: FeedToken, _label: str, fresh: FeedToken) -> Response:
        message = _(
            "New calendar link for «%(label)s» issued; the old one no longer works. "
            "Give them the new link.",
            label=fresh.label,
        )
        flash(message, "success")
        return redirect(_back(fresh, anchor=True))

    already = (_("This calendar link was revoked meanwhile: nothing was changed."), "error")
    return _end_link(token_id, "rotate", rotate_feed, already, done)


def _end_link(
    token_id: int,
    action: str,
    act: Callable[[Session, FeedToken], Result],
    already: tuple[str, str],
    done: Callable[[FeedToken, str, Result], Response],
):
    """Revoke or rotate a link once confirmed: ask first, then `act` and commit; a link
    revoked meanwhile is flashed with `already` (message, category) and nothing changes;
    `done(token, label, result)` answers a success (the label read before the change)."""
    token = db.get_or_404(FeedToken, token_id)
    if not DeleteForm().validate_on_submit():
        return _confirm(token, action)
    label = token.label
    try:
        result = act(db.session(), token)
        commit(db.session())
    except AlreadyRevoked:
        db.session.rollback()
        flash(*already)
        return redirect(_back(token))
    return done(token, label, result)


def _feed_form(visit: Visit) -> FeedForm:
    """The form of a new link: the visit's people in a select (bounded by the visit), anyone
    else by a picker; `?person=` chooses one (in the select when they are listed there)."""
    person_id = request.args.get("person", type=int)
    scope = FeedScope.PERSON.value if person_id else request.args.get("scope", "visit")
    own = db.session.scalars(people_of_visit(visit).options(selectinload(Person.organization)))
    people = list(own)
    listed = person_id in {person.id for person in people}
    form = FeedForm(
        db.session(),
        data={
            "scope": scope,
            "visit_person_id": person_id if listed else None,
            "person_id": None if listed else person_id,
            "home_timezone": home_zone_of(visit),
        },
    )
    form.visit_person_id.choices = person_choices(people)
    form.venue_id.choices = grouped_choices(
        db.session.scalars(venues_of_visit(visit.id)),
        db.session.scalars(all_venues()),
        _("Used by this visit"),
        _("Other venues"),
    )
    return form


def _render_new(form: FeedForm, visit: Visit, status: int):
    page = render_template("feeds/new.html", form=form, visit=visit, **_form_extras())
    return page, status


def _render_edit(form: EditFeedForm, token: FeedToken, status: int = 200):
    page = render_template(
        "feeds/edit.html", form=form, token=token, back=_back(token), **_form_extras()
    )
    return page, status


def _form_extras() -> dict:
    hint = _(
        "For a person's programme. E-mail goes to the address on the person's page, in their "
        "preferred language, when staff notify delegates; invitations suit a calendar that "
        "cannot subscribe."
    )
    return {"zones": zone_names(), "reminders": REMINDER_PRESETS, "delivery_hint": hint}


def _confirm(token: FeedToken, action: str):
    return render_template(
        "feeds/confirm.html",
        token=token,
        row=token_rows([token])[0],
        action=action,
        back=_back(token),
    )


def _back(token: FeedToken, anchor: bool = False) -> str:
    """The list the action started from: the person's links, else the visit's."""
    fragment = f"feed-{token.id}" if anchor else None
    if request.args.get("back") == "person" and token.person_id is not None:
        return url_for(".person", person_id=token.person_id, _anchor=fragment)
    return url_for(".index", visit_id=token.visit_id, _anchor=fragment)


# The delegate's page


def qr_svg(url: str, title: str) -> str:
    """The address as a QR code, an inline SVG element (segno escapes the title)."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=QR_SCALE, title=title)


@bp.get("/feeds/<secret>")
def subscribe(secret: str):
    if not well_formed(secret):
        return not_found()
    row = poll(secret, PAGE_POLL, "page:" + secret)
    if row is None:
        return not_found()
    tag = page_tag(row, config_fields())
    if request.if_none_match.contains_weak(tag):
        return _page_headers(Response(status=304), tag)
    body = feed_cache.get(tag)
    if body is None:
        token = db.session.scalar(token_by_secret(secret))
        if token is None:  # revoked since the row above was read
            return not_found()
        body = render_page(db.session(), token, qr_svg).encode()
        feed_cache.put(tag, body)
    return _page_headers(Response(body, mimetype="text/html"), tag)


def _page_headers(response: Response, tag: str) -> Response:
    response.set_etag(tag)
    # Kept by the browser, asked again each time (a 304 costs one query); never by a
    # shared cache, and never sent on as a referrer: the address is the secret.
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
