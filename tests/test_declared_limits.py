"""Forms take their limits from the models: one declaration per field."""

import pytest
from wtforms.validators import DataRequired, Length

from visits.events.forms import EventForm
from visits.forms import limit
from visits.logistics.forms import LogisticsForm
from visits.models import Event, Movement, Person, Venue, Visit
from visits.models.columns import is_required, max_length
from visits.people.forms import PersonForm
from visits.venues.forms import VenueForm


def length_of(field) -> int | None:
    limits = [v.max for v in field.validators if isinstance(v, Length)]
    return limits[0] if limits else None


@pytest.mark.parametrize(
    ("form_class", "name", "attribute"),
    [
        (PersonForm, "full_name", Person.full_name),
        (PersonForm, "position", Person.position),
        (VenueForm, "address", Venue.address),
        (EventForm, "title", Event.title),
        (EventForm, "description", Event.description),
    ],
)
def test_a_localized_field_has_the_models_length_and_requirement(app, form_class, name, attribute):
    with app.test_request_context():
        # The person form resolves its organization picker in a session (none used here).
        kwargs = {"visit": Visit()} if form_class is EventForm else {"session": None}
        field = form_class(**kwargs)[name]
        for lang in ("ru", "kk", "en"):
            assert length_of(field[lang]) == max_length(attribute)
        required = any(isinstance(v, DataRequired) for v in field["ru"].validators)
        assert required is is_required(attribute)
        assert not any(isinstance(v, DataRequired) for v in field["kk"].validators)


def test_plain_text_limits_come_from_the_models(app):
    with app.test_request_context():
        assert length_of(PersonForm(session=None).email) == max_length(Person.email) == 254
        assert length_of(LogisticsForm(members=[]).notes) == max_length(Movement.notes) == 2000


def test_a_changed_limit_on_the_model_is_what_the_form_checks(app, monkeypatch):
    column = Person.__table__.c.phone
    monkeypatch.setitem(column.info, "max_length", 20)
    assert limit(Person.phone).max == 20
