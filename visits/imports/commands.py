"""What `flask export` and `flask import` do (the commands themselves are in visits/cli.py).

The commands speak English, as the other commands do; an import saves everything in one
commit or, on any error, nothing.
"""

from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask_babel import force_locale
from sqlalchemy.exc import SQLAlchemyError

from visits.exports.visit_document import to_json
from visits.extensions import db
from visits.imports.apply import apply_import
from visits.imports.plan import ImportPlan, plan_import
from visits.imports.queries import visit_document
from visits.imports.reading import parse_json
from visits.imports.schema import DocumentError
from visits.models import Visit


def export(visit_id: int, output: Path | None) -> None:
    document = visit_document(db.session, visit_id)
    db.session.rollback()
    if document is None:
        raise click.ClickException(f"There is no visit {visit_id}.")
    data = to_json(document).encode("utf-8")
    if output is None:
        click.echo(data, nl=False)  # bytes: written as they are, UTF-8 whatever the terminal
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror}.") from None
    click.echo(f"Visit {visit_id} written to {output}.", err=True)


def _read(file: Path) -> bytes:
    limit = current_app.config["IMPORT_MAX_BYTES"]
    with open(file, "rb") as f:
        return f.read(limit + 1)  # one byte more than allowed tells a file too large


def _fail(messages: list[str]) -> None:
    db.session.rollback()
    for message in messages:
        click.echo(message, err=True)
    raise click.exceptions.Exit(1)


def _commit(apply) -> Any:
    """Run `apply` and commit; on a database error roll everything back and say so."""
    try:
        result = apply()
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        cause = getattr(error, "orig", None) or error
        _fail([f"The import failed and nothing was saved: {cause}".strip()])
    except BaseException:
        db.session.rollback()
        raise
    return result


def preview_lines(plan: ImportPlan) -> list[str]:
    def split(matches) -> str:
        new = sum(1 for m in matches if m.is_new)
        return f"{new} new, {len(matches) - new} existing"

    lines = [
        f"Visit: {plan.title.get('ru')} ({plan.start_date} – {plan.end_date})",
        f"Organizations: {split(plan.organizations)}",
        f"People: {split(plan.people)}",
        f"Venues: {split(plan.venues)}",
        f"Delegation members: {plan.members}",
        f"Events: {plan.count('events')}, movements: {plan.count('movements')}, "
        f"stays: {plan.count('stays')}, programme revisions: {plan.count('revisions')}",
        f"Travel times: {plan.new_travel_times} new, {len(plan.kept_travel_times)} kept",
    ]
    if plan.unknown_issuers:
        unknown = ", ".join(plan.unknown_issuers)
        lines.append(f"Issuers of revisions without an account here (left blank): {unknown}")
    return lines


def import_document(file: Path, dry_run: bool) -> None:
    with force_locale("en"):
        try:
            raw = parse_json(_read(file), current_app.config["IMPORT_MAX_BYTES"])
            plan = plan_import(db.session, raw)
        except DocumentError as error:
            _fail([f"{file.name}: {message}" for message in error.messages])
        for line in preview_lines(plan):
            click.echo(line)
        if dry_run:
            db.session.rollback()
            click.echo("Dry run: nothing was saved.")
            return
        visit = _commit(lambda: apply_import(db.session, plan))
        click.echo(f"Imported as visit {visit.id}.")


def import_agenda(file: Path, visit_id: int, dry_run: bool) -> None:
    from visits.agenda.service import AgendaError, apply_agenda, plan_agenda

    with force_locale("en"):
        visit = db.session.get(Visit, visit_id)
        if visit is None:
            _fail([f"There is no visit {visit_id}."])
        try:
            plan = plan_agenda(db.session, visit, file.name, _read(file))
        except AgendaError as error:
            _fail([f"{file.name}: {message}" for message in error.messages])
        click.echo(f"{len(plan.events)} events to add to visit {visit_id}.")
        if dry_run:
            db.session.rollback()
            click.echo("Dry run: nothing was saved.")
            return
        events = _commit(lambda: apply_agenda(db.session, visit, plan))
        click.echo(f"Added {len(events)} events to visit {visit_id}.")
