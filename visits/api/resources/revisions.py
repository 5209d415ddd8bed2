"""Programme revisions: issuing one (a snapshot of the visit's programme as it is now) and
reading them back. An issued revision is fixed: there is no update and no deletion."""

import marshmallow as ma
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from webargs.flaskparser import abort

from visits.api.common import BodySchema, ListArgs, get_or_404, page_schema, paginate
from visits.api.fields import text
from visits.api.resource import Resource
from visits.editing import commit
from visits.extensions import db
from visits.models import ProgrammeRevision, Visit
from visits.programme.revisions import NothingToIssue, issue_revision, issuer_name

blp = Blueprint(
    "api-revisions",
    __name__,
    url_prefix="/api/v1",
    description="Issued revisions of visits' programmes, with their snapshots.",
)


def texts(**kwargs) -> ma.fields.Dict:
    return ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(allow_none=True),
        metadata={"description": "ru, kk and en variants (null where missing)"},
        **kwargs,
    )


class SnapshotParticipantSchema(ma.Schema):
    name = texts()
    side = ma.fields.String()
    role = ma.fields.String()


class SnapshotRowSchema(ma.Schema):
    """One row of the programme as the revision keeps it: an event, arrival or departure."""

    key = ma.fields.String(
        metadata={"description": "The event's UID, or movement-<id> for an arrival/departure"}
    )
    starts_at = ma.fields.String(metadata={"format": "date-time", "description": "UTC"})
    ends_at = ma.fields.String(metadata={"format": "date-time"})
    status = ma.fields.String()
    visibility = ma.fields.String()
    kind = ma.fields.String()
    title = texts()
    venue = texts(allow_none=True)
    participants = ma.fields.List(ma.fields.Nested(SnapshotParticipantSchema))
    dress_code = texts()
    notes = texts()
    internal_notes = ma.fields.String(allow_none=True)
    transport = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(allow_none=True),
        metadata={"description": "Arrivals and departures: mode and number"},
    )


class RevisionSchema(BodySchema):
    id = ma.fields.Integer(dump_only=True)
    visit_id = ma.fields.Integer(dump_only=True)
    number = ma.fields.Integer(dump_only=True)
    issued_at = ma.fields.AwareDateTime(dump_only=True)
    issued_by_id = ma.fields.Integer(dump_only=True, allow_none=True)
    issued_by = ma.fields.Function(
        lambda revision: issuer_name(revision.issued_by),
        dump_only=True,
        metadata={"type": "string", "description": "The name of the staff member"},
    )
    feed_version = ma.fields.Function(
        lambda revision: revision.snapshot.get("feed_version"),
        dump_only=True,
        metadata={"type": "integer", "description": "The visit's programme version it shows"},
    )
    comment = text(ProgrammeRevision.comment)


class SnapshotRows(ma.fields.Nested):
    """The rows of a revision's snapshot."""

    # marshmallow's Nested names the value otherwise than Field does: no name fits both.
    def _serialize(self, value, attr, obj, **kwargs):  # type: ignore[override]
        return super()._serialize((value or {}).get("rows", []), attr, obj, **kwargs)


class RevisionDetailSchema(RevisionSchema):
    rows = SnapshotRows(SnapshotRowSchema, many=True, attribute="snapshot", dump_only=True)


@blp.route("/visits/<int:visit_id>/revisions")
class VisitRevisions(MethodView):
    @blp.arguments(ListArgs, location="query")
    @blp.response(200, page_schema(RevisionSchema))
    def get(self, args, visit_id):
        """List a visit's revisions (the newest first)"""
        visit = get_or_404(Visit, visit_id, "visit")
        query = (
            select(ProgrammeRevision)
            .where(ProgrammeRevision.visit_id == visit.id)
            .options(selectinload(ProgrammeRevision.issued_by))
            .order_by(ProgrammeRevision.number.desc())
        )
        return paginate(query, args)

    @blp.arguments(RevisionSchema)
    @blp.response(201, RevisionDetailSchema)
    def post(self, data, visit_id):
        """Issue a revision

        A snapshot of the programme as it is now; 409 when nothing changed since the
        last revision.
        """
        visit = get_or_404(Visit, visit_id, "visit")
        try:
            revision = issue_revision(
                db.session(), visit, current_user._get_current_object(), data["comment"]
            )
        except NothingToIssue as refused:
            db.session.rollback()
            abort(
                409,
                message=f"Nothing has changed since revision {refused.number}: "
                "no revision was issued.",
            )
        commit(db.session())
        return revision


Resource(
    blp,
    ProgrammeRevision,
    "revision",
    RevisionDetailSchema,
    path="/revisions",
    deletable=False,
    docs={"get": "Get a revision with its snapshot"},
).register()
