"""Staff choose in a person's link how its holder is kept up to date, and in the person's
form the language of their messages; a colleague's change of either is not overwritten."""

import re

import pytest
from sqlalchemy import update

from tests.feeds.helpers import edit_data, loaded_value
from tests.html_forms import form_fields
from visits.models import Delivery, FeedScope, FeedToken, Person

pytestmark = pytest.mark.usefixtures("english")


def test_staff_choose_invitations_in_the_links_form(staff_client, db, scene, make_token):
    token = make_token(scene["visit"], scope=FeedScope.PERSON, person_id=scene["person"].id)
    form = staff_client.get(f"/feed-tokens/{token.id}/edit").text
    assert "Calendar invitations by e-mail, one per changed event" in form
    (chosen,) = re.findall(r'<input[^>]*checked[^>]*name="delivery"[^>]*>|'
                           r'<input[^>]*name="delivery"[^>]*checked[^>]*>', form)  # fmt: skip
    assert 'value="subscription"' in chosen  # by default
    data = edit_data(token, loaded=loaded_value(form), delivery="invitations", include_travel="y")
    assert staff_client.post(f"/feed-tokens/{token.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(FeedToken, token.id).delivery is Delivery.INVITATIONS

    wrong = edit_data(token, loaded=loaded_value(form), delivery="pigeon")
    response = staff_client.post(f"/feed-tokens/{token.id}/edit", data=wrong)
    assert response.status_code == 422
    assert "Choose how they are kept up to date." in response.text


def test_a_colleagues_change_of_delivery_is_not_overwritten(staff_client, db, scene, make_token):
    token = make_token(scene["visit"], scope=FeedScope.PERSON, person_id=scene["person"].id)
    form = staff_client.get(f"/feed-tokens/{token.id}/edit").text
    db.session.execute(
        update(FeedToken).where(FeedToken.id == token.id).values(delivery=Delivery.NOTICE)
    )
    db.session.commit()
    data = edit_data(token, loaded=loaded_value(form), reminder_minutes="15")
    response = staff_client.post(f"/feed-tokens/{token.id}/edit", data=data)
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(FeedToken, token.id).delivery is Delivery.NOTICE


def test_the_person_form_takes_a_language_of_messages(staff_client, db, scene):
    person = scene["person"]
    form = staff_client.get(f"/people/{person.id}/edit").text
    assert "Language of messages" in form
    data = form_fields(form) | {"preferred_language": "kk"}
    assert staff_client.post(f"/people/{person.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, person.id).preferred_language == "kk"
    data = form_fields(staff_client.get(f"/people/{person.id}/edit").text)
    data["preferred_language"] = "de"
    response = staff_client.post(f"/people/{person.id}/edit", data=data)
    assert response.status_code == 422
    assert "Choose a language from the list." in response.text
