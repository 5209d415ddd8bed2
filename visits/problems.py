"""The words for the problems the services report: one message per problem code.

A service refuses with a code (`Problem.code`); the forms show its message in the
reader's language, the JSON API in English. Both read it here, so a refusal says the
same thing wherever it is made.
"""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

PROBLEMS = {
    "missing_start": _l("Enter when the event starts."),
    "missing_end": _l("Enter when the event ends."),
    "ends_before_start": _l("The event must end after it starts."),
    "outside_visit": _l("The event falls outside the dates of the visit."),
    "person_or_group": _l("Choose a person or a group, not both."),
    "duplicate_participant": _l("Already listed above."),
    "same_day": _l("Choose a different day to copy to."),
    "last_day_before_first": _l("The last day cannot be before the first day."),
    "no_minutes": _l("Enter by how many minutes to shift (negative: earlier)."),
    "too_many_minutes": _l("Shift by at most a week; to go further, move to another day."),
    "no_day": _l("Choose the day."),
    "nothing_to_copy": _l("Nothing to copy: that day has no events that are not cancelled."),
    "nothing_selected": _l("Tick the events to change first."),
    "nothing_changes": _l("Nothing would change: the events are already so."),
    "unknown_action": _l("Choose what to do with the events."),
    "no_venue_lane": _l(
        "An event is not moved to «no venue» on the timeline; clear its venue in its form."
    ),
    "not_a_venue_lane": _l("Drop the event in a venue's lane."),
    "unknown_venue": _l("That venue no longer exists. Reload the page."),
}


def problem_message(code: str) -> str:
    """The message of a problem code in the reader's language (the code if unknown)."""
    return str(PROBLEMS.get(code, code))


def english_problem_message(code: str) -> str:
    """The message of a problem code in English, as the JSON API answers."""
    with force_locale("en"):
        return problem_message(code)
