"""Whole visits in and out as versioned JSON documents, and draft agendas (.ics, CSV,
XLSX) into a visit: the same work as `flask export` / `flask import` and the upload
pages, each import all or nothing, with `dry_run` for the preview alone."""

import marshmallow as ma
from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest import fields as smorest_fields
from webargs.flaskparser import abort

from visits import uploads
from visits.agenda.importer import AgendaImporter
from visits.agenda.service import AgendaPlan
from visits.api.common import get_or_404
from visits.exports.visit_document import to_json
from visits.extensions import db
from visits.importing.budget import ParseBusy
from visits.importing.flow import ImportConflict, Importer, ImportRefused, preview, save
from visits.imports.importer import VisitDocumentImporter
from visits.imports.plan import ImportPlan
from visits.imports.queries import visit_document
from visits.models import Visit

blp = Blueprint(
    "api-transfer",
    __name__,
    url_prefix="/api/v1",
    description="Whole visits as JSON documents; draft agendas from .ics and spreadsheets.",
)

DOCUMENT = {
    "type": "object",
    "description": "A visit document (format «visits.visit», version 1), as the export writes it.",
    "required": ["format", "version"],
    "properties": {"format": {"type": "string"}, "version": {"type": "integer"}},
}


class DryRunArgs(ma.Schema):
    dry_run = ma.fields.Boolean(
        load_default=False, metadata={"description": "Only say what the import would do"}
    )


class MatchSchema(ma.Schema):
    name = ma.fields.String(required=True)
    new = ma.fields.Boolean(required=True)


class DocumentImportSchema(ma.Schema):
    dry_run = ma.fields.Boolean(required=True)
    visit_id = ma.fields.Integer(allow_none=True, metadata={"description": "The new visit"})
    organizations = ma.fields.List(ma.fields.Nested(MatchSchema), required=True)
    people = ma.fields.List(ma.fields.Nested(MatchSchema), required=True)
    venues = ma.fields.List(ma.fields.Nested(MatchSchema), required=True)
    events = ma.fields.Integer(required=True)
    movements = ma.fields.Integer(required=True)
    stays = ma.fields.Integer(required=True)
    revisions = ma.fields.Integer(required=True)


class AgendaFileSchema(ma.Schema):
    file = smorest_fields.Upload(required=True, metadata={"description": ".ics, .csv or .xlsx"})


class PlannedEventSchema(ma.Schema):
    title = ma.fields.String(required=True)
    starts_at = ma.fields.AwareDateTime(required=True)
    ends_at = ma.fields.AwareDateTime(required=True)
    venue = ma.fields.String(allow_none=True)
    new_venue = ma.fields.Boolean(required=True)
    participants = ma.fields.List(ma.fields.Nested(MatchSchema), required=True)


class SkippedSchema(ma.Schema):
    where = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    reason = ma.fields.String(required=True)


class AgendaImportSchema(ma.Schema):
    dry_run = ma.fields.Boolean(required=True)
    events = ma.fields.List(ma.fields.Nested(PlannedEventSchema), required=True)
    event_ids = ma.fields.List(ma.fields.Integer(), required=True)
    new_venues = ma.fields.List(ma.fields.String(), required=True)
    new_people = ma.fields.List(ma.fields.String(), required=True)
    skipped = ma.fields.List(ma.fields.Nested(SkippedSchema), required=True)


def _import(importer: Importer, upload: uploads.Upload, dry_run: bool, location: str, field: str):
    """The import flow: (plan, None) for a dry run, else (plan, what was made), all of it
    saved or nothing. A refused file is a 422 listing every problem (each names its place);
    a file that repeats what another import saved meanwhile, a 409."""
    try:
        if dry_run:
            return preview(db.session(), importer, upload), None
        saved = save(db.session(), importer, upload)
    except ImportRefused as error:
        abort(
            409 if isinstance(error, ImportConflict) else 422,
            message="The file cannot be imported; nothing was saved.",
            errors={location: {field: error.messages}},
        )
    except ParseBusy:
        abort(503, message="The server is busy reading other uploads; try again in a minute.")
    return saved.plan, saved.result


@blp.route("/visits/<int:visit_id>/document")
class VisitDocument(MethodView):
    @blp.doc(
        responses={
            "200": {
                "description": "The whole visit",
                "content": {"application/json": {"schema": DOCUMENT}},
            }
        }
    )
    def get(self, visit_id):
        """Export a whole visit"""
        document = visit_document(db.session(), visit_id) if visit_id < 2**31 else None
        if document is None:
            abort(404, message="No such visit.")
        return Response(to_json(document).encode("utf-8"), mimetype="application/json")


@blp.route("/imports/visits")
class VisitImport(MethodView):
    @blp.arguments(DryRunArgs, location="query")
    @blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": DOCUMENT}}})
    @blp.response(201, DocumentImportSchema)
    @blp.alt_response(200, schema=DocumentImportSchema, description="The dry run's preview")
    def post(self, args):
        """Import a whole visit from its document"""
        importer = VisitDocumentImporter(current_app.config["IMPORT_MAX_BYTES"])
        upload = uploads.Upload("document.json", request.get_data())
        plan, visit = _import(importer, upload, args["dry_run"], "json", "")
        result = _document_result(plan, args["dry_run"])
        if visit is None:
            return result, 200
        return result | {"visit_id": visit.id}, 201


def _document_result(plan: ImportPlan, dry_run: bool) -> dict:
    def matches(items):
        return [{"name": item.name.get("ru"), "new": item.is_new} for item in items]

    return {
        "dry_run": dry_run,
        "visit_id": None,
        "organizations": matches(plan.organizations),
        "people": matches(plan.people),
        "venues": matches(plan.venues),
        **{part: plan.count(part) for part in ("events", "movements", "stays", "revisions")},
    }


@blp.route("/visits/<int:visit_id>/agenda")
class AgendaImport(MethodView):
    @blp.arguments(DryRunArgs, location="query")
    @blp.arguments(AgendaFileSchema, location="files")
    @blp.response(201, AgendaImportSchema)
    @blp.alt_response(200, schema=AgendaImportSchema, description="The dry run's preview")
    def post(self, args, files, visit_id):
        """Import a draft agenda (.ics, CSV or XLSX) into a visit"""
        visit = get_or_404(Visit, visit_id, "visit")
        file = files["file"]
        data = file.stream.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
        upload = uploads.Upload(file.filename or "agenda", data)
        plan, events = _import(AgendaImporter(visit), upload, args["dry_run"], "files", "file")
        if events is None:
            return _agenda_result(plan, [], True), 200
        return _agenda_result(plan, [event.id for event in events], False), 201


def _agenda_result(plan: AgendaPlan, event_ids: list[int], dry_run: bool) -> dict:
    return {
        "dry_run": dry_run,
        "event_ids": event_ids,
        "events": [
            {
                "title": planned.row.title,
                "starts_at": planned.starts_at,
                "ends_at": planned.ends_at,
                "venue": planned.venue,
                "new_venue": planned.is_new_venue,
                "participants": [
                    {"name": person.name, "new": person.is_new} for person in planned.people
                ],
            }
            for planned in plan.events
        ],
        "new_venues": plan.new_venues,
        "new_people": plan.new_people,
        "skipped": [
            {"where": skipped.where, "title": skipped.title, "reason": str(skipped.reason)}
            for skipped in plan.skipped
        ],
    }
