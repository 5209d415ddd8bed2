"""Delegations and their members in order of precedence."""

from functools import cache

import marshmallow as ma
from babel import Locale
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.orm import selectinload
from webargs.flaskparser import abort

from visits.api.common import (
    BodySchema,
    ListArgs,
    RecordSchema,
    check_references,
    invalid,
    member_or_404,
)
from visits.api.fields import (
    MAX_ID,
    Zone,
    choice,
    localized,
    record_id,
    reference,
    search,
    text,
)
from visits.api.resource import Resource, conflict
from visits.delegations.forms import NOT_COUNTRIES
from visits.delegations.queries import delegation_list, delegation_page
from visits.delegations.services import (
    AlreadyMember,
    DelegationInUse,
    MembersChanged,
    PersonOrGroup,
    add_member,
    arrange_members,
    check_loaded,
    create_delegation,
    delete_delegation,
    in_order,
    remove_member,
    update_delegation,
)
from visits.editing import commit
from visits.extensions import db
from visits.models import Delegation, DelegationMember, Organization, Person

blp = Blueprint(
    "api-delegations",
    __name__,
    url_prefix="/api/v1/delegations",
    description="Delegations and their members.",
)

FIELDS = ("name", "origin_country", "origin_region", "home_timezone")
MEMBER_REFERENCES = {
    "person_id": (Person, "person"),
    "organization_id": (Organization, "organization"),
}
MAX_PRECEDENCE = 9999
MEMBERS_CHANGED = (
    "The members were added, removed or reordered since you read them: "
    "reload them and apply your change."
)


@cache
def country_codes() -> frozenset[str]:
    """The codes the delegation form offers: CLDR's two-letter territories."""
    return frozenset(
        code
        for code in Locale("en").territories
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    )


class Country(ma.fields.String):
    """A country by its two-letter code (KZ, RU), in either case; empty meaning none."""

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip()
        if not code:
            return None
        code = code.upper() if code.isascii() else code
        if code not in country_codes():
            raise ma.ValidationError("Unknown country: give a two-letter code such as KZ.")
        return code


class DelegationMemberSchema(BodySchema):
    """A person or a group in a delegation; precedence 1 is the most senior."""

    id = ma.fields.Integer(dump_only=True)
    delegation_id = ma.fields.Integer(dump_only=True)
    person_id = reference(DelegationMember.person_id)
    organization_id = reference(DelegationMember.organization_id)
    role = choice(DelegationMember.role)
    precedence = ma.fields.Integer(
        strict=True,
        allow_none=True,
        load_default=None,
        validate=ma.validate.Range(1, MAX_PRECEDENCE),
        metadata={"description": "Place in the order, 1 first; on creation, last by default"},
    )
    is_with_head = ma.fields.Boolean(
        load_default=None,
        metadata={"description": "Travels with the head (the head's party); false by default"},
    )
    name = localized(attribute="display_name")
    loaded = ma.fields.List(
        record_id(),
        load_only=True,
        validate=ma.validate.Length(max=MAX_PRECEDENCE),
        metadata={
            "description": "The member ids in order as you read them: if the members were "
            "added, removed or reordered since, the change is refused with 409"
        },
    )

    @ma.validates_schema
    def _person_or_group(self, data, **_kwargs):
        if (data.get("person_id") is None) == (data.get("organization_id") is None):
            raise ma.ValidationError(
                "Give either a person_id or an organization_id, not both.", "person_id"
            )


class DelegationMemberUpdateSchema(DelegationMemberSchema):
    """A member's role and place; the person or group stays (as read, or left out)."""

    role = choice(DelegationMember.role, required=True)
    precedence = ma.fields.Integer(
        strict=True, required=True, validate=ma.validate.Range(1, MAX_PRECEDENCE)
    )

    def _person_or_group(self, data, **_kwargs):
        return None


class DelegationSchema(RecordSchema):
    name = localized(Delegation.name)
    origin_country = Country(
        allow_none=True, load_default=None, metadata={"description": "ISO code: RU, KZ…"}
    )
    origin_region = localized(Delegation.origin_region)
    home_timezone = text(
        Delegation.home_timezone,
        Zone,
        metadata={"description": "IANA name of the delegation's home zone, e.g. Asia/Barnaul"},
    )
    members = ma.fields.List(
        ma.fields.Nested(DelegationMemberSchema),
        dump_only=True,
        metadata={"description": "In order of precedence; change them under /members"},
    )


class DelegationListArgs(ListArgs):
    q = search("Words in the name or the region of origin")


def _with_members(query):
    return query.options(
        selectinload(Delegation.members).options(
            selectinload(DelegationMember.person), selectinload(DelegationMember.organization)
        )
    )


def delegation_or_404(delegation_id: int) -> Delegation:
    found = None
    if 0 < delegation_id <= MAX_ID:
        found = db.session.scalar(delegation_page(delegation_id))
    if found is None:
        abort(404, message="No such delegation.")
    return found


def _refusal(error: DelegationInUse) -> str:
    return (
        f"The delegation is used by {len(error.visits)} visit(s): "
        "give them another delegation or delete them first."
    )


Resource(
    blp,
    Delegation,
    "delegation",
    DelegationSchema,
    list_args=DelegationListArgs,
    list_query=lambda args: _with_members(delegation_list(args.get("q"))),
    create=lambda data: create_delegation(db.session(), **{f: data[f] for f in FIELDS}),
    update=lambda delegation, data: update_delegation(delegation, **{f: data[f] for f in FIELDS}),
    delete=lambda delegation: delete_delegation(db.session(), delegation),
    refusals={DelegationInUse: conflict(_refusal)},
    load=delegation_or_404,
    docs={
        "list": "List delegations",
        "create": "Create a delegation (add its members under /members)",
        "get": "Get a delegation with its members",
        "delete": "Delete a delegation no visit uses",
    },
).register()


def _locked(delegation_id: int) -> Delegation:
    """The delegation, locked for the rest of the transaction while its members change."""
    found = None
    if 0 < delegation_id <= MAX_ID:
        found = db.session.get(Delegation, delegation_id, with_for_update=True)
    if found is None:
        abort(404, message="No such delegation.")
    return found


def _member(delegation_id: int, member_id: int) -> DelegationMember:
    return member_or_404(DelegationMember, member_id, "delegation_id", delegation_id, "member")


def _place(delegation: Delegation, member: DelegationMember, data: dict) -> None:
    """Give the member its role and place; the others keep theirs (renumbered 1..n)."""
    rows = [
        (m.id, data["precedence"], data["role"]) if m.id == member.id else (m.id, number, m.role)
        for number, m in enumerate(in_order(delegation), start=1)
    ]
    party = {m.id for m in delegation.members if m.is_with_head}
    if data.get("is_with_head") is not None:
        party = party | {member.id} if data["is_with_head"] else party - {member.id}
    try:
        arrange_members(delegation, rows, data.get("loaded"), party)
    except MembersChanged:
        abort(409, message=MEMBERS_CHANGED)


@blp.route("/<int:delegation_id>/members")
class Members(MethodView):
    @blp.response(200, DelegationMemberSchema(many=True))
    def get(self, delegation_id):
        """List a delegation's members in order of precedence"""
        return in_order(delegation_or_404(delegation_id))

    @blp.arguments(DelegationMemberSchema)
    @blp.response(201, DelegationMemberSchema)
    def post(self, data, delegation_id):
        """Add a member (last, unless a precedence is given)"""
        delegation = _locked(delegation_id)
        check_references(data, MEMBER_REFERENCES)
        try:
            check_loaded(delegation, data.get("loaded"))
            member = add_member(
                db.session(),
                delegation,
                data["person_id"],
                data["organization_id"],
                data["role"],
                bool(data.get("is_with_head")),
            )
        except MembersChanged:
            abort(409, message=MEMBERS_CHANGED)
        except AlreadyMember as error:
            invalid(error.field, "Already a member of this delegation.")
        except PersonOrGroup:
            invalid("person_id", "Give either a person_id or an organization_id, not both.")
        if data["precedence"] is not None:
            _place(delegation, member, {**data, "loaded": None})
        commit(db.session())
        return member


@blp.route("/<int:delegation_id>/members/<int:member_id>")
class MemberItem(MethodView):
    @blp.response(200, DelegationMemberSchema)
    def get(self, delegation_id, member_id):
        """Get a member of a delegation"""
        delegation_or_404(delegation_id)
        return _member(delegation_id, member_id)

    @blp.arguments(DelegationMemberUpdateSchema)
    @blp.response(200, DelegationMemberSchema)
    def put(self, data, delegation_id, member_id):
        """Change a member's role and place in the order"""
        delegation = _locked(delegation_id)
        member = _member(delegation.id, member_id)
        for field in ("person_id", "organization_id"):
            if data.get(field) is not None and data[field] != getattr(member, field):
                invalid(
                    field,
                    "A member's person or group cannot change: remove the member and add the "
                    "other.",
                )
        _place(delegation, member, data)
        commit(db.session())
        return member

    @blp.response(204)
    def delete(self, delegation_id, member_id):
        """Remove a member with its arrivals, departures and stays; the others move up"""
        delegation = _locked(delegation_id)
        member = _member(delegation.id, member_id)
        remove_member(db.session(), delegation, member)
        commit(db.session())
