"""Organizations: government bodies, ensembles, companies — and the groups of a delegation."""

import re

import marshmallow as ma
from flask_smorest import Blueprint

from visits.api.common import ListArgs, RecordSchema
from visits.api.fields import choice, choice_filter, localized, search, text
from visits.api.resource import Resource, conflict, value_services, values_from
from visits.models import Organization
from visits.organizations.queries import organization_list
from visits.organizations.services import (
    SERVICES,
    OrganizationInUse,
    OrganizationValues,
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


class OrganizationSchema(RecordSchema):
    name = localized(Organization.name)
    kind = choice(Organization.kind)
    country = CountryCode(
        allow_none=True, load_default=None, metadata={"description": "ISO code: KZ, RU…"}
    )
    notes = text(Organization.notes)


class OrganizationListArgs(ListArgs):
    q = search("Words in the name")
    kind = choice_filter(Organization.kind)


def _refusal(error: OrganizationInUse) -> str:
    usage = error.usage
    return (
        f"The organization is a member of {len(usage.members)} delegation(s), takes part in "
        f"{len(usage.events)} event(s) and hosts {len(usage.visits)} visit(s): "
        "remove it there first."
    )


Resource(
    blp,
    Organization,
    "organization",
    OrganizationSchema,
    list_args=OrganizationListArgs,
    list_query=lambda args: organization_list(args.get("q"), args.get("kind")),
    **value_services(values_from(OrganizationValues), SERVICES),
    refusals={SERVICES.in_use: conflict(_refusal)},
    docs={
        "list": "List organizations",
        "delete": "Delete an organization no delegation, event or visit uses",
    },
).register()
