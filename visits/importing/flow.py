"""The import flow shared by the pages, the JSON API and the commands.

An importer reads a file into a plan, raising ImportRefused with every problem it finds,
and applies a plan by creating records in the session (flushed, never committed). The
flow around it is the same for every caller:

- `preview` plans and writes nothing (the transaction is rolled back whatever happens);
- `save` plans again (the database may have changed since the preview), applies and
  commits once: on any error everything is rolled back, and a unique constraint broken by
  an import that won the race becomes the importer's refusal, an ImportConflict.

A refusal is about the file: asking again with the same file cannot succeed. Any other
error (the database gone for a moment) leaves the file worth trying again.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from visits.editing import commit
from visits.importing.budget import ParseTooLong, parse_budget
from visits.uploads import Upload

PlanT = TypeVar("PlanT")
ResultT = TypeVar("ResultT")
ResultT_co = TypeVar("ResultT_co", covariant=True)  # an importer only gives its result


class ImportRefused(ValueError):
    """The file cannot be imported; `messages` says why, one problem each."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages: list[str] = [str(message) for message in messages]
        super().__init__("; ".join(self.messages))


class ImportConflict(ImportRefused):
    """The import would repeat what another import saved meanwhile; nothing was saved."""


class Importer(Protocol[PlanT, ResultT_co]):
    """What a kind of file needs to be imported by the flow."""

    def plan(self, session: Session, upload: Upload) -> PlanT:
        """Read and check the file and match its records; ImportRefused lists every problem."""
        ...

    def apply(self, session: Session, plan: PlanT) -> ResultT_co:
        """Create what the plan says in the session and flush; never commit."""
        ...

    def conflict_message(self) -> str:
        """The refusal when a concurrent import saved the same records first."""
        ...


@dataclass(frozen=True)
class Saved(Generic[PlanT, ResultT]):
    plan: PlanT
    result: ResultT


def plan_within_budget(
    session: Session, importer: Importer[PlanT, ResultT], upload: Upload
) -> PlanT:
    """The importer's plan, read under the uploads' budget (budget.py): ParseBusy when
    every slot is taken; a refusal when the reading runs out of time."""
    try:
        with parse_budget():
            return importer.plan(session, upload)
    except ParseTooLong as error:
        raise ImportRefused([error.message()]) from None


def preview(session: Session, importer: Importer[PlanT, ResultT], upload: Upload) -> PlanT:
    """The plan of importing `upload`; nothing is written."""
    try:
        return plan_within_budget(session, importer, upload)
    finally:
        session.rollback()


def save(
    session: Session, importer: Importer[PlanT, ResultT], upload: Upload
) -> Saved[PlanT, ResultT]:
    """Plan again, apply and commit: all of the file is saved, or nothing."""
    try:
        plan = plan_within_budget(session, importer, upload)
        result = importer.apply(session, plan)
        commit(session)
    except IntegrityError:
        session.rollback()
        raise ImportConflict([importer.conflict_message()]) from None
    except BaseException:
        session.rollback()
        raise
    return Saved(plan, result)
