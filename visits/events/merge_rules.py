"""How the event forms merge with a colleague's save (visits.web.merge): the date with its
start and end as one field, and the participants as one ordered list; in the "Move…" form,
the new date with the new start."""

from typing import Any

from flask_babel import lazy_gettext as _l

from visits.web.merge_units import Group, ListRule, MergeRules, shown_value


def _when(form: Any) -> str:
    day, start, end = form.day.data, form.start_time.data, form.end_time.data
    if day is None or start is None or end is None:
        return "—"
    text = f"{day:%d.%m.%Y} {start:%H:%M}–{end:%H:%M}"
    return f"{text} (+1)" if form.ends_next_day.data else text


def _new_start(form: Any) -> str:
    day, start = form.day.data, form.start_time.data
    if day is None or start is None:
        return "—"
    return f"{day:%d.%m.%Y} {start:%H:%M}"


def _participants(form: Any) -> list[Any]:
    return list(form.participant_values())


def _names(form: Any) -> str:
    """The participants as the form lists them: «Аким (host); «Сибирь» (performer)»."""
    shown = []
    for entry in form.participants:
        row = entry.form
        if row.is_kept:
            name = shown_value(row.person_name) or shown_value(row.organization_name)
            shown.append(f"{name} ({shown_value(row.role)})")
    return "; ".join(shown) or "—"


def _take_participants(form: Any, theirs: Any) -> None:
    """The colleague's participants replace the rows of the form, in their order."""
    form.set_rows(theirs.participant_values())


# The participant rows of a form (ParticipantRows: the event's, a saved group's) as one value.
PARTICIPANT_ROWS = ListRule(
    _l("Participants"), _participants, _names, _take_participants, ("participants",)
)

EVENT_MERGE = MergeRules(
    groups=(
        Group(
            "when",
            _l("Date and time"),
            ("day", "start_time", "end_time", "ends_next_day"),
            ("starts_at", "ends_at"),
            show=_when,
        ),
        # The picker's id and the name it shows are one choice.
        Group(
            "responsible",
            _l("Responsible (staff only)"),
            ("responsible_id", "responsible_name"),
            ("responsible_id",),
            show=lambda form: shown_value(form.responsible_name) or "—",
        ),
    ),
    lists={"participants": PARTICIPANT_ROWS},
)

MOVE_MERGE = MergeRules(
    groups=(
        Group(
            "when", _l("New date and start"), ("day", "start_time"), ("starts_at",), show=_new_start
        ),
    ),
)
