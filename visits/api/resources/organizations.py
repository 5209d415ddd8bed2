"""Organizations: government bodies, ensembles, companies — and the groups of a delegation."""

import re

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from visits.api.common import (
    BodySchema,
    ListArgs,
    VersionArgs,
    check_version,
    get_or_404,
    localized,
    page_schema,
    paginate,
    text,
)
from visits.editing import commit
from visits.extensions import db
from visits.models import Organization, OrganizationKind
from visits.organizations.queries import organization_list
from visits.organizations.services import (
    OrganizationInUse,
    OrganizationValues,
    create_organization,
    delete_organization,
    update_organization,
)

blp = Blueprint(
    "api-organizations",
    __name__,
    url_prefix="/api/v1/organizations",
    description="Organizations and groups.",
)


class CountryCode(ma.fields.String):
    """A two-letter ISO country code, in either case; empty meaning none."""

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip()
        if not code:
            return None
        if not re.fullmatch(r"[A-Za-z]{2}", code):
            raise ma.ValidationError("Enter a two-letter country code such as KZ.")
        return code.upper()


class OrganizationSchema(BodySchema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(attribute="version_id", dump_only=True)
    name = localized(300, required=True)
    kind = ma.fields.Enum(OrganizationKind, by_value=True, load_default=OrganizationKind.OTHER)
    country = CountryCode(
        allow_none=True, load_default=None, metadata={"description": "ISO code: KZ, RU…"}
    )
    notes = text(20_000, load_default=None)


class OrganizationUpdateSchema(OrganizationSchema):
    version = ma.fields.Integer(
        required=True, validate=ma.validate.Range(min=0), metadata={"description": "as read"}
    )


class OrganizationListArgs(ListArgs):
    q = text(200, metadata={"description": "Words in the name"})
    kind = ma.fields.Enum(OrganizationKind, by_value=True)


def _values(data: dict) -> OrganizationValues:
    return OrganizationValues(**{f: data[f] for f in OrganizationValues.__dataclass_fields__})


def _refusal(error: OrganizationInUse) -> str:
    usage = error.usage
    return (
        f"The organization is a member of {len(usage.members)} delegation(s), takes part in "
        f"{len(usage.events)} event(s) and hosts {len(usage.visits)} visit(s): "
        "remove it there first."
    )


@blp.route("/")
class Organizations(MethodView):
    @blp.arguments(OrganizationListArgs, location="query")
    @blp.response(200, page_schema(OrganizationSchema))
    def get(self, args):
        """List organizations"""
        return paginate(organization_list(args.get("q"), args.get("kind")), args)

    @blp.arguments(OrganizationSchema)
    @blp.response(201, OrganizationSchema)
    def post(self, data):
        """Create an organization"""
        organization = create_organization(db.session, _values(data))
        commit(db.session)
        return organization


@blp.route("/<int:organization_id>")
class OrganizationItem(MethodView):
    @blp.response(200, OrganizationSchema)
    def get(self, organization_id):
        """Get an organization"""
        return get_or_404(Organization, organization_id, "organization")

    @blp.arguments(OrganizationUpdateSchema)
    @blp.response(200, OrganizationSchema)
    def put(self, data, organization_id):
        """Replace an organization's fields (with the version you read)"""
        organization = get_or_404(Organization, organization_id, "organization")
        check_version(organization, data["version"])
        update_organization(organization, _values(data))
        commit(db.session, organization, data["version"])
        return organization

    @blp.arguments(VersionArgs, location="query")
    @blp.response(204)
    def delete(self, args, organization_id):
        """Delete an organization no delegation, event or visit uses"""
        organization = get_or_404(Organization, organization_id, "organization")
        check_version(organization, args.get("version"), required=False)
        try:
            delete_organization(db.session, organization)
        except OrganizationInUse as error:
            abort(409, message=_refusal(error))
        commit(db.session)
