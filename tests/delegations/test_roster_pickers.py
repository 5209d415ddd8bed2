"""The roster's forms pick people and organizations by typing (visits/web/picker.py): the
page holds no choice per person or organization and costs the same queries at any size;
without script a typed name is resolved on save, or refused with a message."""

from sqlalchemy import func, select

from tests.delegations.conftest import text_of
from visits.models import DelegationMember, LocalizedText, Organization, Person


def add_records(db, count: int, prefix: str) -> None:
    db.session.add_all(
        Person(full_name=LocalizedText(ru=f"{prefix} {n:02d}")) for n in range(count)
    )
    db.session.add_all(
        Organization(name=LocalizedText(ru=f"{prefix}-орг {n}")) for n in range(count)
    )
    db.session.commit()


def test_the_roster_page_lists_nobody_and_costs_the_same_at_any_size(
    staff_client, db, make_delegation, count_queries
):
    delegation = make_delegation()
    url = f"/delegations/{delegation.id}"
    add_records(db, 2, "Гость")
    db.session.expire_all()
    with count_queries() as small:
        few = staff_client.get(url).text
    add_records(db, 12, "Участник")
    db.session.expire_all()
    with count_queries() as big:
        many = staff_client.get(url).text
    assert len(big) == len(small)
    # Each form's one select is the role's.
    add_member = many.split('id="add-member"')[1].split("</form>")[0]
    add_several = many.split('id="add-several"')[1].split("</form>")[0]
    assert add_member.count("<select") == 1 and add_several.count("<select") == 1
    assert "Гость" not in few and "Участник" not in many
    assert 'data-search-url="/people/search"' in many and "js/picker.js" in many


def members(db) -> int:
    return db.session.scalar(select(func.count()).select_from(DelegationMember))


def test_a_typed_name_is_added_when_it_names_one_record(staff_client, db, make_delegation):
    delegation = make_delegation()
    add_records(db, 2, "Гость")
    response = staff_client.post(
        f"/delegations/{delegation.id}/members",
        data={"person_id": "", "person_name": " гость  01 ", "organization_name": "",
              "role": "member"},
    )  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert [m.display_name.ru for m in delegation.members] == ["Гость 01"]


def test_an_ambiguous_name_is_refused_with_the_namesakes(staff_client, db, make_delegation):
    delegation = make_delegation()
    db.session.add_all(
        Person(full_name=LocalizedText(ru="Иванов Иван"), position=LocalizedText(ru=post))
        for post in ("министр", "посол")
    )
    db.session.commit()
    response = staff_client.post(
        f"/delegations/{delegation.id}/members",
        data={"person_name": "Иванов Иван", "role": "member"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    text = text_of(response)
    assert "Several are named «Иванов Иван»" in text and "Иванов Иван (посол)" in text
    assert 'name="person_name" type="text" value="Иванов Иван"' in response.text
    assert members(db) == 0


def test_the_pasted_list_takes_the_organization_typed(staff_client, db, make_delegation):
    delegation = make_delegation()
    ministry = Organization(name=LocalizedText(ru="МИД", en="MFA"))
    db.session.add(ministry)
    db.session.commit()
    url = f"/delegations/{delegation.id}/members/several"
    data = {"several-lines": "Новиков Пётр", "several-role": "member", "several-groups": ""}
    refused = staff_client.post(
        url, data={**data, "several-organization_name": "Минфин"},
        headers={"Accept-Language": "en"},
    )  # fmt: skip
    assert refused.status_code == 422
    assert "No organization or group is named «Минфин»" in text_of(refused)
    assert members(db) == 0
    assert (
        staff_client.post(url, data={**data, "several-organization_name": "mfa"}).status_code == 302
    )
    db.session.expire_all()
    assert delegation.members[0].person.organization_id == ministry.id
