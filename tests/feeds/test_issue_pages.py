"""Staff pages of calendar links: issuing them and the lists of a visit and of a person."""

import re
from datetime import UTC, datetime

import pytest

from tests.feeds.helpers import count, form_data, text_of, tokens
from visits.models import FeedScope, LocalizedText, Person, Venue

pytestmark = pytest.mark.usefixtures("english")


# Issuing


def test_the_form_lists_the_visits_people_and_a_picker_for_anyone_else(staff_client, db, scene):
    visit = scene["visit"]
    db.session.add(Person(full_name=LocalizedText(ru="Аким")))
    db.session.commit()
    page = staff_client.get(f"/visits/{visit.id}/feeds/new")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'value="Asia/Barnaul"' in html
    listed = html.index('name="visit_person_id"')
    assert listed < html.index("Vitaly Snesar") < html.index('name="person_name"')
    assert "Аким" not in html  # no option per person of the office
    assert 'data-search-url="/people/search"' in html
    assert html.count('name="person_id"') == 1
    assert "js/picker.js" in html
    assert '<optgroup label="Used by this visit">' in html
    assert '<datalist id="reminder-presets">' in html


def test_the_form_asks_as_many_queries_for_many_people_outside_the_visit_as_for_few(
    staff_client, db, scene, count_queries
):
    url = f"/visits/{scene['visit'].id}/feeds/new"

    def queries(outside: int) -> int:
        db.session.add_all(
            Person(full_name=LocalizedText(ru=f"Сотрудник {n}")) for n in range(outside)
        )
        db.session.commit()
        staff_client.get(url)
        with count_queries() as statements:
            html = staff_client.get(url).get_data(as_text=True)
        assert "Сотрудник" not in html
        return len(statements)

    assert queries(2) == queries(10)  # 2, then 12 people outside the visit


def test_a_typed_name_is_resolved_on_save(staff_client, db, scene):
    other = Person(full_name=LocalizedText(ru="Асель Нурланова", en="Assel Nurlanova"))
    db.session.add(other)
    db.session.commit()
    data = form_data(scope="person", person_name="  assel   NURLANOVA ")
    assert staff_client.post(f"/visits/{scene['visit'].id}/feeds/new", data=data).status_code == 302
    assert tokens(db)[0].person_id == other.id


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Асель", "Several are named «Асель»: Асель; Асель (Akim). Type one of them"),
        ("Нет такого", "No person is named «Нет такого»."),
    ],
)
def test_a_typed_name_naming_several_or_none_saves_nothing(staff_client, db, scene, typed, message):
    db.session.add_all(
        [
            Person(full_name=LocalizedText(ru="Асель")),
            Person(full_name=LocalizedText(ru="Асель"), position=LocalizedText(ru="Akim")),
        ]
    )
    db.session.commit()
    data = form_data(scope="person", person_name=typed)
    response = staff_client.post(f"/visits/{scene['visit'].id}/feeds/new", data=data)
    assert response.status_code == 422
    assert message in text_of(response)
    assert f'value="{typed}"' in response.get_data(as_text=True)
    assert count(db) == 0


def test_the_visits_person_and_another_typed_are_refused_together(staff_client, db, scene):
    db.session.add(Person(full_name=LocalizedText(ru="Посторонний")))
    db.session.commit()
    data = form_data(
        scope="person", visit_person_id=str(scene["person"].id), person_name="Посторонний"
    )
    response = staff_client.post(f"/visits/{scene['visit'].id}/feeds/new", data=data)
    assert response.status_code == 422
    assert "Choose one person: from the list of this visit or by name, not both." in text_of(
        response
    )
    assert count(db) == 0


def test_a_person_of_the_visit_is_chosen_from_its_list(staff_client, db, scene):
    data = form_data(scope="person", visit_person_id=str(scene["person"].id))
    assert staff_client.post(f"/visits/{scene['visit'].id}/feeds/new", data=data).status_code == 302
    assert tokens(db)[0].person_id == scene["person"].id


def test_a_visit_feed_is_issued(staff_client, db, scene):
    visit = scene["visit"]
    response = staff_client.post(f"/visits/{visit.id}/feeds/new", data=form_data())
    (token,) = tokens(db)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/visits/{visit.id}/feeds#feed-{token.id}")
    assert (token.scope, token.person_id, token.venue_id) == (FeedScope.VISIT, None, None)
    assert (token.label, token.language, token.home_timezone) == (
        "Head of delegation",
        "ru",
        "Asia/Barnaul",
    )
    assert token.reminder_minutes == 30
    assert len(token.token) >= 32 and token.revoked_at is None
    listing = staff_client.get(response.headers["Location"])
    assert "Calendar link for «Head of delegation» issued." in text_of(listing)
    assert f"/feeds/{token.token}.ics" in listing.get_data(as_text=True)


def test_a_person_feed_names_the_person(staff_client, db, scene):
    visit, person = scene["visit"], scene["person"]
    data = form_data(
        scope="person",
        person_id=str(person.id),
        venue_id=str(scene["venue"].id),
        include_public="",
        reminder_minutes="",
        home_timezone="asia/barnaul",
    )
    assert staff_client.post(f"/visits/{visit.id}/feeds/new", data=data).status_code == 302
    (token,) = tokens(db)
    assert (token.scope, token.person_id, token.venue_id) == (FeedScope.PERSON, person.id, None)
    assert token.include_public is False
    assert token.reminder_minutes is None
    assert token.home_timezone == "Asia/Barnaul"


def test_someone_outside_the_visit_can_be_chosen_too(staff_client, db, scene):
    other = Person(full_name=LocalizedText(ru="Посторонний"))
    db.session.add(other)
    db.session.commit()
    data = form_data(scope="person", person_id=str(other.id))
    assert staff_client.post(f"/visits/{scene['visit'].id}/feeds/new", data=data).status_code == 302
    assert tokens(db)[0].person_id == other.id


def test_a_venue_feed_names_the_venue(staff_client, db, scene):
    visit, venue = scene["visit"], scene["venue"]
    data = form_data(scope="venue", venue_id=str(venue.id), home_timezone="")
    assert staff_client.post(f"/visits/{visit.id}/feeds/new", data=data).status_code == 302
    (token,) = tokens(db)
    assert (token.scope, token.venue_id, token.home_timezone) == (FeedScope.VENUE, venue.id, None)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"label": "  "}, "Say whom the link is given to."),
        ({"label": "x" * 201}, "Field cannot be longer than 200 characters."),
        ({"scope": "person"}, "Choose the person whose programme this is."),
        ({"scope": "person", "person_id": "999999"}, "This person no longer exists."),
        ({"scope": "person", "person_id": "abc"}, "Choose the person whose programme this is."),
        (
            {"scope": "person", "visit_person_id": "999999"},
            "Choose a person of this visit from the list.",
        ),
        ({"scope": "venue"}, "Choose the venue whose events this shows."),
        ({"scope": "venue", "venue_id": "999999"}, "Choose a venue from the list."),
        ({"scope": "everything"}, "Choose what the calendar shows."),
        ({"home_timezone": "Asia/Nowhere"}, "Unknown time zone 'Asia/Nowhere'"),
        ({"reminder_minutes": "1441"}, "Enter minutes from 0 to 1440, or leave empty for none."),
        ({"reminder_minutes": "-5"}, "Enter minutes from 0 to 1440, or leave empty for none."),
        ({"reminder_minutes": "soon"}, "Not a valid integer value."),
        ({"language": "de"}, "Choose a language from the list."),
    ],
)
def test_bad_input_is_refused_beside_the_field(staff_client, db, scene, overrides, message):
    visit = scene["visit"]
    response = staff_client.post(f"/visits/{visit.id}/feeds/new", data=form_data(**overrides))
    assert response.status_code == 422
    page = text_of(response)
    assert message in page
    assert "Please correct the marked fields." in page
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert count(db) == 0


def test_the_users_input_is_kept_on_a_refusal(staff_client, scene):
    data = form_data(label="Переводчик", home_timezone="Asia/Nowhere", reminder_minutes="45")
    html = staff_client.post(f"/visits/{scene['visit'].id}/feeds/new", data=data).get_data(
        as_text=True
    )
    assert 'value="Переводчик"' in html
    assert 'value="Asia/Nowhere"' in html
    assert 'value="45"' in html


def test_an_unknown_visit_is_404(staff_client):
    assert staff_client.get("/visits/999/feeds").status_code == 404
    assert staff_client.get("/visits/999/feeds/new").status_code == 404
    assert staff_client.post("/visits/999/feeds/new", data=form_data()).status_code == 404
    assert staff_client.get("/feed-tokens/999/edit").status_code == 404
    assert staff_client.post("/feed-tokens/999/revoke").status_code == 404
    assert staff_client.get("/people/999/feeds").status_code == 404


# The list


def test_the_list_shows_every_scope_with_its_details(staff_client, db, scene, make_token):
    visit, person, venue = scene["visit"], scene["person"], scene["venue"]
    make_token(visit, label="Вся делегация", reminder_minutes=15, home_timezone="Asia/Barnaul")
    make_token(
        visit,
        scope=FeedScope.PERSON,
        person_id=person.id,
        label="Снесарь",
        language="en",
        last_used_at=datetime(2025, 4, 21, 4, 5, tzinfo=UTC),
    )
    make_token(
        visit,
        scope=FeedScope.VENUE,
        venue_id=venue.id,
        label="Зал",
        revoked_at=datetime(2025, 4, 20, 10, 0, tzinfo=UTC),
    )
    page = text_of(staff_client.get(f"/visits/{visit.id}/feeds"))
    assert "Вся делегация whole visit Russian home time: Barnaul 15 min" in page
    assert "Снесарь person: Vitaly Snesar" in page
    assert "English" in page
    assert "2025-04-21 09:05" in page  # the poll at 04:05 UTC in Almaty time
    assert "never" in page
    assert "Зал venue: «Ертіс концерт»" in page
    assert "revoked 2025-04-20 15:00" in page
    assert page.count("subscribe page") == 2  # the revoked one has no links


def test_the_list_takes_as_many_queries_for_many_links_as_for_few(
    staff_client, db, scene, make_token, count_queries
):
    visit = scene["visit"]

    def queries() -> int:
        staff_client.get(f"/visits/{visit.id}/feeds")
        with count_queries() as statements:
            assert staff_client.get(f"/visits/{visit.id}/feeds").status_code == 200
        return len(statements)

    make_token(visit, scope=FeedScope.PERSON, person_id=scene["person"].id)
    make_token(visit, scope=FeedScope.VENUE, venue_id=scene["venue"].id)
    few = queries()
    for n in range(12):
        person = Person(full_name=LocalizedText(ru=f"Участник {n}"))
        db.session.add(person)
        db.session.flush()
        make_token(visit, scope=FeedScope.PERSON, person_id=person.id, label=f"n{n}")
        make_token(visit, scope=FeedScope.VENUE, venue_id=scene["venue"].id, label=f"v{n}")
    assert queries() == few


def test_a_persons_page_lists_their_links_across_visits(
    staff_client, db, scene, make_visit, make_token
):
    person = scene["person"]
    other_visit = make_visit(title=LocalizedText(ru="Второй визит"))
    make_token(scene["visit"], scope=FeedScope.PERSON, person_id=person.id, label="Первая")
    make_token(other_visit, scope=FeedScope.PERSON, person_id=person.id, label="Вторая")
    make_token(scene["visit"], label="Чужая")
    response = staff_client.get(f"/people/{person.id}/feeds")
    page = text_of(response)
    assert "Calendar feeds of Vitaly Snesar" in page
    assert "Первая" in page and "Вторая" in page and "Второй визит" in page
    assert "Чужая" not in page
    html = response.get_data(as_text=True)
    # Issuing from here: a link per visit they take part in, with the person chosen.
    new = f"/visits/{scene['visit'].id}/feeds/new?person={person.id}&amp;back=person"
    assert new in html
    assert "back=person" in html


def test_issuing_from_a_persons_page_returns_there(staff_client, db, scene):
    visit, person = scene["visit"], scene["person"]
    url = f"/visits/{visit.id}/feeds/new?person={person.id}&back=person"
    form = staff_client.get(url).get_data(as_text=True)
    assert re.search(
        rf'<option selected value="{person.id}">|<option value="{person.id}" '
        r"selected>",
        form,
    )
    assert '<option selected value="person">' in form or 'value="person" selected' in form
    response = staff_client.post(url, data=form_data(scope="person", person_id=str(person.id)))
    (token,) = tokens(db)
    assert response.headers["Location"].endswith(f"/people/{person.id}/feeds#feed-{token.id}")


def test_venue_choices_put_the_visits_venues_first(staff_client, db, scene):
    db.session.add(Venue(name=LocalizedText(ru="Аэропорт")))
    db.session.commit()
    html = staff_client.get(f"/visits/{scene['visit'].id}/feeds/new").get_data(as_text=True)
    used = html.index('<optgroup label="Used by this visit">')
    assert used < html.index("«Ертіс концерт»") < html.index('<optgroup label="Other venues">')
    assert html.index('<optgroup label="Other venues">') < html.index("Аэропорт")
