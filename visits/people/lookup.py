"""Finding a person by part of a name, for the search boxes of other forms: the query and
what is told of each person found (enough to tell namesakes apart)."""

from typing import Any

from sqlalchemy import Select

from visits.i18n import in_language
from visits.languages import LANGUAGES
from visits.models import Person
from visits.people.queries import people_list
from visits.web.picker import MOST_FOUND


def people_found(term: str) -> Select[Any]:
    """People whose name (in any language) or position holds every word of `term`."""
    return people_list(term, None).limit(MOST_FOUND)


def person_summary(person: Person) -> dict[str, Any]:
    """A person as the search boxes show them: the name in the reader's language, the
    other spellings, the position and the organization."""
    name = in_language(person.full_name)
    variants = [getattr(person.full_name, lang) for lang in LANGUAGES]
    return {
        "id": person.id,
        "name": name,
        "other_names": [v for v in dict.fromkeys(variants) if v and v != name],
        "position": in_language(person.position),
        "organization": in_language(person.organization.name) if person.organization else "",
    }
