"""The API's schemas follow the models: a length, a required-ness or an enum declared on a
column is what the API checks and documents; every replacement takes one version field;
the participant rule of the event services answers on the row it is about."""

import pytest

from visits.api.common import update_schema
from visits.api.fields import MAX_ID, localized, text
from visits.api.resources.people import PersonSchema
from visits.models import LocalizedText, Organization, Person
from visits.models.columns import columns, max_length
from visits.problems import english_problem_message

from .conftest import assert_problem, pointers

UPDATES = [
    "/api/v1/people/1",
    "/api/v1/organizations/1",
    "/api/v1/venues/1",
    "/api/v1/visits/1",
    "/api/v1/delegations/1",
    "/api/v1/events/1",
]


def schemas(client) -> dict:
    return client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]


def resolve(spec_schemas: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec_schemas[schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema:
        return resolve(spec_schemas, schema["allOf"][0])
    return schema


def test_the_document_gives_the_lengths_of_the_model(client):
    found = schemas(client)
    person = found["Person"]["properties"]
    full_name = resolve(found, person["full_name"])
    assert full_name["properties"]["ru"]["maxLength"] == max_length(Person.full_name)
    assert "ru" in full_name["required"]
    assert person["phone"]["maxLength"] == max_length(Person.phone)
    kinds = found["Organization"]["properties"]["kind"]["enum"]
    assert set(kinds) == {kind.value for kind in Organization.kind.type.enum_class}


def test_a_limit_changed_on_the_model_changes_the_schema(app, monkeypatch):
    for column in columns(Person.full_name):
        monkeypatch.setattr(column.type, "length", 120)
    (phone,) = columns(Person.phone)
    monkeypatch.setattr(phone.type, "length", 20)
    full_name = localized(Person.full_name).schema
    assert full_name.load({"ru": "а" * 120}) == LocalizedText(ru="а" * 120)
    with pytest.raises(Exception, match="ru"):
        full_name.load({"ru": "а" * 121})
    assert text(Person.phone).deserialize("1" * 20) == "1" * 20
    with pytest.raises(Exception, match="20"):
        text(Person.phone).deserialize("1" * 21)


@pytest.mark.parametrize("url", UPDATES)
def test_every_update_refuses_a_version_out_of_range_alike(api, url):
    details = set()
    for version in (-1, MAX_ID + 1):
        body = assert_problem(api.put(url, json={"version": version}), 422)
        assert "/version" in pointers(body)
        details |= {e["detail"] for e in body["errors"] if e["pointer"] == "/version"}
    assert len(details) == 1  # the same range, the same words
    assert update_schema(PersonSchema)().fields["version"].required


def test_every_update_schema_has_the_one_version_range(client):
    found = schemas(client)
    updates = {name for name in found if name.endswith("Update")}
    updates -= {"FeedUpdate", "DelegationMemberUpdate"}  # a link and a member: no version
    assert updates == {
        f"{name}Update"
        for name in ("Person", "Organization", "Venue", "Visit", "Delegation", "Event")
    }
    for name in updates:
        version = found[name]["properties"]["version"]
        assert (version["minimum"], version["maximum"]) == (0, MAX_ID), name
        assert "version" in found[name]["required"], name


@pytest.fixture
def two_people(db):
    people = [Person(full_name=LocalizedText(ru=name)) for name in ("Аким", "Солист")]
    group = Organization(name=LocalizedText(ru="Ансамбль"))
    db.session.add_all([*people, group])
    db.session.commit()
    return people, group


def test_the_participant_rule_answers_on_its_row(api, db, make_visit, two_people):
    (first, second), group = two_people
    visit = make_visit()
    event = {
        "visit_id": visit.id,
        "title": {"ru": "Встреча"},
        "starts_at": "2025-04-21T10:00:00+05:00",
        "ends_at": "2025-04-21T11:00:00+05:00",
    }
    cases = [
        ([{"person_id": first.id, "organization_id": group.id}], "/participants/0/person_id",
         "person_or_group"),
        ([{"person_id": first.id}, {"role": "guest"}], "/participants/1/person_id",
         "person_or_group"),
        ([{"person_id": second.id}, {"person_id": first.id}, {"person_id": second.id}],
         "/participants/2/person_id", "duplicate_participant"),
        ([{"organization_id": group.id}, {"organization_id": group.id}],
         "/participants/1/organization_id", "duplicate_participant"),
    ]  # fmt: skip
    for participants, pointer, code in cases:
        response = api.post(
            "/api/v1/events/",
            json=event | {"participants": participants},
            headers={"Accept-Language": "ru"},
        )
        body = assert_problem(response, 422)
        assert [(e["pointer"], e["detail"]) for e in body["errors"]] == [
            (pointer, english_problem_message(code))
        ]
    # In English, whatever the reader's language: the words of the event form.
    assert english_problem_message("person_or_group") == "Choose a person or a group, not both."
