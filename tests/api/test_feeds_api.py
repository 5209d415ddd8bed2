"""The feeds resource: issue a secret calendar link, read its addresses, change its settings
against those read, revoke and rotate it."""

import json
from datetime import date, time
from urllib.parse import urlsplit

from visits.models import FeedToken, LocalizedText, Person, Venue

from .conftest import assert_problem, pointers

URL = "/api/v1/feeds/"


def feed_body(visit, **overrides):
    return {"visit_id": visit.id, "scope": "visit", "label": "Делегация"} | overrides


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_issue_serve_and_revoke(api, client, make_visit, make_event):
    visit = make_visit()
    make_event(visit, date(2025, 4, 21), time(10), time(11), title=LocalizedText(ru="Встреча"))
    created = api.post(URL, json=feed_body(visit, reminder_minutes=30, language="en"))
    assert created.status_code == 201, created.get_json()
    feed = created.get_json()
    assert feed["home_timezone"] == "Asia/Barnaul"  # the delegation's, as the form offers
    assert feed["revoked"] is False and feed["revoked_at"] is None
    links = feed["links"]
    assert links["feed"].endswith(f"/feeds/{feed['token']}.ics")
    assert links["webcal"].startswith("webcal://")
    assert links["subscribe"].endswith(f"/feeds/{feed['token']}")
    calendar = client.get(path_of(links["feed"]))
    assert calendar.status_code == 200 and calendar.content_type.startswith("text/calendar")
    assert b"BEGIN:VEVENT" in calendar.data and "Встреча" in calendar.get_data(as_text=True)
    assert client.get(path_of(links["subscribe"])).status_code == 200
    read = api.get(f"{URL}{feed['id']}").get_json()
    assert read["last_used_at"] is not None  # the poll above
    assert read | {"last_used_at": None} == feed

    revoked = api.post(f"{URL}{feed['id']}/revoke")
    assert revoked.status_code == 200 and revoked.get_json()["revoked"] is True
    assert revoked.get_json()["links"] is None
    assert client.get(path_of(links["feed"])).status_code == 404
    assert client.get(path_of(links["subscribe"])).status_code == 404
    assert_problem(api.post(f"{URL}{feed['id']}/revoke"), 409)
    assert api.delete(f"{URL}{feed['id']}").status_code == 204  # again: nothing to do


def test_delete_revokes(api, db, make_visit):
    feed = api.post(URL, json=feed_body(make_visit())).get_json()
    assert api.delete(f"{URL}{feed['id']}").status_code == 204
    assert db.session.get(FeedToken, feed["id"]).is_revoked
    assert_problem(api.delete(f"{URL}999"), 404)


def test_rotate(api, client, make_visit):
    old = api.post(URL, json=feed_body(make_visit(), label="Гид", home_timezone=None)).get_json()
    rotated = api.post(f"{URL}{old['id']}/rotate")
    assert rotated.status_code == 201, rotated.get_json()
    new = rotated.get_json()
    assert new["id"] != old["id"] and new["token"] != old["token"]
    assert new["label"] == "Гид" and new["home_timezone"] is None
    assert client.get(path_of(old["links"]["feed"])).status_code == 404
    assert client.get(path_of(new["links"]["feed"])).status_code == 200
    assert_problem(api.post(f"{URL}{old['id']}/rotate"), 409)


def test_person_and_venue_scopes(api, db, make_visit):
    visit = make_visit()
    guest = Person(full_name=LocalizedText(ru="Гость"))
    hall = Venue(name=LocalizedText(ru="Зал"))
    db.session.add_all([guest, hall])
    db.session.commit()
    person = api.post(URL, json=feed_body(visit, scope="person", person_id=guest.id,
                                          include_public=False))  # fmt: skip
    assert person.status_code == 201 and person.get_json()["include_public"] is False
    venue = api.post(URL, json=feed_body(visit, scope="venue", venue_id=hall.id))
    assert venue.status_code == 201 and venue.get_json()["venue_id"] == hall.id
    refusals = {
        "/person_id": feed_body(visit, scope="person"),
        "/venue_id": feed_body(visit, scope="visit", venue_id=hall.id),
    }
    for pointer, body in refusals.items():
        assert pointers(assert_problem(api.post(URL, json=body), 422)) == {pointer}
    unknown = feed_body(visit, scope="person", person_id=999)
    assert pointers(assert_problem(api.post(URL, json=unknown), 422)) == {"/person_id"}
    unknown = feed_body(visit, visit_id=999)
    assert pointers(assert_problem(api.post(URL, json=unknown), 422)) == {"/visit_id"}


def test_list_filters_and_pagination(api, db, make_visit):
    visit, other = make_visit(), make_visit()
    guest = Person(full_name=LocalizedText(ru="Гость"))
    db.session.add(guest)
    db.session.commit()
    ids = [api.post(URL, json=feed_body(visit, label=f"Ссылка {n}")).get_json()["id"]
           for n in range(3)]  # fmt: skip
    mine = api.post(URL, json=feed_body(other, scope="person", person_id=guest.id)).get_json()
    api.delete(f"{URL}{ids[0]}")

    def listed(**query):
        response = api.get(URL, query_string=query)
        assert response.status_code == 200, response.get_json()
        return [item["id"] for item in response.get_json()["items"]]

    assert listed(visit=visit.id) == [ids[2], ids[1], ids[0]]  # live first, newest first
    assert listed(visit=visit.id, revoked="true") == [ids[0]]
    assert listed(visit=visit.id, revoked="false") == [ids[2], ids[1]]
    assert listed(person=guest.id) == [mine["id"]]
    page = api.get(URL, query_string={"per_page": 2, "page": 2}).get_json()
    assert page["total"] == 4 and len(page["items"]) == 2
    assert_problem(api.get(URL, query_string={"revoked": "perhaps"}), 422)


def test_field_errors_are_named(api, db, make_visit):
    visit = make_visit()
    body = feed_body(visit, label="  ", language="de", home_timezone="Mars/Olympus",
                     reminder_minutes=5000, scope="city")  # fmt: skip
    problem = assert_problem(api.post(URL, json=body), 422)
    assert {"/label", "/language", "/home_timezone", "/reminder_minutes", "/scope"} <= pointers(
        problem
    )
    assert pointers(assert_problem(api.post(URL, json=feed_body(visit, label="x" * 201)), 422)) == {
        "/label"
    }
    raw = json.dumps(feed_body(visit, label="\ud83d"))
    problem = assert_problem(api.post(URL, data=raw, content_type="application/json"), 422)
    assert pointers(problem) == {"/label"}
    assert db.session.query(FeedToken).count() == 0


def test_settings_change_against_those_read(api, make_visit):
    feed = api.post(URL, json=feed_body(make_visit())).get_json()
    names = ("label", "language", "home_timezone", "reminder_minutes", "include_public")
    read = {key: feed[key] for key in names}
    change = {**read, "label": "Глава делегации", "reminder_minutes": 60, "loaded": read}
    changed = api.put(f"{URL}{feed['id']}", json=change)
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["label"] == "Глава делегации"
    assert changed.get_json()["reminder_minutes"] == 60
    assert changed.get_json()["token"] == feed["token"]
    # The same change again, from settings no longer current: refused.
    assert_problem(api.put(f"{URL}{feed['id']}", json={**change, "label": "Гид"}), 409)
    assert api.get(f"{URL}{feed['id']}").get_json()["label"] == "Глава делегации"
    missing = assert_problem(api.put(f"{URL}{feed['id']}", json=read), 422)
    assert "/loaded" in pointers(missing)
    assert_problem(api.put(f"{URL}999", json=change), 404)


def test_viewer_reads_but_does_not_write(api, viewer_api, db, make_visit):
    visit = make_visit()
    feed = api.post(URL, json=feed_body(visit)).get_json()
    listed, read = viewer_api.get(URL), viewer_api.get(f"{URL}{feed['id']}")
    assert listed.status_code == 200 and read.status_code == 200
    # Who has a link, yes; the secret and the addresses that carry it, no.
    for seen in (listed.get_json()["items"][0], read.get_json()):
        assert seen["label"] == "Делегация" and "token" not in seen and "links" not in seen
    assert feed["token"] not in listed.get_data(as_text=True) + read.get_data(as_text=True)
    assert_problem(viewer_api.post(URL, json=feed_body(visit)), 403)
    assert_problem(viewer_api.post(f"{URL}{feed['id']}/revoke"), 403)
    assert_problem(viewer_api.post(f"{URL}{feed['id']}/rotate"), 403)
    assert_problem(viewer_api.delete(f"{URL}{feed['id']}"), 403)
    assert db.session.query(FeedToken).count() == 1
    assert not db.session.query(FeedToken).one().is_revoked


def test_a_person_link_chooses_how_its_holder_is_kept_up_to_date(api, db, make_visit):
    visit = make_visit()
    guest = Person(full_name=LocalizedText(ru="Гость"))
    db.session.add(guest)
    db.session.commit()
    body = feed_body(visit, scope="person", person_id=guest.id)
    assert api.post(URL, json=body).get_json()["delivery"] == "subscription"  # by default
    invited = api.post(URL, json=body | {"delivery": "invitations"})
    assert invited.status_code == 201 and invited.get_json()["delivery"] == "invitations"
    wrong = api.post(URL, json=body | {"delivery": "pigeon"})
    assert pointers(assert_problem(wrong, 422)) == {"/delivery"}
    # A visit's link has no holder to write to: always the subscription alone.
    whole = api.post(URL, json=feed_body(visit) | {"delivery": "notice"})
    assert whole.get_json()["delivery"] == "subscription"
