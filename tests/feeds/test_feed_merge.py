"""Two staff changing one calendar link's settings: the later save is merged with the
earlier one, setting by setting, and the user settles what both changed."""

from html import unescape

import pytest

from tests.conftest import sign_in
from tests.feeds.helpers import text_of, tokens
from tests.html_forms import form_fields
from visits.models import FeedScope, Role

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def colleague(app, make_user):
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    sign_in(other, make_user(Role.EDITOR, "colleague@example.org"))
    return other


def opened(client, url: str) -> dict[str, str]:
    page = client.get(url)
    assert page.status_code == 200
    return form_fields(page.text)


def page_text(response) -> str:
    return unescape(text_of(response))


def test_the_colleagues_setting_and_the_users_both_survive(
    staff_client, colleague, db, scene, make_token
):
    """A visit's link: its form has no "public events" box, and none is asked about."""
    url = f"/feed-tokens/{make_token(scene['visit']).id}/edit"
    mine, theirs = opened(staff_client, url), opened(colleague, url)
    assert colleague.post(url, data=theirs | {"language": "kk"}).status_code == 302

    refused = staff_client.post(url, data=mine | {"reminder_minutes": "30"})
    assert refused.status_code == 409
    text = page_text(refused)
    assert "Your colleague's changes are now in the form: Language : Kazakh" in text
    assert "Your changes are kept: Reminder, minutes before : 30" in text
    assert "Nothing conflicts" in text
    merged = form_fields(refused.text)
    assert (merged["language"], merged["reminder_minutes"]) == ("kk", "30")
    assert tokens(db)[0].reminder_minutes is None  # nothing saved without the user's word

    assert staff_client.post(url, data=merged).status_code == 302
    (saved,) = tokens(db)
    assert (saved.language, saved.reminder_minutes, saved.include_public) == ("kk", 30, True)


@pytest.mark.parametrize(("side", "label"), [("mine", "Переводчик"), ("theirs", "Глава")])
def test_a_setting_both_changed_waits_for_the_users_choice(
    staff_client, colleague, db, scene, make_token, side, label
):
    token = make_token(scene["visit"], scope=FeedScope.PERSON, person_id=scene["person"].id)
    url = f"/feed-tokens/{token.id}/edit"
    mine, theirs = opened(staff_client, url), opened(colleague, url)
    their_change = {"label": "Глава", "reminder_minutes": "60"}
    assert colleague.post(url, data=theirs | their_change).status_code == 302

    my_change = {"label": "Переводчик", "home_timezone": "Asia/Barnaul"}
    refused = staff_client.post(url, data=mine | my_change)
    assert refused.status_code == 409
    text = page_text(refused)
    assert "You both changed the fields below." in text
    assert "Given to Yours Переводчик Your colleague's Глава" in text
    merged = form_fields(refused.text)
    assert "keep-label" not in merged  # no side is chosen for the user

    unchosen = staff_client.post(url, data=merged)
    assert unchosen.status_code == 422
    assert "Choose yours or your colleague's value." in page_text(unchosen)
    assert tokens(db)[0].home_timezone is None

    assert staff_client.post(url, data=merged | {"keep-label": side}).status_code == 302
    (saved,) = tokens(db)
    assert (saved.label, saved.reminder_minutes, saved.home_timezone) == (
        label,
        60,
        "Asia/Barnaul",
    )


def test_the_stale_form_posted_again_is_refused_again(
    staff_client, colleague, db, scene, make_token
):
    url = f"/feed-tokens/{make_token(scene['visit']).id}/edit"
    mine, theirs = opened(staff_client, url), opened(colleague, url)
    assert colleague.post(url, data=theirs | {"label": "Глава"}).status_code == 302
    for _ in range(2):  # resubmitting the stale page never overwrites the colleague
        assert staff_client.post(url, data=mine | {"label": "Переводчик"}).status_code == 409
    assert tokens(db)[0].label == "Глава"


def test_a_form_that_did_not_say_what_it_loaded_asks_about_every_difference(
    staff_client, colleague, db, scene, make_token
):
    url = f"/feed-tokens/{make_token(scene['visit']).id}/edit"
    mine, theirs = opened(staff_client, url), opened(colleague, url)
    assert colleague.post(url, data=theirs | {"language": "en"}).status_code == 302
    refused = staff_client.post(url, data=mine | {"loaded": "", "label": "Переводчик"})
    assert refused.status_code == 409
    text = page_text(refused)
    assert "every field where your value differs from your colleague's is asked" in text
    assert "Language Yours Russian Your colleague's English" in text
    assert "Given to Yours Переводчик Your colleague's Делегация" in text
