"""Two senders at once, each in its own thread with its own app context and connection,
deliver every message exactly once."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlalchemy import func, select

from tests.outbox.conftest import queue
from visits.extensions import db
from visits.models import OutboxAttempt, OutboxMessage, OutboxStatus
from visits.outbox.sender import Counts, send_due

pytestmark = pytest.mark.isolated  # the senders' connections must see committed messages

MESSAGES = 30


def test_two_senders_deliver_each_message_once(smtp_app, mail_server):
    queued = {queue(to=f"guest{n}@example.org").message_id for n in range(MESSAGES)}
    db.session.remove()
    start = Barrier(2)

    def sender() -> Counts:
        start.wait()
        total = Counts()
        # Small rounds, so that the two senders take turns over the queue.
        while (counts := send_due(smtp_app, limit=3)).sent:
            total.sent += counts.sent
            total.failed += counts.failed
        return total

    with ThreadPoolExecutor(2) as pool:
        results = [future.result() for future in [pool.submit(sender), pool.submit(sender)]]

    assert sum(result.sent for result in results) == MESSAGES
    assert sum(result.failed for result in results) == 0
    received = Counter(mail_server.message_ids())
    assert set(received) == queued
    assert set(received.values()) == {1}
    assert db.session.scalar(select(func.count(OutboxAttempt.id))) == MESSAGES
    statuses = db.session.scalars(select(OutboxMessage.status).distinct()).all()
    assert statuses == [OutboxStatus.SENT]
