"""The venues resource: list, get, create, update with the version, delete."""

from visits.models import LocalizedText, Venue

from .conftest import assert_problem, pointers

URL = "/api/v1/venues/"


def venue_body(**overrides):
    return {
        "name": {"ru": "Дворец", "kk": "Сарай", "en": "Palace"},
        "address": {"ru": "ул. Ушанова, 64"},
        "latitude": 49.95,
        "longitude": 82.61,
        "capacity": 900,
    } | overrides


def test_create_get_and_list(api):
    created = api.post(URL, json=venue_body())
    assert created.status_code == 201, created.get_json()
    venue = created.get_json()
    assert venue["name"] == {"ru": "Дворец", "kk": "Сарай", "en": "Palace"}
    assert venue["version"] == 1 and venue["latitude"] == 49.95
    assert api.get(f"{URL}{venue['id']}").get_json() == venue
    page = api.get(URL, query_string={"q": "двор"}).get_json()
    assert page["total"] == 1 and page["items"][0]["id"] == venue["id"]
    assert api.get(URL, query_string={"q": "nothing"}).get_json()["total"] == 0


def test_pagination(api, db):
    db.session.add_all(Venue(name=LocalizedText(ru=f"Зал {n:02}")) for n in range(7))
    db.session.commit()
    page = api.get(URL, query_string={"per_page": 3, "page": 3}).get_json()
    assert page["total"] == 7 and page["page"] == 3 and len(page["items"]) == 1
    assert_problem(api.get(URL, query_string={"per_page": 1000}), 422)


def test_field_errors_are_named(api, db):
    body = assert_problem(
        api.post(URL, json=venue_body(name={"kk": "Сарай"}, capacity=0, latitude=91)), 422
    )
    assert {"/name/ru", "/capacity", "/latitude"} <= pointers(body)
    body = assert_problem(api.post(URL, json=venue_body(latitude=None)), 422)
    assert "coordinates" in body["errors"][0]["detail"]
    assert db.session.query(Venue).count() == 0


def test_malformed_json_and_nul(api):
    response = api.post(URL, data="{not json", content_type="application/json")
    assert_problem(response, 400)
    assert_problem(api.post(URL, json=venue_body(notes="a\x00b")), 422)


def test_update_needs_the_current_version(api):
    venue = api.post(URL, json=venue_body()).get_json()
    changed = api.put(f"{URL}{venue['id']}", json=venue_body(capacity=1000, version=1))
    assert changed.status_code == 200 and changed.get_json()["version"] == 2
    stale = assert_problem(api.put(f"{URL}{venue['id']}", json=venue_body(version=1)), 409)
    assert stale["current_version"] == 2
    assert api.get(f"{URL}{venue['id']}").get_json()["capacity"] == 1000
    missing = assert_problem(api.put(f"{URL}{venue['id']}", json=venue_body()), 422)
    assert "/version" in pointers(missing)


def test_a_venue_is_a_hall_unless_it_is_said_to_be_a_shared_space(api, db):
    hall = api.post(URL, json=venue_body()).get_json()
    assert hall["shared"] is False
    square = api.post(URL, json=venue_body(name={"ru": "Площадь"}, shared=True)).get_json()
    assert square["shared"] is True
    assert api.get(f"{URL}{square['id']}").get_json()["shared"] is True
    changed = api.put(f"{URL}{hall['id']}", json=venue_body(shared=True, version=1))
    assert changed.status_code == 200 and changed.get_json()["shared"] is True
    assert db.session.get(Venue, hall["id"]).shared is True
    body = assert_problem(api.post(URL, json=venue_body(shared="perhaps")), 422)
    assert "/shared" in pointers(body)


def test_the_openapi_document_describes_shared_spaces(api):
    schema = api.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Venue"]
    assert schema["properties"]["shared"]["type"] == "boolean"
    assert "shared space" in schema["properties"]["shared"]["description"]


def test_delete(api, make_visit, make_event):
    venue = api.post(URL, json=venue_body()).get_json()
    assert_problem(api.delete(f"{URL}{venue['id']}", query_string={"version": 7}), 409)
    assert api.delete(f"{URL}{venue['id']}").status_code == 204
    assert_problem(api.get(f"{URL}{venue['id']}"), 404)


def test_a_used_venue_is_not_deleted(api, db, make_visit, make_event):
    from datetime import date, time

    venue = Venue(name=LocalizedText(ru="Зал"))
    db.session.add(venue)
    visit = make_visit()
    make_event(visit, date(2025, 4, 21), time(10), time(11), venue=venue)
    assert_problem(api.delete(f"{URL}{venue.id}"), 409)


def test_viewer_reads_but_does_not_write(viewer_api, db):
    assert viewer_api.get(URL).status_code == 200
    assert_problem(viewer_api.post(URL, json=venue_body()), 403)
    assert db.session.query(Venue).count() == 0


def test_json_too_deep_or_with_too_long_a_number_is_a_problem(api):
    deep = "[" * 100_000 + "]" * 100_000
    body = assert_problem(api.post(URL, data=deep, content_type="application/json"), 400)
    assert body["detail"] == "The JSON body is nested too deeply to be read."
    long_number = '{"capacity": 1' + "0" * 5000 + "}"
    body = assert_problem(api.post(URL, data=long_number, content_type="application/json"), 400)
    assert body["detail"] == "The JSON body holds a number too long to be read."
