"""What the Flask commands share: how a command's change is committed or refused."""

from collections.abc import Iterator
from contextlib import contextmanager

import click

from visits.extensions import db


@contextmanager
def committed(*refusals: type[Exception]) -> Iterator[None]:
    """Commit the change made in the block; a refusal (one of `refusals`) rolls it back
    and ends the command with the refusal's message as its error."""
    try:
        yield
    except refusals as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
