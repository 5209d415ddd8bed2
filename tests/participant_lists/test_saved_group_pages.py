"""The saved group pages: list, create, change (with its version), delete."""

import pytest
from sqlalchemy import func, select

from tests.events.conftest import rows
from tests.html_forms import form_fields
from visits.models import (
    LocalizedText,
    Organization,
    ParticipantList,
    ParticipantListEntry,
    Person,
)


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def members(db):
    orchestra = Organization(name=LocalizedText(ru="Оркестр «Сибирь»"))
    soloist = Person(full_name=LocalizedText(ru="Солист"))
    conductor = Person(full_name=LocalizedText(ru="Дирижёр"))
    db.session.add_all([orchestra, soloist, conductor])
    db.session.commit()
    return orchestra, soloist, conductor


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_saved_group_is_created_in_the_order_given(staff_client, db, members):
    orchestra, soloist, _conductor = members
    data = {"name_ru": "Оркестр «Сибирь» с солистами"} | rows(
        (None, orchestra.id, "performer", "guest"), (soloist.id, None, "performer", "host")
    )
    page = staff_client.post("/saved-groups/new", data=data)
    assert page.status_code == 302
    saved = db.session.scalars(select(ParticipantList)).one()
    assert [(e.organization_id, e.person_id) for e in saved.entries] == [
        (orchestra.id, None),
        (None, soloist.id),
    ]
    listing = staff_client.get("/saved-groups/")
    assert "Оркестр «Сибирь» с солистами" in listing.text and "Солист" in listing.text


def test_someone_twice_is_refused_on_their_row_and_nothing_saved(staff_client, db, members):
    _orchestra, soloist, _conductor = members
    data = {"name_ru": "Свита"} | rows(
        (soloist.id, None, "guest", "guest"), (soloist.id, None, "guest", "guest")
    )
    page = staff_client.post("/saved-groups/new", data=data)
    assert page.status_code == 422
    assert "Already listed above." in page.text
    assert count(db, ParticipantList) == 0


def test_more_rows_keeps_what_was_typed(staff_client, db, members):
    fields = form_fields(staff_client.get("/saved-groups/new").text)  # five blank rows
    page = staff_client.post("/saved-groups/new", data=fields | {"name_ru": "Свита", "add": "rows"})
    assert page.status_code == 200 and count(db, ParticipantList) == 0
    fields = form_fields(page.text)
    assert fields["name_ru"] == "Свита" and "participants-9-person_id" in fields


def saved_group(db, *people):
    saved = ParticipantList(name=LocalizedText(ru="Свита"))
    saved.entries = [
        ParticipantListEntry(person_id=p.id, role="guest", side="guest", position=n)
        for n, p in enumerate(people)
    ]
    db.session.add(saved)
    db.session.commit()
    return saved


def test_an_edit_reorders_the_rows_and_a_stale_one_is_refused(staff_client, db, members):
    _orchestra, soloist, conductor = members
    saved = saved_group(db, soloist, conductor)
    url = f"/saved-groups/{saved.id}/edit"
    fields = form_fields(staff_client.get(url).text)
    assert fields["participants-0-person_id"] == str(soloist.id)
    ids_only = {k: v for k, v in fields.items() if not k.endswith("_name")}  # as a script posts
    swapped = ids_only | rows(
        (conductor.id, None, "guest", "guest"), (soloist.id, None, "guest", "guest")
    )
    assert staff_client.post(url, data=swapped).status_code == 302
    db.session.expire_all()
    assert [e.person_id for e in saved.entries] == [conductor.id, soloist.id]
    assert staff_client.post(url, data=swapped).status_code == 409  # loaded before that save


def test_a_saved_group_is_deleted_after_asking(staff_client, db, members):
    saved = saved_group(db, members[1])
    url = f"/saved-groups/{saved.id}/delete"
    assert "Events keep the participants it added." in staff_client.get(url).text
    assert staff_client.post(url).status_code == 302
    assert count(db, ParticipantList) == 0 and count(db, ParticipantListEntry) == 0


def test_viewers_see_a_saved_group_but_cannot_change_it(viewer_client, db, members):
    saved = saved_group(db, members[1])
    page = viewer_client.get(f"/saved-groups/{saved.id}/edit")
    assert page.status_code == 200 and "Солист" in page.text
    assert viewer_client.post(f"/saved-groups/{saved.id}/delete").status_code == 403
    assert viewer_client.get("/saved-groups/new").status_code == 403
