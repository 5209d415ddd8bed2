"""The delegation pages: list and search, create, edit (with the optimistic lock), delete."""

from sqlalchemy import func, select

from tests.delegations.conftest import text_of
from visits.models import Delegation, DelegationMember, LocalizedText, Person

VALID = {
    "name_ru": "Делегация Новосибирской области",
    "name_kk": "",
    "name_en": "Novosibirsk Region delegation",
    "origin_country": "RU",
    "origin_region_ru": "Новосибирская область",
    "origin_region_kk": "",
    "origin_region_en": "",
    "home_timezone": "Asia/Novosibirsk",
}


def form(**changes) -> dict:
    return VALID | changes


def count(db, model=Delegation) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_list_finds_cyrillic_names_whatever_their_case(staff_client, make_delegation):
    make_delegation()
    make_delegation(name=LocalizedText(ru="Делегация Новосибирской области"))
    for term in ("алтай", "АЛТАЙ", "Алтай", "altai", "ALTAI KRAI"):
        page = text_of(staff_client.get("/delegations/", query_string={"q": term}))
        assert "Altai Krai delegation" in page, term
        assert "Новосибирской" not in page, term
    page = text_of(staff_client.get("/delegations/?q=Москва"))
    assert "No delegation matches" in page


def test_the_list_searches_literally(staff_client, make_delegation):
    make_delegation()
    page = text_of(staff_client.get("/delegations/?q=%25"))
    assert "Altai Krai delegation" not in page


def test_the_list_is_paginated(staff_client, db):
    for n in range(30):
        db.session.add(Delegation(name=LocalizedText(ru=f"Делегация {n:02}"), home_timezone="UTC"))
    db.session.commit()
    first = text_of(staff_client.get("/delegations/"))
    second = text_of(staff_client.get("/delegations/?page=2"))
    assert "Делегация 00" in first and "Делегация 24" in first and "Делегация 25" not in first
    assert "Делегация 25" in second and "Делегация 29" in second and "Делегация 00" not in second
    assert staff_client.get("/delegations/?page=99").status_code == 200


def test_a_new_delegation_is_saved(staff_client, db):
    response = staff_client.post("/delegations/new", data=form())
    assert response.status_code == 302
    delegation = db.session.scalar(select(Delegation))
    assert delegation.name == LocalizedText(
        ru="Делегация Новосибирской области", en="Novosibirsk Region delegation"
    )
    assert delegation.origin_country == "RU"
    assert delegation.origin_region.ru == "Новосибирская область"
    assert delegation.home_timezone == "Asia/Novosibirsk"
    assert response.headers["Location"].endswith(f"/delegations/{delegation.id}#members")


def test_the_new_form_offers_the_zones_to_choose_from(staff_client):
    html = staff_client.get("/delegations/new").get_data(as_text=True)
    assert 'list="zone-names"' in html
    assert '<option value="Asia/Barnaul">' in html


def test_an_unknown_zone_is_refused_beside_the_field(staff_client, db):
    response = staff_client.post("/delegations/new", data=form(home_timezone="Asia/Foo"))
    assert response.status_code == 422
    page = text_of(response)
    assert "Unknown time zone 'Asia/Foo'" in page
    assert 'value="Asia/Foo"' in response.get_data(as_text=True)  # the input is kept
    assert count(db) == 0


def test_a_missing_name_is_refused(staff_client, db):
    response = staff_client.post("/delegations/new", data=form(name_ru=""))
    assert response.status_code == 422
    assert "This field is required." in text_of(response)
    assert count(db) == 0


def test_text_longer_than_the_column_is_refused(staff_client, db):
    response = staff_client.post("/delegations/new", data=form(name_en="x" * 301))
    assert response.status_code == 422
    assert "300" in text_of(response)
    response = staff_client.post("/delegations/new", data=form(home_timezone="A" * 65))
    assert response.status_code == 422
    assert count(db) == 0


def test_a_country_that_is_no_country_code_is_refused(staff_client, db):
    response = staff_client.post("/delegations/new", data=form(origin_country="XX"))
    assert response.status_code == 422
    assert "Not a valid choice" in text_of(response)
    assert count(db) == 0


def test_an_edit_is_saved(staff_client, db, make_delegation):
    delegation = make_delegation()
    html = staff_client.get(f"/delegations/{delegation.id}/edit").get_data(as_text=True)
    assert 'value="Делегация Алтайского края"' in html and 'value="1"' in html
    response = staff_client.post(
        f"/delegations/{delegation.id}/edit",
        data=form(version_id="1", home_timezone="Asia/Almaty", origin_country=""),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert delegation.home_timezone == "Asia/Almaty"
    assert delegation.origin_country is None
    assert delegation.version_id == 2


def test_a_save_racing_another_is_refused_and_asks_about_what_both_changed(
    staff_client, db, make_delegation
):
    delegation = make_delegation()
    url = f"/delegations/{delegation.id}/edit"
    staff_client.get(url)  # two editors open the form at version 1
    first = staff_client.post(url, data=form(version_id="1", home_timezone="Asia/Omsk"))
    assert first.status_code == 302
    second = staff_client.post(url, data=form(version_id="1", home_timezone="Asia/Tomsk"))
    assert second.status_code == 409
    page = text_of(second)
    assert "A colleague saved this record after you opened it" in page
    assert "Yours Asia/Tomsk Your colleague's Asia/Omsk" in page
    html = second.get_data(as_text=True)
    assert 'value="Asia/Tomsk"' in html  # their input is kept
    assert 'name="version_id" type="hidden" value="2"' in html
    db.session.expire_all()
    assert delegation.home_timezone == "Asia/Omsk"


def test_viewers_see_no_edit_buttons_and_cannot_write(viewer_client, db, make_delegation):
    delegation = make_delegation(Person(full_name=LocalizedText(ru="Виталий Снесарь")))
    page = viewer_client.get(f"/delegations/{delegation.id}").get_data(as_text=True)
    assert "Виталий Снесарь" in page
    for words in ("/edit", "/delete", "Move up", "Save order", "/remove", "Add a member"):
        assert words not in page
    assert "New delegation" not in viewer_client.get("/delegations/").get_data(as_text=True)
    assert viewer_client.post("/delegations/new", data=form()).status_code == 403
    response = viewer_client.post(f"/delegations/{delegation.id}/edit", data=form(version_id="1"))
    assert response.status_code == 403
    assert viewer_client.post(f"/delegations/{delegation.id}/delete").status_code == 403
    db.session.expire_all()
    assert count(db) == 1 and delegation.home_timezone == "Asia/Barnaul"


def test_a_form_without_its_csrf_token_is_refused(app, staff_client, db):
    app.config["WTF_CSRF_ENABLED"] = True
    assert staff_client.post("/delegations/new", data=form()).status_code == 400
    assert count(db) == 0


def test_delete_asks_then_deletes_with_the_members_not_the_people(
    staff_client, db, make_delegation
):
    delegation = make_delegation(Person(full_name=LocalizedText(ru="Виталий Снесарь")))
    url = f"/delegations/{delegation.id}/delete"
    page = text_of(staff_client.get(url))
    assert "Delete Делегация Алтайского края?" not in page  # English reader: English name
    assert "Delete Altai Krai delegation?" in page
    assert "Its 1 member is removed with it" in page
    response = staff_client.post(url)
    assert response.status_code == 302
    assert count(db) == 0 and count(db, DelegationMember) == 0 and count(db, Person) == 1


def test_delete_is_refused_while_a_visit_uses_the_delegation(staff_client, db, make_visit):
    visit = make_visit()
    url = f"/delegations/{visit.delegation_id}/delete"
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "cannot be deleted while it is in use" in text_of(response)
    assert f'href="/visits/{visit.id}"' in response.get_data(as_text=True)
    response = staff_client.post(url)
    assert response.status_code == 409
    assert count(db) == 1


def test_the_page_links_to_the_visits_of_the_delegation(staff_client, make_visit):
    visit = make_visit(title=LocalizedText(ru="Визит", en="The visit"))
    response = staff_client.get(f"/delegations/{visit.delegation_id}")
    assert f'href="/visits/{visit.id}"' in response.get_data(as_text=True)
    assert "The visit" in text_of(response)


def test_unknown_delegations_are_not_found(staff_client):
    assert staff_client.get("/delegations/999").status_code == 404
    assert staff_client.get("/delegations/999/edit").status_code == 404
    assert staff_client.get("/delegations/abc").status_code == 404
    assert staff_client.post("/delegations/999/members", data={}).status_code == 404


def test_the_page_loads_in_a_fixed_number_of_queries(
    staff_client, db, make_delegation, count_queries
):
    def people(n: int, start: int = 0) -> list:
        return [Person(full_name=LocalizedText(ru=f"Участник {start + i}")) for i in range(n)]

    one = make_delegation(*people(1))
    many = make_delegation(*people(12, 100), name=LocalizedText(ru="Большая делегация"))
    one_url, many_url = f"/delegations/{one.id}", f"/delegations/{many.id}"
    staff_client.get(one_url)  # warm up: the signed-in user's session
    db.session.expunge_all()
    with count_queries() as few:
        staff_client.get(one_url)
    db.session.expunge_all()
    with count_queries() as more:
        response = staff_client.get(many_url)
    assert "Участник 111" in text_of(response)
    assert len(more) == len(few), "\n\n".join(more)
