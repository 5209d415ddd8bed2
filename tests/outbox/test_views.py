"""The outbox pages: administrators only; counts, the list by status, a message with its
attempts, and "Send again" for a failed one."""

from tests.conftest import sign_in
from tests.outbox.conftest import queue
from visits.extensions import db
from visits.models import OutboxAttempt, OutboxStatus, Role
from visits.outbox.queue import eml_folder

EN = {"Accept-Language": "en"}


def _failed():
    message = queue(to="nobody@example.org", subject="Отмена встречи")
    message.status = OutboxStatus.FAILED
    message.attempts = 1
    message.last_error = "550 No such mailbox (refused)"
    db.session.add(
        OutboxAttempt(message_id=message.id, ok=False, error=message.last_error, transport="smtp")
    )
    db.session.commit()
    return message


def test_editors_do_not_see_the_outbox(client, make_user):
    sign_in(client, make_user(Role.EDITOR))
    message = queue()
    assert client.get("/outbox/").status_code == 403
    assert client.get(f"/outbox/{message.id}").status_code == 403
    assert client.post(f"/outbox/{message.id}/send-again").status_code == 403
    assert "/outbox/" not in client.get("/visits/").get_data(as_text=True)


def test_an_admin_sees_counts_messages_and_the_reason(client, make_user):
    sign_in(client, make_user(Role.ADMIN))
    queue(subject="Изменение программы")
    failed = _failed()

    page = client.get("/outbox/").get_data(as_text=True)

    assert 'href="/outbox/"' in client.get("/visits/").get_data(as_text=True)
    assert "Изменение программы" in page and "Отмена встречи" in page
    assert "550 No such mailbox" in page
    only_failed = client.get("/outbox/?status=failed").get_data(as_text=True)
    assert "Отмена встречи" in only_failed and "Изменение программы" not in only_failed
    detail = client.get(f"/outbox/{failed.id}").get_data(as_text=True)
    assert "550 No such mailbox" in detail
    assert f'action="/outbox/{failed.id}/send-again"' in detail


def test_the_page_says_when_messages_are_written_as_files(client, make_user, app):
    sign_in(client, make_user(Role.ADMIN))
    english = client.get("/outbox/", headers=EN).get_data(as_text=True)
    assert "No mail server is set (MAIL_URL): messages are written as .eml files in" in english
    assert str(eml_folder(app)) in english
    russian = client.get("/outbox/").get_data(as_text=True)
    assert "Почтовый сервер не задан (MAIL_URL)" in russian
    app.config["MAIL_URL"] = "smtp://127.0.0.1:2525"
    assert "No mail server is set" not in client.get("/outbox/", headers=EN).get_data(as_text=True)


def test_send_again_requeues_a_failed_message_with_a_new_budget(client, make_user):
    sign_in(client, make_user(Role.ADMIN))
    failed = _failed()

    response = client.post(f"/outbox/{failed.id}/send-again", follow_redirects=True)

    assert response.status_code == 200
    db.session.expire_all()
    assert failed.status is OutboxStatus.QUEUED
    assert failed.attempts == 0
    assert failed.last_error is None
    assert len(failed.attempt_rows) == 1  # the history stays


def test_send_again_refuses_a_message_that_did_not_fail(client, make_user):
    sign_in(client, make_user(Role.ADMIN))
    message = queue()

    page = client.post(f"/outbox/{message.id}/send-again", headers=EN, follow_redirects=True)

    assert "Only a failed message can be sent again." in page.get_data(as_text=True)
    db.session.expire_all()
    assert message.status is OutboxStatus.QUEUED
