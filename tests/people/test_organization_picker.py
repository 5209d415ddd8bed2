"""The person form picks the organization by typing (visits/web/picker.py): no choice per
organization, the same queries at any size, a typed name resolved on save (one exact, or a
message), and a colleague's choice merged as one field."""

from tests.conftest import sign_in
from tests.events.conftest import text_of
from tests.html_forms import form_fields
from visits.models import LocalizedText, Organization, Person, Role


def add_organizations(db, count: int, prefix: str) -> None:
    db.session.add_all(Organization(name=LocalizedText(ru=f"{prefix} {n}")) for n in range(count))
    db.session.commit()


def test_the_form_lists_no_organization_and_costs_the_same_at_any_size(
    staff_client, db, count_queries
):
    person = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    db.session.add(person)
    add_organizations(db, 2, "Акимат")
    pages = []
    for more in (0, 10):
        add_organizations(db, more, "Министерство")
        db.session.expire_all()
        with count_queries() as queries:
            page = staff_client.get(f"/people/{person.id}/edit").text
        pages.append((len(queries), page))
    assert pages[0][0] == pages[1][0]
    assert "Акимат" not in pages[0][1] and "Министерство" not in pages[1][1]


def test_a_typed_name_naming_two_organizations_is_refused(staff_client, db):
    add_organizations(db, 2, "МИД")
    db.session.add(Organization(name=LocalizedText(ru="МИД 1")))  # a namesake of «МИД 1»
    db.session.commit()
    data = {"full_name_ru": "Анна Иванова", "organization_name": "мид 1"}
    response = staff_client.post("/people/new", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "Several are named «мид 1»" in text_of(response)
    assert 'value="мид 1"' in response.text
    assert db.session.query(Person).count() == 0


def test_a_colleagues_organization_is_merged_with_the_users_change(
    staff_client, db, app, make_user
):
    ministry = Organization(name=LocalizedText(ru="МИД"))
    person = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    db.session.add_all([ministry, person])
    db.session.commit()
    colleague = app.test_client()
    sign_in(colleague, make_user(Role.EDITOR, "colleague@example.org"))
    url = f"/people/{person.id}/edit"
    mine = form_fields(staff_client.get(url).text)
    theirs = form_fields(colleague.get(url).text)
    assert colleague.post(url, data=theirs | {"organization_name": "МИД"}).status_code == 302

    refused = staff_client.post(url, data=mine | {"phone": "111"})
    assert refused.status_code == 409
    merged = form_fields(refused.text)
    assert (merged["organization_id"], merged["organization_name"]) == (str(ministry.id), "МИД")
    assert staff_client.post(url, data=merged).status_code == 302
    db.session.expire_all()
    assert (person.organization_id, person.phone) == (ministry.id, "111")
