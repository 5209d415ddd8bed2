"""The dates of a visit are checked once, by the visit services; the form and the API say
the same thing beside the same field."""

from datetime import date

import pytest

from tests.visits.test_editing import FORM
from visits.visits.services import InvalidVisit, check_dates, create_visit

MESSAGE = "The last day cannot be before the first day."


def test_the_service_refuses_a_last_day_before_the_first(db):
    with pytest.raises(InvalidVisit) as refused:
        create_visit(
            db.session(),
            title=None,
            timezone="Asia/Almaty",
            start_date=date(2025, 4, 22),
            end_date=date(2025, 4, 21),
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("end_date", "last_day_before_first")
    ]
    check_dates(date(2025, 4, 21), date(2025, 4, 21))  # one day is a visit


def test_the_form_shows_the_services_refusal_beside_the_last_day(staff_client):
    response = staff_client.post(
        "/visits/new?lang=en",
        data=FORM | {"start_date": "2025-04-22", "end_date": "2025-04-21"},
    )
    assert response.status_code == 422
    assert MESSAGE in response.get_data(as_text=True)
