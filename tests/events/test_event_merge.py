"""Two staff editing one event: the later save is merged with the earlier one, field by
field, and the user settles what both changed; nothing of either is silently lost."""

from datetime import date, time

import pytest

from tests.conftest import sign_in
from tests.events.conftest import rows, text_of
from tests.html_forms import form_fields
from visits.models import Event, Role


@pytest.fixture
def colleague(app, make_user):
    """A second member of staff, in their own browser (a client of their own)."""
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    sign_in(other, make_user(Role.EDITOR, "colleague@example.org"))
    return other


@pytest.fixture
def event(make_visit, make_event):
    return make_event(make_visit(), date(2025, 4, 21), time(10), time(11))


def opened(client, event: Event) -> dict[str, str]:
    """The event's form as a browser loaded it, to be changed and posted."""
    page = client.get(f"/events/{event.id}/edit")
    assert page.status_code == 200
    return form_fields(page.get_data(as_text=True))


def stored(db, event: Event) -> Event:
    db.session.expire_all()
    return db.session.get(Event, event.id)


def test_the_colleagues_title_and_the_users_venue_both_survive(
    staff_client, colleague, db, event, cast
):
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    assert colleague.post(url, data=theirs | {"title_ru": "Встреча с акимом"}).status_code == 302

    venue = cast.venues[1]
    refused = staff_client.post(url, data=mine | {"venue_id": str(venue.id)})
    assert refused.status_code == 409
    text = text_of(refused)
    assert "A colleague saved this record after you opened it." in text
    assert "Your colleague's changes are now in the form: Title (RU) : Встреча с акимом" in text
    assert "colleague@example.org" in text
    assert "Your changes are kept: Venue : Ертіс концерт" in text
    assert "Nothing conflicts" in text
    assert stored(db, event).venue_id is None  # nothing saved without the user's word

    merged = form_fields(refused.get_data(as_text=True))
    assert merged["title_ru"] == "Встреча с акимом" and merged["venue_id"] == str(venue.id)
    assert merged["version_id"] == str(stored(db, event).version_id)
    assert staff_client.post(url, data=merged).status_code == 302
    saved = stored(db, event)
    assert saved.title.ru == "Встреча с акимом" and saved.venue_id == venue.id


@pytest.mark.parametrize(("choice", "title"), [("mine", "Встреча в акимате"), ("theirs", "Приём")])
def test_a_title_both_changed_is_chosen_and_nothing_else_is_lost(
    staff_client, colleague, db, event, choice, title
):
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    colleague_change = {"title_ru": "Приём", "dress_code_ru": "Деловой"}
    assert colleague.post(url, data=theirs | colleague_change).status_code == 302

    my_change = {"title_ru": "Встреча в акимате", "internal_notes": "Машины к 9:30"}
    refused = staff_client.post(url, data=mine | my_change)
    assert refused.status_code == 409
    text = text_of(refused)
    assert "You both changed the fields below." in text
    assert "Yours Встреча в акимате" in text and "Your colleague's Приём" in text
    merged = form_fields(refused.get_data(as_text=True))
    assert "keep-title_ru" not in merged  # no side is chosen for the user
    assert merged["dress_code_ru"] == "Деловой" and merged["internal_notes"] == "Машины к 9:30"

    unchosen = staff_client.post(url, data=merged)
    assert unchosen.status_code == 422
    assert "Choose yours or your colleague's value." in text_of(unchosen)
    assert stored(db, event).internal_notes is None

    assert staff_client.post(url, data=merged | {"keep-title_ru": choice}).status_code == 302
    saved = stored(db, event)
    assert saved.title.ru == title
    assert saved.dress_code.ru == "Деловой" and saved.internal_notes == "Машины к 9:30"


def test_the_old_form_posted_again_is_refused_again(staff_client, colleague, db, event):
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    assert colleague.post(url, data=theirs | {"title_ru": "Приём"}).status_code == 302
    for _ in range(2):  # resubmitting the stale page never overwrites the colleague
        assert staff_client.post(url, data=mine | {"vehicles": "2 машины"}).status_code == 409
    assert stored(db, event).title.ru == "Приём"


def test_the_colleagues_participants_are_taken_when_the_user_left_them(
    staff_client, colleague, db, event, cast
):
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    added = rows(
        (cast.people[0].id, None, "host", "host"), (cast.people[1].id, None, "guest", "guest")
    )
    assert colleague.post(url, data=theirs | added).status_code == 302

    refused = staff_client.post(url, data=mine | {"title_ru": "Встреча с акимом"})
    assert refused.status_code == 409
    assert "Participants: Аким (host); Снесарь (guest)" in text_of(refused)
    merged = form_fields(refused.get_data(as_text=True))
    assert staff_client.post(url, data=merged).status_code == 302
    saved = stored(db, event)
    assert saved.title.ru == "Встреча с акимом"
    assert [p.person_id for p in saved.participants] == [cast.people[0].id, cast.people[1].id]


def test_participants_both_changed_are_chosen_as_a_whole(staff_client, colleague, db, event, cast):
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    assert colleague.post(url, data=theirs | rows((cast.people[0].id, None, "host", "host")))
    refused = staff_client.post(url, data=mine | rows((cast.people[2].id, None, "guest", "guest")))
    assert refused.status_code == 409
    merged = form_fields(refused.get_data(as_text=True))
    saved = staff_client.post(url, data=merged | {"keep-participants": "theirs"})
    assert saved.status_code == 302
    assert [p.person_id for p in stored(db, event).participants] == [cast.people[0].id]


def test_a_time_both_changed_is_one_choice_of_the_whole_slot(staff_client, colleague, db, event):
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    moved = {"start_time": "14:00", "end_time": "15:00"}
    assert colleague.post(url, data=theirs | moved).status_code == 302
    refused = staff_client.post(url, data=mine | {"end_time": "11:30"})
    assert refused.status_code == 409
    text = text_of(refused)
    assert "Yours 21.04.2025 10:00–11:30" in text
    assert "Your colleague's 21.04.2025 14:00–15:00" in text


def test_a_forged_record_of_what_was_loaded_makes_every_difference_a_question(
    staff_client, colleague, db, event
):
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    assert colleague.post(url, data=theirs | {"title_ru": "Приём"}).status_code == 302
    forged = mine | {"loaded": mine["loaded"][:-3] + "abc", "vehicles": "2 машины"}
    refused = staff_client.post(url, data=forged)
    assert refused.status_code == 409
    text = text_of(refused)
    assert "every field where your value differs from your colleague's is asked" in text
    assert "Yours Встреча" in text and "Your colleague's Приём" in text


def test_a_merge_over_a_third_save_starts_from_the_merged_version(
    staff_client, colleague, db, event
):
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    assert colleague.post(url, data=theirs | {"title_ru": "Приём"}).status_code == 302
    refused = staff_client.post(url, data=mine | {"vehicles": "2 машины"})
    merged = form_fields(refused.get_data(as_text=True))
    again = opened(colleague, event)
    assert colleague.post(url, data=again | {"internal_notes": "Флаги"}).status_code == 302

    second = staff_client.post(url, data=merged)
    assert second.status_code == 409
    assert (
        staff_client.post(url, data=form_fields(second.get_data(as_text=True))).status_code == 302
    )
    saved = stored(db, event)
    assert (saved.title.ru, saved.internal_notes, saved.vehicles) == ("Приём", "Флаги", "2 машины")


def test_a_form_posted_back_unchanged_shows_no_change_of_the_user(
    staff_client, colleague, db, event
):
    """What the page shows and what the browser posts back compare equal, field by field."""
    url = f"/events/{event.id}/edit"
    mine, theirs = opened(staff_client, event), opened(colleague, event)
    assert colleague.post(url, data=theirs | {"title_ru": "Приём"}).status_code == 302
    text = text_of(staff_client.post(url, data=mine))
    assert "Your changes are kept" not in text and "You both changed" not in text
