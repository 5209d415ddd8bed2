"""Fixtures of the notice tests: the feed tests' visit, with a delegate who asked for
calendar invitations by e-mail, and the loopback mail server of the outbox tests."""

import pytest

from tests.feeds.conftest import english, make_token, scene  # noqa: F401  # fixtures
from tests.outbox.conftest import mail_server, smtp_app  # noqa: F401  # fixtures
from visits.models import Delivery, FeedScope


@pytest.fixture
def invited(db, scene, make_token):  # noqa: F811  # the fixture imported above
    """Snesar, with an e-mail address, reads messages in Russian; his link sends
    invitations and also shows the visit's public events."""
    person = scene["person"]
    person.email = "snesar@example.org"
    person.preferred_language = "ru"
    db.session.commit()
    token = make_token(
        scene["visit"],
        scope=FeedScope.PERSON,
        person_id=person.id,
        label="Снесарь",
        delivery=Delivery.INVITATIONS,
        home_timezone="Asia/Barnaul",
    )
    return token
