"""Flask commands: `demo`, `users create | set-password | ensure-admin`."""

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
from visits.extensions import db
from visits.models import Role, Visit

users = AppGroup("users", help="Staff accounts.")


def init_app(app: Flask) -> None:
    app.cli.add_command(demo)
    app.cli.add_command(users)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only into a database with no visits.")
def demo(if_empty: bool) -> None:
    """Load the demo visit (Altai Krai in Ust-Kamenogorsk, 21 April 2025); safe to repeat."""
    from visits.demo import load_demo

    if if_empty and db.session.scalar(select(func.count(Visit.id))):
        click.echo("The database already holds visits; demo data not loaded.")
        return
    visit = load_demo(db.session)
    db.session.commit()
    click.echo(f"Demo visit {visit.id}: {visit.title.get('ru')}")


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
    try:
        user = create_user(db.session, email, password, role)
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.role} account {user.email}.")


@users.command("set-password")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def set_password_command(email: str, password: str) -> None:
    """Give a staff account a new password (asks for it unless --password is given)."""
    try:
        user = set_password(db.session, email, password)
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"New password set for {user.email}.")


@users.command("ensure-admin")
@click.option("--email", default="admin@visits.local", show_default=True)
def ensure_admin(email: str) -> None:
    """Create an admin with a random password if there is no admin yet, and print it."""
    if has_admin(db.session):
        click.echo("An admin account exists; `flask --app wsgi users create` adds more.")
        return
    password = random_password()
    try:
        create_user(db.session, email, password, Role.ADMIN)
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Staff sign-in: {email} / {password}")
    click.echo("Shown once. A new one: flask --app wsgi users set-password EMAIL")
