"""How a record that still uses another one is named on a refused deletion: a text in
the reader's language and a link to the page where it can be seen.

Shared by the people, organization and venue pages (all of them refuse deletions that
would take events, members or visits with them).
"""

from flask import url_for
from flask_babel import gettext as _

from visits.i18n import hours_minutes, in_language, long_date
from visits.models import Delegation, Event, Visit
from visits.scheduling.timezones import to_local

Reference = tuple[str, str]


def event_reference(event: Event) -> Reference:
    """«Title» (visit, weekday date, HH:MM in the visit's zone), linking to its row."""
    local = to_local(event.starts_at, event.visit.timezone)
    text = _(
        "Event «%(event)s» (%(visit)s, %(day)s, %(time)s)",
        event=in_language(event.title),
        visit=in_language(event.visit.title),
        day=long_date(local.date()),
        time=hours_minutes(local),
    )
    shown = local.date().isoformat()
    url = url_for("visits.show", visit_id=event.visit_id, day=shown, _anchor=f"event-{event.id}")
    return text, url


def visit_reference(visit: Visit, text: str) -> Reference:
    return text, url_for("visits.show", visit_id=visit.id)


def logistics_reference(visit: Visit, text: str) -> Reference:
    """An arrival, a departure or a stay: on the logistics page of its visit."""
    return text, url_for("logistics.index", visit_id=visit.id)


def delegation_reference(delegation: Delegation) -> Reference:
    text = _("Member of the delegation «%(delegation)s»", delegation=in_language(delegation.name))
    return text, url_for("delegations.show", delegation_id=delegation.id)


def names(texts: list[str], limit: int = 10) -> str:
    """A short list of names: the first `limit`, then an ellipsis."""
    shown = ", ".join(texts[:limit])
    return shown + (", …" if len(texts) > limit else "")
