"""Venues: the list, creating, changing and deleting one, and the travel times between
a venue and the others (on the venue's page)."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from visits.auth.access import editors_only
from visits.editing import commit
from visits.extensions import db
from visits.forms import DeleteForm, errors_by_name
from visits.i18n import date_span, hours_minutes, in_language, long_date
from visits.models import Direction, Movement, Stay, TravelTime, Venue
from visits.references import Reference, event_reference, logistics_reference
from visits.scheduling.timezones import to_local
from visits.venues import bp
from visits.venues.forms import TravelTimeForm, VenueForm
from visits.venues.queries import all_venues, venue_list
from visits.venues.services import (
    SERVICES,
    VenueUsage,
    remove_travel_time,
    save_travel_time,
    travel_times,
)
from visits.web import drafts
from visits.web.choices import record_choices
from visits.web.records import RecordPages, list_page

DRAFT_KIND = "venue"


@bp.get("/")
def index():
    term = request.args.get("q", "").strip()
    return list_page(venue_list(term), "venues/index.html", term=term, args={"q": term or None})


@bp.post("/quick")
@editors_only
def quick():
    """A venue created from another form's dialog: 201 with its id and name, or 422 with
    the problems by input name; nothing is saved then."""
    form = VenueForm()
    if not form.validate_on_submit():
        return jsonify(errors=errors_by_name(form)), 422
    venue = SERVICES.create(db.session(), form.values())
    commit(db.session())
    return jsonify(id=venue.id, name=in_language(venue.name)), 201


@bp.post("/<int:venue_id>/travel")
def save_travel(venue_id: int):
    venue = db.get_or_404(Venue, venue_id)
    travel_form = _travel_form(venue)
    if not travel_form.validate_on_submit():
        return _render(VenueForm(obj=venue, formdata=None), venue, travel_form, status=422)
    minutes = travel_form.minutes.data
    assert minutes is not None  # the form requires it
    try:
        save_travel_time(db.session(), venue.id, travel_form.to_venue_id.data, minutes)
        commit(db.session())
    except (IntegrityError, StaleDataError):  # saved for the same pair at the same moment
        db.session.rollback()
        flash(_("Someone saved this travel time at the same moment. Check it."), "error")
    else:
        flash(_("The travel time is saved."), "success")
    return redirect(url_for(".edit", venue_id=venue.id, _anchor="travel"))


@bp.post("/<int:venue_id>/travel/<int:travel_id>/delete")
def remove_travel(venue_id: int, travel_id: int):
    travel = db.get_or_404(TravelTime, travel_id)
    if venue_id not in (travel.from_venue_id, travel.to_venue_id):
        abort(404)
    if DeleteForm().validate_on_submit():
        try:
            remove_travel_time(db.session(), travel)
            commit(db.session())
        except StaleDataError:  # removed by someone else meanwhile
            db.session.rollback()
        flash(_("The travel time is removed."), "success")
    return redirect(url_for(".edit", venue_id=venue_id, _anchor="travel"))


def _travel_form(venue: Venue, **kwargs) -> TravelTimeForm:
    form = TravelTimeForm(venue.id, prefix="travel", **kwargs)
    others = (other for other in db.session.scalars(all_venues()) if other.id != venue.id)
    form.to_venue_id.choices = record_choices(others)
    return form


def _render(form: VenueForm, venue: Venue | None = None, travel_form=None, stale=None, status=200):
    if venue is not None and travel_form is None:
        travel_form = _travel_form(venue, formdata=None)
    page = render_template(
        "venues/form.html",
        form=form,
        venue=venue,
        back=drafts.back_url(DRAFT_KIND) if venue is None else None,
        stale=stale,
        travel_form=travel_form,
        travel_times=travel_times(db.session(), venue) if venue is not None else [],
    )
    return page, status


def _consequences(usage: VenueUsage) -> tuple[list[Reference], str]:
    blockers = [event_reference(event) for event in usage.events]
    blockers += [_stay_reference(stay) for stay in usage.stays]
    blockers += [_movement_reference(movement) for movement in usage.movements]
    consequences = []
    if usage.travel_times:
        consequences.append(
            ngettext(
                "Its travel time to another venue is deleted with it.",
                "Its %(num)d travel times to other venues are deleted with it.",
                len(usage.travel_times),
            )
        )
    if usage.feeds:
        consequences.append(
            ngettext(
                "Its calendar link stops working.",
                "Its %(num)d calendar links stop working.",
                usage.feeds,
            )
        )
    return blockers, " ".join(consequences)


def _stay_reference(stay: Stay) -> Reference:
    text = _(
        "Accommodation of the visit «%(visit)s», %(dates)s",
        visit=in_language(stay.visit.title),
        dates=date_span(stay.check_in, stay.check_out),
    )
    return logistics_reference(stay.visit, text)


def _movement_reference(movement: Movement) -> Reference:
    local = to_local(movement.at, movement.visit.timezone)
    values = {
        "visit": in_language(movement.visit.title),
        "day": long_date(local.date()),
        "time": hours_minutes(local),
    }
    if movement.direction is Direction.ARRIVAL:
        text = _("Arrival of the visit «%(visit)s», %(day)s, %(time)s", **values)
    else:
        text = _("Departure of the visit «%(visit)s», %(day)s, %(time)s", **values)
    return logistics_reference(movement.visit, text)


PAGES = RecordPages(
    Venue,
    "venue_id",
    SERVICES,
    VenueForm,
    _render,
    _consequences,
    created=lambda venue: (
        drafts.come_back(DRAFT_KIND, venue.id) or url_for(".edit", venue_id=venue.id)
    ),
)
PAGES.register(bp, PAGES.new)
