"""What the merge compares: values as a browser posts them back equal what the page showed."""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from visits.models import EventStatus
from visits.web.merge_units import plain


@dataclass
class Row:
    person_id: int | None
    role: EventStatus


def test_text_compares_without_blanks_carriage_returns_or_empty_strings():
    assert plain("  Встреча\r\nс акимом ") == "Встреча\nс акимом"
    assert plain("") is None and plain("   ") is None and plain(None) is None


def test_values_become_what_json_holds():
    assert plain(EventStatus.CONFIRMED) == "confirmed"
    assert plain(date(2025, 4, 21)) == "2025-04-21" and plain(time(10)) == "10:00:00"
    assert plain(Decimal("49.9480")) == plain(Decimal("49.948")) == "49.948"
    assert plain((1, "a")) == [1, "a"]
    assert plain([Row(1, EventStatus.TENTATIVE)]) == [{"person_id": 1, "role": "tentative"}]
