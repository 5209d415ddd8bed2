"""The visit form picks the host organization and the liaison officer by typing
(visits/web/picker.py): no choice per person or organization, the same queries at any
size, a typed name resolved on save (one exact, or a message and nothing saved)."""

from sqlalchemy import func, select

from tests.events.conftest import text_of
from tests.visits.test_editing import FORM
from visits.models import LocalizedText, Organization, Person, Visit


def add_records(db, count: int, prefix: str) -> None:
    db.session.add_all(Person(full_name=LocalizedText(ru=f"{prefix} {n}")) for n in range(count))
    db.session.add_all(
        Organization(name=LocalizedText(ru=f"{prefix}-орг {n}")) for n in range(count)
    )
    db.session.commit()


def test_the_form_lists_nobody_and_costs_the_same_at_any_size(
    staff_client, db, make_visit, count_queries
):
    url = f"/visits/{make_visit().id}/edit"
    add_records(db, 2, "Гость")
    db.session.expire_all()
    with count_queries() as small:
        few = staff_client.get(url).text
    add_records(db, 12, "Участник")
    db.session.expire_all()
    with count_queries() as big:
        many = staff_client.get(url).text
    assert len(big) == len(small)
    assert "Гость" not in few and "Участник" not in many


def test_typed_names_are_resolved_on_save(staff_client, db):
    add_records(db, 2, "Гость")
    db.session.add(Person(full_name=LocalizedText(ru="Гость 1")))  # a namesake
    db.session.commit()
    typed = {"host_organization_name": "гость-орг 1", "liaison_officer_name": "Гость 1"}
    refused = staff_client.post("/visits/new", data=FORM | typed, headers={"Accept-Language": "en"})
    assert refused.status_code == 422
    assert "Several are named «Гость 1»" in text_of(refused)
    assert db.session.scalar(select(func.count()).select_from(Visit)) == 0

    saved = staff_client.post(
        "/visits/new", data=FORM | typed | {"liaison_officer_name": "Гость 0"}
    )
    assert saved.status_code == 302
    visit = db.session.scalar(select(Visit))
    assert visit.host_organization.name.ru == "Гость-орг 1"
    assert visit.liaison_officer.full_name.ru == "Гость 0"
