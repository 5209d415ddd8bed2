"""`flask outbox send`: one round and a one-line summary; a bad MAIL_URL is an error."""

from tests.outbox.conftest import queue


def test_send_delivers_what_is_due_and_says_so(smtp_app, mail_server, runner):
    queue()
    queue()

    result = runner.invoke(args=["outbox", "send"])

    assert result.exit_code == 0, result.output
    assert result.output == "Outbox: 2 sent, 0 to retry, 0 failed.\n"
    assert len(mail_server.received) == 2


def test_send_refuses_a_bad_mail_url(app, runner):
    app.config["MAIL_URL"] = "imap://mail.example.org"

    result = runner.invoke(args=["outbox", "send"])

    assert result.exit_code == 1
    assert "MAIL_URL" in result.output
