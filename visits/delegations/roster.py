"""Several members at once, typed or pasted as a list: one member per line, «name —
position», in order of precedence. A name that matches a person (or a group) already in the
directory, in any language variant, takes that record; any other name becomes a new record
with its name (and position) in the working language. All lines are added or none.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from visits.delegations.services import in_order, renumber
from visits.languages import WORKING_LANGUAGE
from visits.models import (
    Delegation,
    DelegationMember,
    MemberRole,
    Organization,
    OrganizationKind,
    Person,
)
from visits.models.columns import max_length
from visits.models.localized import LocalizedText

# A dash with spaces around it (or a tab) parts the name from the position.
SEPARATOR = re.compile(r"\t|\s+[—–-]\s+")
MAX_LINES = 200


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as the user counts the lines they typed
    name: str
    position: str | None


@dataclass(frozen=True)
class LineProblem:
    """Why line `number` cannot be added: `code` is one of too_many_lines, name_too_long,
    position_too_long, ambiguous (two records answer to the name), repeated (an earlier
    line names the same), already_member; `name` is the line's name."""

    number: int
    code: str
    name: str = ""


class RosterRefused(ValueError):
    def __init__(self, problems: Sequence[LineProblem]) -> None:
        super().__init__(", ".join(f"{p.number}: {p.code}" for p in problems))
        self.problems = list(problems)


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _key(name: str) -> str:
    return _tidy(name).casefold().replace("ё", "е")


def parse(text: str) -> list[Line]:
    """The non-empty lines of `text`, each split into a name and an optional position;
    list markers («1.», «-», «•») in front of a name are dropped."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        raw = re.sub(r"^\s*(?:\d+[.)]|[-•*–—])\s+", "", raw)
        if not raw.strip():
            continue
        parts = SEPARATOR.split(raw, maxsplit=1)
        name = _tidy(parts[0])
        position = _tidy(parts[1]) if len(parts) > 1 and parts[1].strip() else None
        if name:
            lines.append(Line(number, name, position))
    return lines


def _directory(session: Session, groups: bool) -> dict[str, list[int]]:
    """Each name variant of the directory's people (or groups) → the ids answering to it."""
    query = (
        select(Organization.id, Organization.name)
        if groups
        else select(Person.id, Person.full_name)
    )
    found: dict[str, list[int]] = {}
    for record_id, text in session.execute(query):
        for variant in {v for v in (text.ru, text.kk, text.en) if v}:
            found.setdefault(_key(variant), []).append(record_id)
    return found


def _problems(
    lines: Sequence[Line], directory: dict[str, list[int]], members: set[int], groups: bool
) -> list[LineProblem]:
    name_limit = max_length(Organization.name if groups else Person.full_name)
    position_limit = max_length(Person.position)
    problems, seen = [], set()
    if len(lines) > MAX_LINES:
        return [LineProblem(lines[MAX_LINES].number, "too_many_lines")]
    for line in lines:
        ids = directory.get(_key(line.name), [])
        code = None
        if name_limit and len(line.name) > name_limit:
            code = "name_too_long"
        elif line.position and position_limit and len(line.position) > position_limit:
            code = "position_too_long"
        elif len(set(ids)) > 1:
            code = "ambiguous"
        elif _key(line.name) in seen:
            code = "repeated"
        elif ids and ids[0] in members:
            code = "already_member"
        seen.add(_key(line.name))
        if code:
            problems.append(LineProblem(line.number, code, line.name))
    return problems


def add_members(
    session: Session,
    delegation: Delegation,
    lines: Sequence[Line],
    *,
    role: MemberRole,
    groups: bool = False,
    organization_id: int | None = None,
) -> list[DelegationMember]:
    """Add a member per line, after the present ones, in the order of the lines.

    People (or, with `groups`, groups and organizations) are found by name or created;
    a new person gets the line's position and `organization_id`. Raises RosterRefused
    naming every line that cannot be added; then nothing is added.
    """
    directory = _directory(session, groups)
    present = in_order(delegation)
    members = {m.organization_id if groups else m.person_id for m in present} - {None}
    problems = _problems(lines, directory, {m for m in members if m is not None}, groups)
    if problems:
        raise RosterRefused(problems)
    added: list[DelegationMember] = []
    for line in lines:
        found = directory.get(_key(line.name))
        record_id = found[0] if found else _create(session, line, groups, role, organization_id)
        member = DelegationMember(
            person_id=None if groups else record_id,
            organization_id=record_id if groups else None,
            role=role,
            precedence=len(present) + len(added) + 1,
        )
        delegation.members.append(member)
        added.append(member)
    renumber([*present, *added])
    session.flush()
    return added


def _create(
    session: Session, line: Line, groups: bool, role: MemberRole, organization_id: int | None
) -> int:
    name = LocalizedText(**{WORKING_LANGUAGE: line.name})
    record: Person | Organization
    if groups:
        kind = OrganizationKind.ENSEMBLE if role is MemberRole.PERFORMER else OrganizationKind.OTHER
        record = Organization(name=name, kind=kind)
    else:
        position = LocalizedText(**{WORKING_LANGUAGE: line.position}) if line.position else None
        record = Person(
            full_name=name,
            position=position or LocalizedText(),
            organization_id=organization_id,
        )
    session.add(record)
    session.flush()
    return record.id
