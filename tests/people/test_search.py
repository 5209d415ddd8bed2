"""visits/search.py: case-insensitive search that folds Cyrillic on both databases."""

import pytest
from sqlalchemy import select

from visits.models import LocalizedText, Person
from visits.search import case_variants, localized_columns, text_matches


def test_case_variants_are_distinct_and_start_with_the_term_as_typed():
    assert case_variants("снесарь") == ["снесарь", "СНЕСАРЬ", "Снесарь"]
    assert case_variants("ӨСКЕМЕН") == ["ӨСКЕМЕН", "өскемен", "Өскемен"]
    assert case_variants("42") == ["42"]


@pytest.fixture
def people(db):
    db.session.add_all(
        [
            Person(full_name=LocalizedText(ru="Виталий Снесарь", en="Vitaly Snesar")),
            Person(full_name=LocalizedText(ru="Ерлан Ахметов", kk="Ерлан Ахметов")),
            Person(full_name=LocalizedText(ru="Скидка 100%_всем")),
        ]
    )
    db.session.commit()


def found(db, term: str | None) -> list[str]:
    columns = localized_columns(Person, "full_name")
    query = select(Person).where(text_matches(columns, term)).order_by(Person.id)
    return [person.full_name.ru for person in db.session.scalars(query)]


@pytest.mark.parametrize("term", ["снесарь", "СНЕСАРЬ", "Снесарь", "виталий СНЕСАРЬ", "snesar"])
def test_a_name_is_found_in_any_case(db, people, term):
    assert found(db, term) == ["Виталий Снесарь"]


def test_every_word_must_match(db, people):
    assert found(db, "ерлан снесарь") == []


def test_a_blank_term_matches_everyone(db, people):
    assert len(found(db, "  ")) == len(found(db, None)) == 3


def test_like_wildcards_in_the_term_are_plain_characters(db, people):
    assert found(db, "%") == ["Скидка 100%_всем"]
    assert found(db, "0%_в") == ["Скидка 100%_всем"]
    assert found(db, "_") == ["Скидка 100%_всем"]
