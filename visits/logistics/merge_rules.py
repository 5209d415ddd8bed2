"""How the arrival/departure form merges with a colleague's save (visits.web.merge): the
date with its time as one field, since a time means nothing without its day."""

from typing import Any

from flask_babel import lazy_gettext as _l

from visits.web.merge_units import Group, MergeRules


def _when(form: Any) -> str:
    day, at = form.day.data, form.time.data
    if day is None or at is None:
        return "—"
    return f"{day:%d.%m.%Y} {at:%H:%M}"


MOVEMENT_MERGE = MergeRules(
    groups=(Group("when", _l("Date and time"), ("day", "time"), ("at",), show=_when),),
)
