"""A draft agenda (.ics, CSV or XLSX) added to a visit, as an importer of the import flow."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from visits.agenda.service import AgendaPlan, apply_agenda, plan_agenda
from visits.models import Event, Visit
from visits.uploads import Upload


@dataclass(frozen=True)
class AgendaImporter:
    """The events of a file added to `visit`, with the venues and people they need."""

    visit: Visit

    def plan(self, session: Session, upload: Upload) -> AgendaPlan:
        return plan_agenda(session, self.visit, upload.name, upload.data)

    def apply(self, session: Session, plan: AgendaPlan) -> list[Event]:
        return apply_agenda(session, self.visit, plan)

    def conflict_message(self) -> str:
        return _("Some of these events were saved meanwhile. Nothing was imported.")
