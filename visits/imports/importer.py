"""The visit document (`visits.visit`, version 1) as an importer of the import flow."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from visits.imports.apply import apply_import
from visits.imports.plan import ImportPlan, plan_import
from visits.imports.reading import parse_json
from visits.models import Visit
from visits.uploads import Upload


@dataclass(frozen=True)
class VisitDocumentImporter:
    """A whole visit from its document, as a new visit; `limit` is the most bytes read."""

    limit: int

    def plan(self, session: Session, upload: Upload) -> ImportPlan:
        return plan_import(session, parse_json(upload.data, self.limit))

    def apply(self, session: Session, plan: ImportPlan) -> Visit:
        return apply_import(session, plan)

    def conflict_message(self) -> str:
        return _("This visit was imported by someone else meanwhile. Nothing was saved.")
