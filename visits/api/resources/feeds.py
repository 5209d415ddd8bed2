"""Calendar feeds: the secret links delegates subscribe to (a visit's, a person's or a
venue's calendar).

The secret is shown to editors and administrators, with the addresses built on the public
base URL: the .ics feed (https and webcal), the delegate's subscribe page, and Google
Calendar's «add by URL». Viewers read a link's settings, never its secret.

A link has no version number. Changing its settings takes, as `loaded`, the settings the
client read: the change is refused with 409 when they are no longer the link's settings
(someone changed them meanwhile), so that no one's change is silently overwritten.
"""

from typing import Any

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy import select
from webargs.flaskparser import abort

from visits.api.common import BodySchema, ListArgs, get_or_404, invalid
from visits.api.fields import Zone, record_id, reference, text
from visits.api.resource import Resource, conflict, equals, field_error
from visits.editing import commit
from visits.extensions import db
from visits.feeds.links import feed_links
from visits.feeds.services import (
    MAX_REMINDER,
    AlreadyRevoked,
    FeedError,
    FeedSettings,
    FeedTarget,
    SettingsChanged,
    UnknownRecord,
    home_zone_of,
    issue_feed,
    revoke_feed,
    rotate_feed,
    update_settings,
)
from visits.languages import LANGUAGES
from visits.models import Delivery, FeedScope, FeedToken, Visit

blp = Blueprint(
    "api-feeds",
    __name__,
    url_prefix="/api/v1/feeds",
    description="Secret calendar links (iCalendar feeds) for delegates.",
)

SCOPE_RECORD = {FeedScope.PERSON: "person_id", FeedScope.VENUE: "venue_id"}


class FeedLinksSchema(ma.Schema):
    feed = ma.fields.String(metadata={"description": "The .ics address (https)"})
    webcal = ma.fields.String(metadata={"description": "The same, for calendar apps"})
    subscribe = ma.fields.String(metadata={"description": "The delegate's subscribe page"})
    google = ma.fields.String(metadata={"description": "Google Calendar's «add by URL»"})


class Links(ma.fields.Nested):
    """The public addresses of the token being dumped (none once it is revoked)."""

    # marshmallow's Nested names the value otherwise than Field does: no name fits both.
    def _serialize(self, value, attr, obj, **kwargs):  # type: ignore[override]
        if obj.is_revoked:
            return None
        return super()._serialize(feed_links(obj), attr, obj, **kwargs)


class FeedSettingsSchema(BodySchema):
    label = text(FeedToken.label, required=True, metadata={"description": "Whom the link is for"})
    language = ma.fields.String(load_default="ru", validate=ma.validate.OneOf(LANGUAGES))
    home_timezone = text(
        FeedToken.home_timezone,
        Zone,
        load_default=ma.missing,
        metadata={
            "description": "Times also on this clock; on creation the delegation's home "
            "zone when omitted"
        },
    )
    reminder_minutes = ma.fields.Integer(
        allow_none=True, load_default=None, validate=ma.validate.Range(0, MAX_REMINDER)
    )
    include_public = ma.fields.Boolean(
        load_default=True,
        metadata={"description": "A person's feed also shows the visit's public events"},
    )
    include_travel = ma.fields.Boolean(
        load_default=True,
        metadata={"description": "A person's feed also shows their arrival, departure and hotel"},
    )

    delivery = ma.fields.Enum(
        Delivery,
        by_value=True,
        load_default=Delivery.SUBSCRIPTION,
        metadata={
            "description": "How a person learns of changes: the subscription alone, a change "
            "notice by e-mail, or calendar invitations by e-mail"
        },
    )


def settings(data: dict[str, Any]) -> FeedSettings:
    return FeedSettings(
        label=data["label"],
        language=data["language"],
        home_timezone=data.get("home_timezone"),
        reminder_minutes=data["reminder_minutes"],
        include_public=data["include_public"],
        include_travel=data["include_travel"],
        delivery=data["delivery"],
    )


class FeedSchema(FeedSettingsSchema):
    id = ma.fields.Integer(dump_only=True)
    token = ma.fields.String(
        dump_only=True,
        metadata={
            "description": "The secret: whoever has it reads the calendar (editors and "
            "administrators only)"
        },
    )
    scope = ma.fields.Enum(FeedScope, by_value=True, required=True)
    visit_id = reference(FeedToken.visit_id)
    person_id = reference(FeedToken.person_id, metadata={"description": "With scope person"})
    venue_id = reference(FeedToken.venue_id, metadata={"description": "With scope venue"})
    created_at = ma.fields.AwareDateTime(dump_only=True)
    last_used_at = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    revoked_at = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    revoked = ma.fields.Boolean(attribute="is_revoked", dump_only=True)
    links = Links(
        FeedLinksSchema,
        attribute="token",
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The link's addresses; null once revoked: they lead nowhere "
            "(editors and administrators only)"
        },
    )

    @ma.post_dump
    def _secret_for_editors(self, data: dict[str, Any], **_kwargs) -> dict[str, Any]:
        """A viewer may read who has a link, not read the calendar through it."""
        if not current_user.can_edit:
            data.pop("token", None)
            data.pop("links", None)
        return data

    @ma.validates_schema
    def _names_its_record(self, data: dict[str, Any], **_kwargs) -> None:
        for scope, field in SCOPE_RECORD.items():
            if data["scope"] is scope and data[field] is None:
                raise ma.ValidationError(f"A {scope.value} feed names its {scope.value}.", field)
            if data["scope"] is not scope and data[field] is not None:
                raise ma.ValidationError(f"Only a {scope.value} feed names a {scope.value}.", field)


class FeedUpdateSchema(FeedSettingsSchema):
    loaded = ma.fields.Nested(
        FeedSettingsSchema,
        required=True,
        metadata={"description": "The settings as you read them"},
    )


class FeedListArgs(ListArgs):
    visit = record_id()
    person = record_id()
    venue = record_id()
    revoked = ma.fields.Boolean(metadata={"description": "Only revoked (true) or live (false)"})


def live_or_revoked(revoked: bool):
    is_revoked = FeedToken.revoked_at.is_not(None)
    return is_revoked if revoked else ~is_revoked


def _already_revoked() -> None:
    db.session.rollback()
    abort(409, message="This link is already revoked.")


def _issue(data: dict[str, Any]) -> FeedToken:
    visit = db.session.get(Visit, data["visit_id"])
    if visit is None:
        invalid("visit_id", "No such visit.")
    if "home_timezone" not in data:
        data["home_timezone"] = home_zone_of(visit)
    target = FeedTarget(data["scope"], visit.id, data["person_id"], data["venue_id"])
    return issue_feed(db.session(), target, settings(data))


def _revoke_quietly(token: FeedToken) -> None:
    """Revoking a link already revoked leaves it as it is."""
    if token.is_revoked:
        return
    try:
        revoke_feed(db.session(), token)
    except AlreadyRevoked:
        db.session.rollback()


Resource(
    blp,
    FeedToken,
    "calendar link",
    FeedSchema,
    id_name="feed_id",
    list_args=FeedListArgs,
    # Live links first, the newest first.
    list_query=lambda _args: select(FeedToken).order_by(
        FeedToken.revoked_at.is_not(None), FeedToken.created_at.desc(), FeedToken.id.desc()
    ),
    filters={
        "visit": equals(FeedToken.visit_id),
        "person": equals(FeedToken.person_id),
        "venue": equals(FeedToken.venue_id),
        "revoked": live_or_revoked,
    },
    create=_issue,
    update=lambda token, data: update_settings(
        db.session(), token, settings(data), settings(data["loaded"])
    ),
    delete=_revoke_quietly,
    check=lambda _data, _token: None,
    refusals={
        UnknownRecord: field_error(
            lambda error: f"{error.what}_id", lambda error: f"No such {error.what}."
        ),
        SettingsChanged: conflict(
            "The link's settings changed since you read them: read them again and apply "
            "your change."
        ),
        FeedError: field_error("scope", str),
    },
    update_input=FeedUpdateSchema,
    versioned=False,
    docs={
        "list": "List calendar links",
        "create": "Issue a calendar link",
        "update": "Change a link's settings (with the settings you read)\n\n`loaded` holds "
        "the settings as you read them; 409 when they changed since.",
        "delete": "Revoke a calendar link\n\nA link already revoked is left as it is (204 again).",
    },
).register()


@blp.route("/<int:feed_id>/revoke", methods=["POST"])
@blp.response(200, FeedSchema)
def revoke(feed_id):
    """Revoke a calendar link

    It stops working at once; 409 when it was already revoked.
    """
    token = get_or_404(FeedToken, feed_id, "calendar link")
    try:
        revoke_feed(db.session(), token)
    except AlreadyRevoked:
        _already_revoked()
    commit(db.session())
    return token


@blp.route("/<int:feed_id>/rotate", methods=["POST"])
@blp.response(201, FeedSchema)
def rotate(feed_id):
    """Rotate a link's secret

    A new link with the same settings for the same reader; the old one is revoked.
    """
    token = get_or_404(FeedToken, feed_id, "calendar link")
    try:
        fresh = rotate_feed(db.session(), token)
    except AlreadyRevoked:
        _already_revoked()
    commit(db.session())
    return fresh
