"""The budget an upload is read under, so that one upload can never starve the workers.

A process reads at most IMPORT_PARSE_SLOTS uploads at once: one more is turned away at
once (ParseBusy, a 503 with a message) rather than queued. Each reading has
IMPORT_PARSE_SECONDS: the readers call `check_deadline()` inside their loops, and past
the deadline the file is refused (ParseTooLong, which the flow turns into its refusal).
The deadline travels with the reading in a context variable, so the readers' signatures
stay as they are.
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import current_app, has_app_context
from flask_babel import gettext as _

# The clock deadlines are measured on; tests put a fake one here.
clock: Callable[[], float] = time.monotonic

_deadline: ContextVar["Deadline | None"] = ContextVar("upload_parse_deadline", default=None)
_slots_lock = threading.Lock()


class ParseBusy(RuntimeError):
    """Every slot for reading uploads is taken; try again in a moment."""

    def message(self) -> str:
        return _("The server is busy reading other uploads. Please try again in a minute.")


class ParseTooLong(Exception):
    """Reading the file took longer than its budget; nothing was saved."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"over {seconds} s")

    def message(self) -> str:
        return _(
            "Reading the file took longer than %(seconds)d seconds, the most an import may "
            "take; nothing was saved. Split the file or make it simpler.",
            seconds=self.seconds,
        )


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = clock() + seconds

    def check(self) -> None:
        if clock() > self.at:
            raise ParseTooLong(self.seconds)


def check_deadline() -> None:
    """Refuse the file being read if its time is up (no budget: nothing to check)."""
    deadline = _deadline.get()
    if deadline is not None:
        deadline.check()


def parse_slots() -> threading.BoundedSemaphore:
    """The app's semaphore of uploads read at once in this process."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with _slots_lock:
        slots = app.extensions.get("visits.parse_slots")
        if slots is None:
            slots = threading.BoundedSemaphore(int(app.config["IMPORT_PARSE_SLOTS"]))
            app.extensions["visits.parse_slots"] = slots
        return slots


@contextmanager
def parse_budget() -> Iterator[None]:
    """Run the reading in the body under the budget: a slot, else ParseBusy; a deadline."""
    if not has_app_context():  # a reading outside the application has no budget
        yield
        return
    slots = parse_slots()
    if not slots.acquire(blocking=False):
        raise ParseBusy()
    token = _deadline.set(Deadline(float(current_app.config["IMPORT_PARSE_SECONDS"])))
    try:
        yield
    finally:
        _deadline.reset(token)
        slots.release()
