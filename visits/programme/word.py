"""The programme as a Word document: the words of the .docx in the current locale (call
inside force_locale), then exports.program_docx renders it. The same sentences as the
printed page (templates/programme/_prog_*.html), so both read alike in every language."""

from flask_babel import gettext as _

from visits.exports.arrangements import StayLine
from visits.exports.program import Programme
from visits.exports.program_docx import Texts, render_docx
from visits.i18n import date_span, full_date_span, zone_city
from visits.labels import label
from visits.models import EventStatus


def texts(programme: Programme, state) -> Texts:
    """The document's words; `state` is the revision state (draft, number, stamp)."""
    if state.draft and state.number:
        revision = _(
            "Draft: changes to revision %(number)d as of %(date)s",
            number=state.number,
            date=state.stamp,
        )
    elif state.draft:
        revision = _("Draft as of %(date)s", date=state.stamp)
    else:
        revision = _("Revision %(number)d of %(date)s", number=state.number, date=state.stamp)
    times = _(
        "local — %(city)s, %(offset)s",
        city=programme.city or zone_city(programme.zone),
        offset=programme.zone_offset,
    )
    if programme.home_zone:
        home = _(
            "delegation's — %(city)s, %(offset)s",
            city=zone_city(programme.home_zone),
            offset=programme.home_offset,
        )
        times = f"{times}; {home}"
    return Texts(
        headline=_("Programme of the delegation's stay"),
        working=_("Working programme: for the organizers only"),
        revision=revision,
        dates=full_date_span(programme.first_day, programme.last_day),
        times=times,
        home_column=zone_city(programme.home_zone) if programme.home_zone else "",
        person_label=_("Programme of"),
        delegation_label=_("Delegation"),
        occasion_label=_("Occasion"),
        dates_label=_("Dates"),
        host_label=_("Host"),
        times_label=_("Times"),
        time=_("Time"),
        event=_("Event"),
        venue=_("Venue"),
        participants=_("Participants"),
        notes=_("Notes"),
        all_day=_("all day"),
        internal=_("internal"),
        cancelled=label(EventStatus.CANCELLED),
        host_side=_("host side"),
        guest_side=_("guest side"),
        nothing_planned=_("Nothing is planned on this day."),
        no_events=_("The programme has no events yet."),
        dress_code=lambda code: _("Dress code: %(code)s", code=code),
        responsible=lambda name: _("Responsible: %(name)s", name=name),
        vehicles=lambda cars: _("Vehicles: %(cars)s", cars=cars),
        composition=_("Composition of the delegation"),
        host_officials=_("On the host side"),
        accommodation=_("Accommodation"),
        contacts=_("Contacts of the organizers"),
        liaison=_("Liaison officer"),
        stay=_stay,
        agreed=_("Agreed"),
        tentative=label(EventStatus.TENTATIVE),
        met_by=lambda who: _("Met or seen off by: %(who)s", who=who),
    )


def _stay(stay: StayLine) -> str:
    """A hotel as the printed page writes it: name, address, dates, who, notes."""
    place = f"{stay.hotel}, {stay.address}" if stay.address else stay.hotel
    text = f"{place} · {date_span(stay.check_in, stay.check_out)} · {stay.who}"
    return f"{text} ({stay.notes})" if stay.notes else text


def docx(programme: Programme, state) -> bytes:
    """The .docx of a programme, its words in the current locale."""
    return render_docx(programme, texts(programme, state))
