"""Flask commands: `demo`, `users create | set-password | ensure-admin`, `feeds create | list |
revoke`, `backup`, `restore`, `export`, `import`, `outbox send`."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from visits.auth.services import (
    AccountError,
    create_user,
    has_admin,
    random_password,
    set_password,
)
from visits.backup import BackupError, backup, restore
from visits.commands import committed
from visits.demo import demo_feed_tokens, find_demo, load_demo
from visits.demo.office import OfficeRefused, build_office
from visits.extensions import db
from visits.feeds.cli import echo_links, feeds
from visits.imports import commands as import_commands
from visits.models import Role, Visit
from visits.outbox.cli import outbox

users = AppGroup("users", help="Staff accounts.")


def init_app(app: Flask) -> None:
    app.cli.add_command(demo)
    app.cli.add_command(users)
    app.cli.add_command(feeds)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(export_command)
    app.cli.add_command(import_command)
    app.cli.add_command(outbox)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only into a database with no visits.")
@click.option(
    "--office",
    is_flag=True,
    help="Instead, a whole office to measure on: 100 visits, 20,000 events, 2,000 people.",
)
@click.option("--scale", type=click.FloatRange(0.001, 10), default=1.0, show_default=True)
@click.option("--force", is_flag=True, help="With --office: add it beside existing visits.")
def demo(if_empty: bool, office: bool, scale: float, force: bool) -> None:
    """Load the demo visit (Altai Krai in Ust-Kamenogorsk, 21 April 2025) and print its
    calendar links; safe to repeat (the same links each time). With --office, build the
    office demo instead (the same office on every run, scaled by --scale)."""
    if office:
        load_office(scale, force)
        return
    if if_empty and db.session.scalar(select(func.count(Visit.id))):
        click.echo("The database already holds visits; demo data not loaded.")
        visit = find_demo(db.session())
    else:
        visit = load_demo(db.session())
        click.echo(f"Demo visit {visit.id}: {visit.title.get('ru')}")
    if visit is not None:
        tokens = demo_feed_tokens(db.session(), visit)
        db.session.commit()
        click.echo("Demo calendar links:")
        echo_links(tokens)


def load_office(scale: float, force: bool) -> None:
    with committed(OfficeRefused):
        built = build_office(db.session(), scale, force)
    counts = ", ".join(f"{count:,} {what}" for what, count in built.counts.items())
    click.echo(f"Office demo: {counts}.")
    click.echo(
        f"The big visit: /visits/{built.big_visit_id}; its largest meeting: "
        f"/events/{built.plenary_id}/edit"
    )


@users.command("create")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.VIEWER.value,
    show_default=True,
)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(email: str, role: str, password: str) -> None:
    """Create a staff account (asks for the password unless --password is given)."""
    with committed(AccountError):
        user = create_user(db.session(), email, password, role)
    click.echo(f"Created {user.role} account {user.email}.")


@users.command("set-password")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def set_password_command(email: str, password: str) -> None:
    """Give a staff account a new password (asks for it unless --password is given)."""
    with committed(AccountError):
        user, revoked = set_password(db.session(), email, password)
    click.echo(f"New password set for {user.email}.")
    if revoked:
        click.echo(f"{revoked} API token(s) of {user.email} revoked with the old password.")


@users.command("ensure-admin")
@click.option("--email", default="admin@visits.example", show_default=True)
def ensure_admin(email: str) -> None:
    """Create an admin with a random password if there is no admin yet, and print it."""
    if has_admin(db.session()):
        click.echo("An admin account exists; `flask --app wsgi users create` adds more.")
        return
    password = random_password()
    with committed(AccountError):
        create_user(db.session(), email, password, Role.ADMIN)
    click.echo(f"Staff sign-in: {email} / {password}")
    click.echo("Shown once. A new one: flask --app wsgi users set-password EMAIL")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Write the whole database to FILE (replaced if it exists): a SQLite copy, or a
    PostgreSQL pg_dump in its custom format."""
    db.session.remove()
    try:
        backup(db.engine, file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up the {db.engine.dialect.name} database to {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that holds data.")
def restore_command(file: Path, force: bool) -> None:
    """Replace the database by the backup in FILE. Refuses a database that holds data unless
    --force is given. Stop the application first."""
    db.session.remove()
    try:
        restore(db.engine, file, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored the {db.engine.dialect.name} database from {file}.")
    click.echo("If the backup is older than this version: flask --app wsgi db upgrade")


@click.command("export")
@click.argument("visit_id", type=int)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of the standard output.",
)
def export_command(visit_id: int, output: Path | None) -> None:
    """Write the whole visit VISIT_ID as a JSON document (UTF-8), to import elsewhere."""
    import_commands.export(visit_id, output)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--visit", "visit_id", type=int, help="Add the agenda FILE to visit ID.")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; save nothing.")
def import_command(file: Path, visit_id: int | None, dry_run: bool) -> None:
    """Import FILE: a visit document made by `export`, or with --visit an agenda file whose
    events are added to that visit. All of it is saved, or nothing."""
    if visit_id is None:
        import_commands.import_document(file, dry_run)
    else:
        import_commands.import_agenda(file, visit_id, dry_run)
