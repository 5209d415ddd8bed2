"""`flask feeds create | list | revoke`: calendar links from the command line.

Links are built on PUBLIC_BASE_URL, the address delegates reach the application at.
"""

from collections.abc import Iterable

import click
from flask.cli import AppGroup

from visits.commands import committed
from visits.extensions import db
from visits.feeds.links import feed_links
from visits.feeds.services import (
    MAX_REMINDER,
    AlreadyRevoked,
    FeedError,
    FeedSettings,
    FeedTarget,
    default_label,
    home_zone_of,
    issue_feed,
    revoke_feed,
    tokens_of_visit,
)
from visits.languages import LANGUAGES
from visits.models import FeedScope, FeedToken, Visit

feeds = AppGroup("feeds", help="Calendar links (secret .ics feeds) for delegates.")


def echo_links(tokens: Iterable[FeedToken]) -> None:
    """Each link's reader, feed address and subscribe page."""
    for token in tokens:
        links = feed_links(token)
        click.echo(f"{token.label} ({_target(token)}):")
        click.echo(f"  calendar:       {links.feed}")
        click.echo(f"  subscribe page: {links.subscribe}")


def _target(token: FeedToken) -> str:
    if token.person is not None:
        return f"{token.scope.value} {token.person_id}, {token.person.full_name.get('ru')}"
    if token.venue is not None:
        return f"{token.scope.value} {token.venue_id}, {token.venue.name.get('ru')}"
    return f"{token.scope.value} {token.visit_id}"


def _target_of(visit_id: int | None, person_id: int | None, venue_id: int | None) -> FeedTarget:
    if person_id is not None and venue_id is not None:
        raise click.UsageError("Give --person or --venue, not both.")
    if visit_id is None:
        what = "--person" if person_id is not None else "--venue" if venue_id is not None else ""
        hint = f"a feed of {what} belongs to a visit: " if what else ""
        raise click.UsageError(f"Give --visit ID ({hint}every feed is of one visit).")
    if person_id is not None:
        return FeedTarget(FeedScope.PERSON, visit_id, person_id=person_id)
    if venue_id is not None:
        return FeedTarget(FeedScope.VENUE, visit_id, venue_id=venue_id)
    return FeedTarget(FeedScope.VISIT, visit_id)


@feeds.command("create")
@click.option("--visit", "visit_id", type=int, help="The visit (every feed needs one).")
@click.option("--person", "person_id", type=int, help="A person's programme in the visit.")
@click.option("--venue", "venue_id", type=int, help="A venue's public events in the visit.")
@click.option(
    "--label", help="Whom the link is given to (default: the person, venue or delegation)."
)
@click.option("--language", type=click.Choice(LANGUAGES), default="ru", show_default=True)
@click.option(
    "--reminder",
    type=click.IntRange(0, MAX_REMINDER),
    help="Minutes before each event (default: no reminder).",
)
@click.option("--home-zone", help="IANA zone shown beside local time (default: the delegation's).")
def create(
    visit_id: int | None,
    person_id: int | None,
    venue_id: int | None,
    label: str | None,
    language: str,
    reminder: int | None,
    home_zone: str | None,
) -> None:
    """Issue a calendar link and print its addresses."""
    target = _target_of(visit_id, person_id, venue_id)
    visit = db.session.get(Visit, target.visit_id)
    if visit is None:
        raise click.ClickException(f"There is no visit with id {target.visit_id}.")
    settings = FeedSettings(
        label=label if label is not None else default_label(db.session(), target),
        language=language,
        home_timezone=home_zone if home_zone is not None else home_zone_of(visit),
        reminder_minutes=reminder,
        include_public=True,
    )
    with committed(FeedError):
        token = issue_feed(db.session(), target, settings)
    click.echo(f"Feed {token.id} issued.")
    echo_links([token])


@feeds.command("list")
@click.option("--visit", "visit_id", type=int, required=True)
def list_command(visit_id: int) -> None:
    """The visit's calendar links, live ones first."""
    if db.session.get(Visit, visit_id) is None:
        raise click.ClickException(f"There is no visit with id {visit_id}.")
    tokens = db.session.scalars(tokens_of_visit(visit_id)).all()
    if not tokens:
        click.echo("No calendar links for this visit.")
    for token in tokens:
        used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never"
        state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M} UTC" if token.is_revoked else "active"
        click.echo(
            f"{token.id}\t{state}\t{token.language}\tpolled: {used}\t"
            f"{token.label} ({_target(token)})"
        )
    live = [token for token in tokens if not token.is_revoked]
    if live:
        click.echo("")
        echo_links(live)


@feeds.command("revoke")
@click.argument("token_id", type=int)
def revoke_command(token_id: int) -> None:
    """Stop a calendar link at once (its id, as `feeds list` shows it)."""
    token = db.session.get(FeedToken, token_id)
    if token is None:
        raise click.ClickException(f"There is no feed with id {token_id}.")
    try:
        revoke_feed(db.session(), token)
    except AlreadyRevoked:
        db.session.rollback()
        click.echo(f"Feed {token_id} was already revoked.")
        return
    db.session.commit()
    click.echo(f"Feed {token_id} ({token.label}) revoked: its links no longer work.")
