"""Merging a calendar link's settings form whose save was refused because a colleague
changed the link first (SettingsChanged).

A link has no version number: its form carries the settings it showed (`loaded`), which
is both what the save compares against and the base of the merge. On a refused save the
settings the user left alone take the colleague's values, the user's own changes stay,
and each setting both changed is asked (`keep-<field>`: "mine" or "theirs"), as on the
record forms (visits.web.merge, shown by templates/_merge.html). The form is then armed
at the colleague's settings, so saving it is a deliberate second step; the settings asked
about travel in the hidden field `ask`.
"""

from dataclasses import asdict

from flask import request

from visits.feeds.forms import EditFeedForm
from visits.feeds.services import FeedSettings
from visits.merging import merge
from visits.models import FeedScope, FeedToken
from visits.web.merge import CHOICES, Change, Choice, MergeView
from visits.web.merge_units import PLAIN_RULES, Unit, units


def _form_of(settings: FeedSettings) -> EditFeedForm:
    return EditFeedForm(formdata=None, data=asdict(settings))


def _units(form: EditFeedForm, token: FeedToken) -> dict[str, Unit]:
    """The settings of the form as the merge sees them; whether a visit's or a venue's
    link also shows public events is not the user's to choose (it always does)."""
    found = {unit.key: unit for unit in units(form, PLAIN_RULES)}
    if token.scope is not FeedScope.PERSON:
        found.pop("include_public", None)
        found.pop("include_travel", None)
        found.pop("delivery", None)
    return found


def _asked(form: EditFeedForm, token: FeedToken) -> list[Unit]:
    found = _units(form, token)
    return [found[key] for key in (form.ask.data or "").split(",") if key in found]


def _choices(
    form: EditFeedForm,
    asked: list[Unit],
    theirs: EditFeedForm,
    chosen: dict[str, str | None] | None = None,
    ask_again: bool = False,
) -> list[Choice]:
    chosen = chosen or {}
    return [
        Choice(
            unit.key,
            unit.anchor(form),
            unit.label,
            unit.show(form),
            unit.show(theirs),
            chosen=chosen.get(unit.key),
            missing=ask_again and chosen.get(unit.key) not in CHOICES,
        )
        for unit in asked
    ]


class FeedMerge:
    """The merge side of a link's settings form in one request; on a submitted form that
    a merge asked about, the question is on the form (`form.merge`) from the start."""

    def __init__(self, form: EditFeedForm, token: FeedToken) -> None:
        self.form, self.token = form, token
        self.asked = _asked(form, token) if form.is_submitted() else []
        self.chosen = {unit.key: request.form.get(f"keep-{unit.key}") for unit in self.asked}
        loaded = form.loaded_settings()
        self.theirs = _form_of(loaded) if loaded is not None else None
        if self.asked and self.theirs is not None:
            self._ask()

    def _ask(self, ask_again: bool = False) -> None:
        assert self.theirs is not None
        choices = _choices(self.form, self.asked, self.theirs, self.chosen, ask_again)
        self.form.merge = MergeView(conflicts=choices, fresh=False)

    def resolve(self) -> bool:
        """Before saving: apply the choices between the user's and the colleague's values
        (the form's loaded settings are the colleague's). False, with the question shown
        again and marked, when one was not made."""
        if not self.asked or self.theirs is None:
            return True
        if any(choice not in CHOICES for choice in self.chosen.values()):
            self._ask(ask_again=True)
            return False
        for unit in self.asked:
            if self.chosen[unit.key] == "theirs":
                unit.take(self.form, self.theirs)
        return True

    def after_stale(self, loaded: FeedSettings | None, current: FeedSettings) -> None:
        """The save was refused: merge the user's settings with the colleague's
        (`current`) against those the form showed (`loaded`; None when unknown: every
        difference is asked), arm the form at `current` and say on the page what happened."""
        form, theirs = self.form, _form_of(current)
        found = _units(form, self.token)
        mine = {key: unit.value(form) for key, unit in found.items()}
        their_values = {key: unit.value(theirs) for key, unit in found.items()}
        base = None
        if loaded is not None:
            shown = _form_of(loaded)
            base = {key: unit.value(shown) for key, unit in found.items()}
        result = merge(base, mine, their_values)
        for key in result.taken:
            found[key].take(form, theirs)
        form.arm(current)
        form.ask.data = ",".join(result.conflicts)
        form.merge = MergeView(
            taken=[
                Change(u.anchor(form), u.label, u.show(theirs))
                for u in (found[key] for key in result.taken)
            ],
            kept=[
                Change(u.anchor(form), u.label, u.show(form))
                for u in (found[key] for key in result.kept)
            ],
            conflicts=_choices(form, [found[key] for key in result.conflicts], theirs),
            base_known=loaded is not None,
        )
