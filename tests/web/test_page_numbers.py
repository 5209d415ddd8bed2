"""`?page=` on every list page: a number beyond any list is not found, never a 500."""

from tests.conftest import sign_in
from visits.models import Role

HUGE = "9223372036854775808"


def test_page_numbers_too_large_are_not_found(client, make_user, make_visit):
    sign_in(client, make_user(Role.ADMIN))
    visit = make_visit()
    lists = [
        "/people/",
        "/organizations/",
        "/venues/",
        "/delegations/",
        "/outbox/",
        f"/visits/{visit.id}/history",
        f"/visits/{visit.id}/feeds",
    ]
    for url in lists:
        assert client.get(f"{url}?page={HUGE}").status_code == 404, url
        assert client.get(f"{url}?page=100001").status_code == 404, url
        assert client.get(f"{url}?page=²").status_code == 200, url
        assert client.get(f"{url}?page=1").status_code == 200, url


def test_ids_too_large_in_the_query_are_not_a_500(client, make_user, make_visit):
    sign_in(client, make_user(Role.ADMIN))
    visit = make_visit()
    assert client.get(f"/visits/{visit.id}/events/new?copy={HUGE}").status_code == 404
    for name in ("user", "record"):
        response = client.get(f"/visits/{visit.id}/history?{name}={HUGE}")
        assert response.status_code == 200
    assert client.get(f"/visits/{visit.id}/history?record=event:²").status_code == 200
