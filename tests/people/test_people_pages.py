import re
from datetime import date, time

import pytest
from sqlalchemy import func, select

from visits.models import (
    DelegationMember,
    EventParticipant,
    FeedScope,
    FeedToken,
    LocalizedText,
    MemberRole,
    Organization,
    ParticipantRole,
    Person,
    Side,
)


def text_of(response) -> str:
    """The page's visible text with whitespace collapsed."""
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def form_data(**overrides) -> dict:
    return {
        "full_name_ru": "Виталий Снесарь",
        "full_name_kk": "",
        "full_name_en": "Vitaly Snesar",
        "position_ru": "Заместитель председателя Правительства Алтайского края",
        "position_kk": "",
        "position_en": "",
        "organization_id": "",
        "languages": "ru",
        "phone": "+7 385 200-00-00",
        "email": "snesar@example.org",
        "notes": "",
    } | overrides


@pytest.fixture
def make_person(db):
    def make(name: str = "Виталий Снесарь", **fields) -> Person:
        person = Person(full_name=LocalizedText(ru=name), **fields)
        db.session.add(person)
        db.session.commit()
        return person

    return make


@pytest.fixture
def organization(db) -> Organization:
    organization = Organization(name=LocalizedText(ru="Правительство Алтайского края"))
    db.session.add(organization)
    db.session.commit()
    return organization


def count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Person))


# Creating


def test_a_new_person_is_saved_with_their_organization(staff_client, db, organization):
    page = staff_client.get("/people/new").get_data(as_text=True)
    assert "<option" not in page.split("organization_name")[1].split("languages")[0]
    assert 'data-search-url="/organizations/search"' in page
    # Without script the name is typed (any case) and found on save.
    typed = {"organization_name": "правительство алтайского края"}
    response = staff_client.post("/people/new", data=form_data(**typed))
    assert response.status_code == 302
    person = db.session.scalars(select(Person)).one()
    assert person.full_name == LocalizedText(ru="Виталий Снесарь", en="Vitaly Snesar")
    assert person.position.ru == "Заместитель председателя Правительства Алтайского края"
    assert person.organization_id == organization.id
    assert (person.languages, person.email) == ("ru", "snesar@example.org")
    assert person.notes is None


def test_a_person_needs_no_organization_nor_e_mail(staff_client, db):
    response = staff_client.post("/people/new", data=form_data(email=" ", phone=""))
    assert response.status_code == 302
    person = db.session.scalars(select(Person)).one()
    assert (person.organization_id, person.email, person.phone) == (None, None, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"full_name_ru": ""}, "This field is required."),
        ({"full_name_ru": "Я" * 201}, "Field cannot be longer than 200 characters."),
        ({"position_kk": "Қ" * 301}, "Field cannot be longer than 300 characters."),
        ({"languages": "ru, " * 13}, "Field cannot be longer than 50 characters."),
        ({"email": "snesar(at)example.org"}, "Enter an e-mail address such as name@example.org."),
        ({"organization_id": "999"}, "This organization or group no longer exists."),
        ({"organization_name": "Минфин"}, "No organization or group is named «Минфин»."),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_kept(staff_client, db, changes, message):
    response = staff_client.post("/people/new", data=form_data(**changes))
    assert response.status_code == 422
    assert message in text_of(response)
    assert 'value="Vitaly Snesar"' in response.get_data(as_text=True)
    assert count(db) == 0


def test_a_new_person_from_an_organizations_page_starts_in_it(staff_client, organization):
    page = staff_client.get(f"/people/new?organization={organization.id}").get_data(as_text=True)
    assert f'name="organization_id" type="hidden" value="{organization.id}"' in page
    assert 'type="text" value="Правительство Алтайского края"' in page


# Changing


def test_an_edit_is_saved(staff_client, db, make_person, organization):
    person = make_person()
    page = staff_client.get(f"/people/{person.id}/edit").get_data(as_text=True)
    assert 'value="Виталий Снесарь"' in page
    response = staff_client.post(
        f"/people/{person.id}/edit",
        data=form_data(organization_id=str(organization.id), version_id="1"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert person.organization_id == organization.id
    assert person.full_name.en == "Vitaly Snesar"
    assert person.version_id == 2


def test_the_second_of_two_concurrent_edits_is_refused_and_merged(staff_client, db, make_person):
    person = make_person()
    url = f"/people/{person.id}/edit"
    for _ in range(2):
        assert 'name="version_id" type="hidden" value="1"' in staff_client.get(url).get_data(
            as_text=True
        )
    saved = staff_client.post(url, data=form_data(phone="111", version_id="1"))
    assert saved.status_code == 302
    refused = staff_client.post(url, data=form_data(phone="222", version_id="1"))

    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "A colleague saved this record after you opened it." in text_of(refused)
    assert "Yours 222 Your colleague's 111" in text_of(refused)  # both, for the user to choose
    assert 'value="222"' in html
    assert 'name="version_id" type="hidden" value="2"' in html
    db.session.expire_all()
    assert person.phone == "111"


def test_an_unknown_person_is_not_found(staff_client):
    assert staff_client.get("/people/999/edit").status_code == 404
    assert staff_client.get("/people/999/delete").status_code == 404


# Deleting


def test_deleting_asks_first_then_deletes(staff_client, db, make_person, make_visit):
    person = make_person()
    visit = make_visit(title=LocalizedText(ru="Визит"), liaison_officer=person)
    db.session.add(FeedToken(scope=FeedScope.PERSON, visit=visit, person=person))
    db.session.commit()
    url = f"/people/{person.id}/delete"

    page = text_of(staff_client.get(url))
    assert "Delete Виталий Снесарь?" in page
    assert "These visits will have no liaison officer: Визит." in page
    assert "Their calendar link stops working." in page
    assert count(db) == 1

    assert staff_client.post(url).status_code == 302
    assert count(db) == 0
    db.session.expire_all()
    assert visit.liaison_officer_id is None
    assert db.session.scalar(select(func.count()).select_from(FeedToken)) == 0


def test_deleting_is_refused_while_the_person_takes_part_in_an_event(
    staff_client, db, make_person, make_visit, make_event
):
    person = make_person()
    visit = make_visit(title=LocalizedText(ru="Визит делегации"))
    event = make_event(
        visit, date(2025, 4, 21), time(10, 0), time(11, 30), title=LocalizedText(ru="Встреча")
    )
    event.participants.append(
        EventParticipant(person=person, role=ParticipantRole.GUEST, side=Side.GUEST)
    )
    visit.delegation.members.append(
        DelegationMember(person=person, role=MemberRole.HEAD, precedence=1)
    )
    db.session.commit()
    url = f"/people/{person.id}/delete"

    confirm = staff_client.get(url)
    page = text_of(confirm)
    assert "This cannot be deleted while it is in use by:" in page
    assert "Event «Встреча» (Визит делегации, Monday, April 21, 2025, 10:00)" in page
    assert "Member of the delegation «Делегация»" in page
    html = confirm.get_data(as_text=True)
    assert f'href="/visits/{visit.id}?day=2025-04-21#event-{event.id}"' in html
    assert f'href="/delegations/{visit.delegation_id}"' in html

    refused = staff_client.post(url)
    assert refused.status_code == 409
    assert "Event «Встреча»" in text_of(refused)
    assert count(db) == 1


# Who may do it


def test_a_viewer_sees_no_edit_links_and_may_not_write(viewer_client, db, make_person):
    person = make_person()
    listing = viewer_client.get("/people/").get_data(as_text=True)
    assert "Виталий Снесарь" in listing
    assert "/people/new" not in listing
    record = viewer_client.get(f"/people/{person.id}/edit").get_data(as_text=True)
    assert "Виталий Снесарь" in record
    assert 'class="edit"' not in record
    assert "/delete" not in record
    assert viewer_client.get("/people/new").status_code == 403
    assert viewer_client.post("/people/new", data=form_data()).status_code == 403
    edit = viewer_client.post(f"/people/{person.id}/edit", data=form_data(version_id="1"))
    assert edit.status_code == 403
    assert viewer_client.post(f"/people/{person.id}/delete").status_code == 403
    assert count(db) == 1


def test_a_post_without_the_csrf_token_is_refused(app, staff_client, db, make_person):
    person = make_person()
    app.config["WTF_CSRF_ENABLED"] = True
    assert staff_client.post("/people/new", data=form_data()).status_code == 400
    edit = staff_client.post(f"/people/{person.id}/edit", data=form_data(version_id="1"))
    assert edit.status_code == 400
    assert staff_client.post(f"/people/{person.id}/delete").status_code == 400
    assert count(db) == 1


# The list


def test_the_search_finds_a_cyrillic_name_typed_in_lower_case(staff_client, make_person):
    make_person("Виталий Снесарь", position=LocalizedText(ru="Руководитель делегации"))
    make_person("Ерлан Ахметов")
    for term in ("снесарь", "СНЕСАРЬ", "виталий снесарь", "снесарь виталий", "делегации"):
        page = text_of(staff_client.get("/people/", query_string={"q": term}))
        assert "Виталий Снесарь" in page, term
        assert "Ерлан Ахметов" not in page, term
    page = text_of(staff_client.get("/people/", query_string={"q": "петров"}))
    assert "Nobody matches the search." in page


def test_the_search_folds_kazakh_letters_and_reads_every_language(staff_client, db):
    db.session.add(
        Person(
            full_name=LocalizedText(ru="Айгерим Нурланова", kk="Әйгерім Нұрланова", en="Aigerim")
        )
    )
    db.session.commit()
    for term in ("әйгерім", "НҰРЛАНОВА", "aigerim", "нурланова"):
        page = text_of(staff_client.get("/people/", query_string={"q": term}))
        assert "Aigerim" in page, term


def test_the_list_filters_by_organization(staff_client, make_person, organization):
    make_person("Виталий Снесарь", organization=organization)
    make_person("Ерлан Ахметов")
    page = text_of(staff_client.get(f"/people/?organization={organization.id}"))
    assert "Виталий Снесарь" in page
    assert "Ерлан Ахметов" not in page
    assert "Ерлан Ахметов" in text_of(staff_client.get("/people/?organization=x"))


def test_the_list_is_paginated_and_keeps_the_search(staff_client, db):
    db.session.add_all(Person(full_name=LocalizedText(ru=f"Иван {n:03}")) for n in range(60))
    db.session.add(Person(full_name=LocalizedText(ru="Пётр")))
    db.session.commit()
    first = staff_client.get("/people/?q=иван")
    page = text_of(first)
    assert "Иван 000" in page and "Иван 049" in page and "Иван 050" not in page
    assert "Пётр" not in page
    html = first.get_data(as_text=True)
    assert 'rel="next" href="/people/?page=2&amp;q=' in html
    second = text_of(staff_client.get("/people/?q=иван&page=2"))
    assert "Иван 050" in second and "Иван 059" in second and "Иван 049" not in second


def test_the_list_takes_as_many_queries_for_many_rows_as_for_few(staff_client, db, count_queries):
    def queries_for_the_list() -> int:
        staff_client.get("/people/")
        with count_queries() as queries:
            assert staff_client.get("/people/").status_code == 200
        return len(queries)

    def add_people(n: int) -> None:
        for i in range(n):
            organization = Organization(name=LocalizedText(ru=f"Организация {n}-{i}"))
            db.session.add(
                Person(full_name=LocalizedText(ru=f"Человек {i}"), organization=organization)
            )
        db.session.commit()

    add_people(2)
    few = queries_for_the_list()
    add_people(30)
    assert queries_for_the_list() == few


def test_nul_characters_are_refused_never_sent_to_the_database(staff_client, db):
    response = staff_client.post("/people/new", data=form_data(phone="+7\x00 700", notes="\x00"))
    assert response.status_code == 400
    assert db.session.scalars(select(Person)).all() == []
    assert staff_client.get("/people/?q=%00").status_code == 400
