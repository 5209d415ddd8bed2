import html
import re

import pytest

from visits.models import (
    Delegation,
    DelegationMember,
    LocalizedText,
    MemberRole,
    Organization,
    Person,
)


def text_of(response) -> str:
    """The page's visible text with whitespace collapsed."""
    source = response.get_data(as_text=True)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", source)))


@pytest.fixture
def client(app):
    """A test client reading the pages in English, the language of the source strings."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def make_delegation(db):
    def make(*members: Person | Organization, **overrides) -> Delegation:
        fields = {
            "name": LocalizedText(ru="Делегация Алтайского края", en="Altai Krai delegation"),
            "home_timezone": "Asia/Barnaul",
        } | overrides
        delegation = Delegation(**fields)
        for number, who in enumerate(members, start=1):
            kind = "person" if isinstance(who, Person) else "organization"
            delegation.members.append(
                DelegationMember(**{kind: who}, role=MemberRole.MEMBER, precedence=number)
            )
        db.session.add(delegation)
        db.session.commit()
        return delegation

    return make


@pytest.fixture
def make_person(db):
    def make(name: str) -> Person:
        person = Person(full_name=LocalizedText(ru=name))
        db.session.add(person)
        db.session.commit()
        return person

    return make


@pytest.fixture
def make_group(db):
    def make(name: str) -> Organization:
        group = Organization(name=LocalizedText(ru=name))
        db.session.add(group)
        db.session.commit()
        return group

    return make
