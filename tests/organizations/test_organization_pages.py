import re
from datetime import date, time

import pytest
from sqlalchemy import func, select

from visits.models import (
    DelegationMember,
    EventParticipant,
    LocalizedText,
    Organization,
    OrganizationKind,
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
        "name_ru": "Акимат Восточно-Казахстанской области",
        "name_kk": "Шығыс Қазақстан облысының әкімдігі",
        "name_en": "East Kazakhstan Region Akimat",
        "kind": "government",
        "country": "kz",
        "notes": "",
    } | overrides


@pytest.fixture
def make_organization(db):
    def make(name: str = "Оркестр «Сибирь»", **fields) -> Organization:
        organization = Organization(name=LocalizedText(ru=name), **fields)
        db.session.add(organization)
        db.session.commit()
        return organization

    return make


def count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Organization))


# Creating


def test_a_new_organization_is_saved_with_its_country_in_capitals(staff_client, db):
    assert staff_client.get("/organizations/new").status_code == 200
    response = staff_client.post("/organizations/new", data=form_data())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/organizations/")
    organization = db.session.scalars(select(Organization)).one()
    assert organization.name == LocalizedText(
        "Акимат Восточно-Казахстанской области",
        "Шығыс Қазақстан облысының әкімдігі",
        "East Kazakhstan Region Akimat",
    )
    assert organization.kind is OrganizationKind.GOVERNMENT
    assert organization.country == "KZ"
    assert organization.notes is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name_ru": "  "}, "This field is required."),
        ({"name_ru": "Я" * 301}, "Field cannot be longer than 300 characters."),
        ({"name_en": "x" * 301}, "Field cannot be longer than 300 characters."),
        ({"country": "KAZ"}, "Enter a two-letter country code such as KZ."),
        ({"country": "K1"}, "Enter a two-letter country code such as KZ."),
        ({"kind": "band"}, "Choose a kind from the list."),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_kept(staff_client, db, changes, message):
    response = staff_client.post("/organizations/new", data=form_data(**changes))
    assert response.status_code == 422
    page = text_of(response)
    assert message in page
    assert "Please correct the marked fields." in page
    assert "Шығыс Қазақстан облысының әкімдігі" in response.get_data(as_text=True)
    assert count(db) == 0


# Changing


def test_an_edit_is_saved(staff_client, db, make_organization):
    organization = make_organization()
    page = staff_client.get(f"/organizations/{organization.id}/edit")
    assert page.status_code == 200
    assert 'name="version_id" type="hidden" value="1"' in page.get_data(as_text=True)
    response = staff_client.post(
        f"/organizations/{organization.id}/edit",
        data=form_data(name_ru="Оркестр «Сибирь»", kind="ensemble", country="RU", version_id=1),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert organization.kind is OrganizationKind.ENSEMBLE
    assert organization.country == "RU"
    assert organization.version_id == 2


def test_an_invalid_edit_changes_nothing(staff_client, db, make_organization):
    organization = make_organization(country="RU")
    response = staff_client.post(
        f"/organizations/{organization.id}/edit",
        data=form_data(name_ru="", country="RUS", version_id=1),
    )
    assert response.status_code == 422
    db.session.expire_all()
    assert organization.name.ru == "Оркестр «Сибирь»"
    assert organization.country == "RU"


def test_the_second_of_two_concurrent_edits_is_refused_and_merged(
    staff_client, db, make_organization
):
    organization = make_organization()
    url = f"/organizations/{organization.id}/edit"
    first = staff_client.get(url).get_data(as_text=True)
    second = staff_client.get(url).get_data(as_text=True)
    assert 'name="version_id" type="hidden" value="1"' in first
    assert 'name="version_id" type="hidden" value="1"' in second

    saved = staff_client.post(url, data=form_data(name_ru="Первое название", version_id=1))
    assert saved.status_code == 302
    refused = staff_client.post(url, data=form_data(name_ru="Второе название", version_id=1))

    assert refused.status_code == 409
    page = text_of(refused)
    assert "A colleague saved this record after you opened it." in page
    assert "Первое название" in page  # what the first editor saved
    html = refused.get_data(as_text=True)
    assert 'value="Второе название"' in html  # the second editor's typing is kept
    assert 'name="version_id" type="hidden" value="2"' in html
    db.session.expire_all()
    assert organization.name.ru == "Первое название"
    assert organization.version_id == 2


def test_an_unknown_organization_is_not_found(staff_client):
    assert staff_client.get("/organizations/999/edit").status_code == 404
    assert staff_client.post("/organizations/999/delete").status_code == 404
    assert staff_client.get("/organizations/x/edit").status_code == 404


# Deleting


def test_deleting_asks_first_then_deletes_and_people_keep_existing(
    staff_client, db, make_organization
):
    organization = make_organization()
    person = Person(full_name=LocalizedText(ru="Ирина Петрова"), organization=organization)
    db.session.add(person)
    db.session.commit()
    url = f"/organizations/{organization.id}/delete"

    confirm = staff_client.get(url)
    assert confirm.status_code == 200
    page = text_of(confirm)
    assert "Delete Оркестр «Сибирь»?" in page
    assert "1 person works for it: they stay, with no organization (Ирина Петрова)." in page
    assert count(db) == 1

    response = staff_client.post(url)
    assert response.status_code == 302
    assert count(db) == 0
    db.session.expire_all()
    assert db.session.get(Person, person.id).organization_id is None


def test_deleting_is_refused_while_the_organization_performs_at_an_event(
    staff_client, db, make_organization, make_visit, make_event
):
    organization = make_organization()
    visit = make_visit(title=LocalizedText(ru="Визит делегации"))
    event = make_event(
        visit, date(2025, 4, 21), time(19, 0), time(21, 0), title=LocalizedText(ru="Концерт")
    )
    event.participants.append(
        EventParticipant(organization=organization, role=ParticipantRole.PERFORMER, side=Side.GUEST)
    )
    db.session.commit()
    url = f"/organizations/{organization.id}/delete"

    page = staff_client.get(url).get_data(as_text=True)
    assert "This cannot be deleted while it is in use by:" in page
    assert "Event «Концерт» (Визит делегации, Monday, April 21, 2025, 19:00)" in page
    assert f'href="/visits/{visit.id}?day=2025-04-21#event-{event.id}"' in page
    assert 'class="danger"' not in page

    response = staff_client.post(url)
    assert response.status_code == 409
    assert "Концерт" in response.get_data(as_text=True)
    assert count(db) == 1


def test_deleting_is_refused_while_the_organization_is_a_member_or_a_host(
    staff_client, db, make_organization, make_visit
):
    organization = make_organization()
    visit = make_visit(title=LocalizedText(ru="Визит"), host_organization=organization)
    visit.delegation.members.append(DelegationMember(organization=organization, precedence=1))
    db.session.commit()

    response = staff_client.post(f"/organizations/{organization.id}/delete")
    assert response.status_code == 409
    page = text_of(response)
    assert "Member of the delegation «Делегация»" in page
    assert "Host of the visit «Визит»" in page
    html = response.get_data(as_text=True)
    assert f'href="/delegations/{visit.delegation_id}"' in html
    assert f'href="/visits/{visit.id}"' in html
    assert count(db) == 1


# Who may do it


def test_a_viewer_sees_no_edit_links_and_may_not_write(viewer_client, db, make_organization):
    organization = make_organization()
    listing = viewer_client.get("/organizations/").get_data(as_text=True)
    assert "Оркестр «Сибирь»" in listing
    assert "/organizations/new" not in listing
    record = viewer_client.get(f"/organizations/{organization.id}/edit").get_data(as_text=True)
    assert '<form method="post" class="edit"' not in record
    assert "/delete" not in record
    assert viewer_client.get("/organizations/new").status_code == 403
    assert viewer_client.post("/organizations/new", data=form_data()).status_code == 403
    edit = viewer_client.post(
        f"/organizations/{organization.id}/edit", data=form_data(version_id=1)
    )
    assert edit.status_code == 403
    assert viewer_client.post(f"/organizations/{organization.id}/delete").status_code == 403
    assert count(db) == 1


def test_a_post_without_the_csrf_token_is_refused(app, staff_client, db, make_organization):
    organization = make_organization()
    app.config["WTF_CSRF_ENABLED"] = True
    assert staff_client.post("/organizations/new", data=form_data()).status_code == 400
    assert staff_client.post(f"/organizations/{organization.id}/delete").status_code == 400
    assert count(db) == 1


# The list


def test_the_list_finds_a_cyrillic_name_typed_in_lower_case(staff_client, make_organization):
    make_organization("Ансамбль песни и танца «Алтай»")
    make_organization("Оркестр «Сибирь»")
    page = text_of(staff_client.get("/organizations/?q=алтай"))
    assert "Ансамбль песни и танца «Алтай»" in page
    assert "Оркестр «Сибирь»" not in page
    page = text_of(staff_client.get("/organizations/?q=ОРКЕСТР сибирь"))
    assert "Оркестр «Сибирь»" in page
    assert "Алтай" not in page
    assert "No organization matches the search." in text_of(
        staff_client.get("/organizations/?q=100%")
    )


def test_the_list_searches_the_kazakh_and_english_names(staff_client, db):
    db.session.add(
        Organization(
            name=LocalizedText(ru="Акимат", kk="Шығыс Қазақстан әкімдігі", en="Regional Akimat")
        )
    )
    db.session.commit()
    # The list reads in English here: the English name shows.
    assert "Regional Akimat" in text_of(staff_client.get("/organizations/?q=қазақстан"))
    assert "Regional Akimat" in text_of(staff_client.get("/organizations/?q=REGIONAL"))
    assert "Regional Akimat" not in text_of(staff_client.get("/organizations/?q=алтай"))


def test_the_list_filters_by_kind(staff_client, make_organization):
    make_organization("Ансамбль «Алтай»", kind=OrganizationKind.ENSEMBLE)
    make_organization("Акимат", kind=OrganizationKind.GOVERNMENT)
    page = text_of(staff_client.get("/organizations/?kind=ensemble"))
    assert "Ансамбль «Алтай»" in page
    assert "Акимат" not in page
    assert "Акимат" in text_of(staff_client.get("/organizations/?kind=nonsense"))


def test_the_list_is_paginated(staff_client, db):
    db.session.add_all(Organization(name=LocalizedText(ru=f"Орг {n:03}")) for n in range(55))
    db.session.commit()
    first = text_of(staff_client.get("/organizations/"))
    assert "Орг 000" in first and "Орг 049" in first and "Орг 050" not in first
    assert "Page 1 of 2" in first
    second = staff_client.get("/organizations/?page=2").get_data(as_text=True)
    assert "Орг 050" in second and "Орг 054" in second and "Орг 049" not in second
    assert 'rel="prev" href="/organizations/?page=1"' in second
    assert "Орг 000" in text_of(staff_client.get("/organizations/?page=-3"))


def test_the_list_takes_as_many_queries_for_many_rows_as_for_few(staff_client, db, count_queries):
    def queries_for_the_list() -> int:
        staff_client.get("/organizations/")  # sign-in and caches warm up
        with count_queries() as queries:
            assert staff_client.get("/organizations/").status_code == 200
        return len(queries)

    db.session.add_all(Organization(name=LocalizedText(ru=f"Орг {n}")) for n in range(2))
    db.session.commit()
    few = queries_for_the_list()
    db.session.add_all(Organization(name=LocalizedText(ru=f"Ещё {n}")) for n in range(30))
    db.session.commit()
    assert queries_for_the_list() == few


def test_nul_characters_are_refused_never_sent_to_the_database(staff_client, db):
    response = staff_client.post(
        "/organizations/new", data=form_data(name_ru="Оркестр\x00 «Сибирь»")
    )
    assert response.status_code == 400
    assert db.session.scalars(select(Organization)).all() == []
    assert staff_client.get("/organizations/?q=орк%00естр").status_code == 400
