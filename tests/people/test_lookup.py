"""Finding a person by typing (GET /people/search) and creating one from a dialog
(POST /people/quick)."""

import pytest
from sqlalchemy import func, select

from visits.models import LocalizedText, Organization, Person


@pytest.fixture
def namesakes(db):
    ministry = Organization(name=LocalizedText(ru="Правительство Алтайского края"))
    db.session.add_all(
        [
            Person(
                full_name=LocalizedText(
                    ru="Виталий Снесарь", kk="Виталий Снесарь", en="Vitaly Snesar"
                ),
                position=LocalizedText(ru="Заместитель председателя"),
                organization=ministry,
            ),
            Person(
                full_name=LocalizedText(
                    ru="Ерлан Ахметов", kk="Ерлан Ахметов", en="Yerlan Akhmetov"
                ),
                position=LocalizedText(ru="Аким"),
            ),
            Person(
                full_name=LocalizedText(ru="Ерлан Ахметов", kk="Ерлан Ахметов"),
                position=LocalizedText(ru="Солист"),
            ),
        ]
    )
    db.session.commit()


def found(client, term: str) -> list[dict]:
    answer = client.get("/people/search", query_string={"q": term})
    assert answer.status_code == 200 and answer.is_json
    return answer.json["people"]


@pytest.mark.parametrize("term", ["snesar", "СНЕСАРЬ", "Виталий снесарь"])
def test_a_person_is_found_by_part_of_any_spelling(staff_client, namesakes, term):
    (person,) = found(staff_client, term)
    assert person["name"] == "Vitaly Snesar"  # in the reader's language (English here)
    assert person["other_names"] == ["Виталий Снесарь"]
    assert person["position"] == "Заместитель председателя"
    assert person["organization"] == "Правительство Алтайского края"


def test_namesakes_come_with_what_tells_them_apart(staff_client, namesakes):
    people = found(staff_client, "ахметов")
    assert sorted(p["position"] for p in people) == ["Аким", "Солист"]


def test_the_search_answers_in_the_readers_language(staff_client, namesakes):
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "kk"
    (person,) = found(staff_client, "Yerlan")
    assert person["name"] == "Ерлан Ахметов"
    assert person["other_names"] == ["Yerlan Akhmetov"]


def test_nothing_typed_finds_nobody(staff_client, namesakes):
    assert found(staff_client, "  ") == []


def test_viewers_may_search(viewer_client, namesakes):
    assert len(found(viewer_client, "Ерлан")) == 2


def count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Person))


def test_a_person_created_from_a_dialog_comes_back_as_the_search_shows_them(staff_client, db):
    answer = staff_client.post(
        "/people/quick",
        data={
            "full_name_ru": "Айгуль Сарсенова",
            "full_name_en": "Aigul Sarsenova",
            "position_ru": "Солистка",
        },
    )
    assert answer.status_code == 201
    person = db.session.get(Person, answer.json["id"])
    assert person.full_name.en == "Aigul Sarsenova"
    assert answer.json["position"] == "Солистка"


def test_a_person_without_a_name_is_refused_by_input_name_and_nothing_is_saved(staff_client, db):
    answer = staff_client.post("/people/quick", data={"full_name_en": "x" * 500})
    assert answer.status_code == 422
    assert set(answer.json["errors"]) == {"full_name_ru", "full_name_en"}
    assert count(db) == 0


def test_an_unknown_organization_is_refused(staff_client, db):
    answer = staff_client.post(
        "/people/quick", data={"full_name_ru": "Кто-то", "organization_id": "999"}
    )
    assert answer.status_code == 422 and "organization_id" in answer.json["errors"]
    assert count(db) == 0


def test_viewers_may_not_create_people(viewer_client, db):
    answer = viewer_client.post("/people/quick", data={"full_name_ru": "Кто-то"})
    assert answer.status_code == 403 and count(db) == 0
