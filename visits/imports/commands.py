"""What `flask export` and `flask import` do (the commands themselves are in visits/cli.py).

The commands speak English, as the other commands do; an import goes through the import
flow (visits.importing.flow) like the pages and the API: everything in one commit or, on
any error, nothing.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from flask import current_app
from flask_babel import force_locale
from sqlalchemy.exc import SQLAlchemyError

from visits.agenda.importer import AgendaImporter
from visits.agenda.service import AgendaPlan
from visits.exports.visit_document import to_json
from visits.extensions import db
from visits.importing.flow import Importer, ImportRefused, PlanT, preview, save
from visits.imports.importer import VisitDocumentImporter
from visits.imports.plan import ImportPlan
from visits.imports.queries import visit_document
from visits.models import Visit
from visits.uploads import Upload


def export(visit_id: int, output: Path | None) -> None:
    document = visit_document(db.session(), visit_id)
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


def _read(file: Path) -> Upload:
    limit = current_app.config["IMPORT_MAX_BYTES"]
    with open(file, "rb") as f:
        return Upload(file.name, f.read(limit + 1))  # one byte more tells a file too large


def _fail(messages: list[str]) -> NoReturn:
    db.session.rollback()
    for message in messages:
        click.echo(message, err=True)
    raise click.exceptions.Exit(1)


def _run(
    importer: Importer[PlanT, Any], file: Path, dry_run: bool, show: Callable[[PlanT], list[str]]
) -> Any | None:
    """Plan and show; unless a dry run, save all of it in one commit, or nothing.

    `show(plan)` gives the preview's lines; returns what the import made (None: dry run).
    """
    upload = _read(file)
    try:
        plan = preview(db.session(), importer, upload)
        for line in show(plan):
            click.echo(line)
        if dry_run:
            click.echo("Dry run: nothing was saved.")
            return None
        return save(db.session(), importer, upload).result
    except ImportRefused as error:
        _fail([f"{file.name}: {message}" for message in error.messages])
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        _fail([f"The import failed and nothing was saved: {cause}".strip()])


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
        importer = VisitDocumentImporter(current_app.config["IMPORT_MAX_BYTES"])
        visit = _run(importer, file, dry_run, preview_lines)
        if visit is not None:
            click.echo(f"Imported as visit {visit.id}.")


def import_agenda(file: Path, visit_id: int, dry_run: bool) -> None:
    with force_locale("en"):
        visit = db.session.get(Visit, visit_id)
        if visit is None:
            _fail([f"There is no visit {visit_id}."])

        def lines(plan: AgendaPlan) -> list[str]:
            return [f"{len(plan.events)} events to add to visit {visit_id}."]

        events = _run(AgendaImporter(visit), file, dry_run, lines)
        if events is not None:
            click.echo(f"Added {len(events)} events to visit {visit_id}.")
