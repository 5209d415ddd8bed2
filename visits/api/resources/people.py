"""People: delegates, officials, performers, interpreters, liaison officers."""

import marshmallow as ma
from flask_smorest import Blueprint

from visits.api.common import ListArgs, RecordSchema
from visits.api.fields import Text, limit_of, localized, record_id, reference, search, text
from visits.api.resource import Resource, conflict, value_services, values_from
from visits.languages import LANGUAGES
from visits.models import Organization, Person
from visits.participation import people_of
from visits.people.queries import people_list
from visits.people.services import (
    SERVICES,
    PersonInUse,
    PersonValues,
)

blp = Blueprint("api-people", __name__, url_prefix="/api/v1/people", description="People.")


class Email(Text):
    """An e-mail address, as the person form takes it; empty meaning none."""

    check = ma.validate.Email(error="Enter an e-mail address such as name@example.org.")
    limit = limit_of(Person.email)

    def _deserialize(self, value, attr, data, **kwargs):
        address = super()._deserialize(value, attr, data, **kwargs)
        if address is None:
            return None
        if len(address) > self.limit:
            raise ma.ValidationError(f"Longer than {self.limit} characters.")
        return self.check(address)


class PersonSchema(RecordSchema):
    full_name = localized(Person.full_name)
    position = localized(Person.position)
    organization_id = reference(Person.organization_id)
    languages = text(Person.languages, metadata={"description": "e.g. ru, kk"})
    phone = text(Person.phone)
    email = text(Person.email, Email)
    preferred_language = ma.fields.String(
        allow_none=True,
        load_default=None,
        validate=ma.validate.OneOf(LANGUAGES),
        metadata={"description": "The language of e-mail notices to them: ru, kk or en"},
    )
    notes = text(Person.notes)


class PersonListArgs(ListArgs):
    q = search("Words in the name or position")
    organization = record_id(metadata={"description": "People of this organization"})
    visit = record_id(
        metadata={
            "description": "People of this visit: its delegation's members, its liaison "
            "officer and its events' participants"
        }
    )


def _refusal(error: PersonInUse) -> str:
    usage = error.usage
    return (
        f"The person takes part in {len(usage.events)} event(s) and is a member of "
        f"{len(usage.members)} delegation(s): remove them there first."
    )


Resource(
    blp,
    Person,
    "person",
    PersonSchema,
    list_args=PersonListArgs,
    list_query=lambda args: people_list(args.get("q"), args.get("organization")),
    filters={"visit": people_of},
    **value_services(values_from(PersonValues), SERVICES),
    references={"organization_id": (Organization, "organization")},
    refusals={SERVICES.in_use: conflict(_refusal)},
    docs={
        "list": "List people",
        "delete": "Delete a person who takes part in no event and no delegation",
    },
).register()
