"""People: delegates, officials, performers, interpreters, liaison officers."""

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import or_, select

from visits.api.common import (
    BodySchema,
    ListArgs,
    Text,
    VersionArgs,
    check_version,
    get_or_404,
    localized,
    page_schema,
    paginate,
    record_id,
    text,
)
from visits.api.resources.checks import check_references
from visits.editing import commit
from visits.extensions import db
from visits.models import DelegationMember, Event, EventParticipant, Organization, Person, Visit
from visits.people.queries import people_list
from visits.people.services import (
    PersonInUse,
    PersonValues,
    create_person,
    delete_person,
    update_person,
)

blp = Blueprint("api-people", __name__, url_prefix="/api/v1/people", description="People.")

REFERENCES = {"organization_id": (Organization, "organization")}


class Email(Text):
    """An e-mail address, as the person form takes it; empty meaning none."""

    check = ma.validate.Email(error="Enter an e-mail address such as name@example.org.")

    def _deserialize(self, value, attr, data, **kwargs):
        address = super()._deserialize(value, attr, data, **kwargs)
        if address is None:
            return None
        if len(address) > 254:
            raise ma.ValidationError("Longer than 254 characters.")
        return self.check(address)


class PersonSchema(BodySchema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(attribute="version_id", dump_only=True)
    full_name = localized(200, required=True)
    position = localized(300)
    organization_id = record_id(allow_none=True, load_default=None)
    languages = text(50, load_default=None, metadata={"description": "e.g. ru, kk"})
    phone = text(50, load_default=None)
    email = Email(allow_none=True, load_default=None)
    notes = text(20_000, load_default=None)


class PersonUpdateSchema(PersonSchema):
    version = ma.fields.Integer(
        required=True, validate=ma.validate.Range(min=0), metadata={"description": "as read"}
    )


class PersonListArgs(ListArgs):
    q = text(200, metadata={"description": "Words in the name or position"})
    organization = record_id(metadata={"description": "People of this organization"})
    visit = record_id(
        metadata={
            "description": "People of this visit: its delegation's members, its liaison "
            "officer and its events' participants"
        }
    )


def _values(data: dict) -> PersonValues:
    return PersonValues(**{f: data[f] for f in PersonValues.__dataclass_fields__})


def of_visit(visit_id: int):
    """A condition true for the people a visit involves."""
    members = (
        select(DelegationMember.person_id)
        .join(Visit, Visit.delegation_id == DelegationMember.delegation_id)
        .where(Visit.id == visit_id, DelegationMember.person_id.is_not(None))
    )
    liaison = select(Visit.liaison_officer_id).where(
        Visit.id == visit_id, Visit.liaison_officer_id.is_not(None)
    )
    participants = (
        select(EventParticipant.person_id)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(Event.visit_id == visit_id, EventParticipant.person_id.is_not(None))
    )
    return or_(Person.id.in_(members), Person.id.in_(liaison), Person.id.in_(participants))


def _refusal(error: PersonInUse) -> str:
    usage = error.usage
    return (
        f"The person takes part in {len(usage.events)} event(s) and is a member of "
        f"{len(usage.members)} delegation(s): remove them there first."
    )


@blp.route("/")
class People(MethodView):
    @blp.arguments(PersonListArgs, location="query")
    @blp.response(200, page_schema(PersonSchema))
    def get(self, args):
        """List people"""
        query = people_list(args.get("q"), args.get("organization"))
        if args.get("visit"):
            query = query.where(of_visit(args["visit"]))
        return paginate(query, args)

    @blp.arguments(PersonSchema)
    @blp.response(201, PersonSchema)
    def post(self, data):
        """Create a person"""
        check_references(data, REFERENCES)
        person = create_person(db.session, _values(data))
        commit(db.session)
        return person


@blp.route("/<int:person_id>")
class PersonItem(MethodView):
    @blp.response(200, PersonSchema)
    def get(self, person_id):
        """Get a person"""
        return get_or_404(Person, person_id, "person")

    @blp.arguments(PersonUpdateSchema)
    @blp.response(200, PersonSchema)
    def put(self, data, person_id):
        """Replace a person's fields (with the version you read)"""
        person = get_or_404(Person, person_id, "person")
        check_version(person, data["version"])
        check_references(data, REFERENCES)
        update_person(person, _values(data))
        commit(db.session, person, data["version"])
        return person

    @blp.arguments(VersionArgs, location="query")
    @blp.response(204)
    def delete(self, args, person_id):
        """Delete a person who takes part in no event and no delegation"""
        person = get_or_404(Person, person_id, "person")
        check_version(person, args.get("version"), required=False)
        try:
            delete_person(db.session, person)
        except PersonInUse as error:
            abort(409, message=_refusal(error))
        commit(db.session)
