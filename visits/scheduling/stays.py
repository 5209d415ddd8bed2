"""Accommodation against arrival and departure, in local dates.

A booking is (check_in, check_out); its nights are check_out - check_in. Differences are
counted in nights and signed from the guest's point of view: positive = nights in town
without a bed, negative = booked nights not used.
"""

from collections.abc import Iterable
from datetime import date

ARRIVAL = "arrival"
DEPARTURE = "departure"

Booking = tuple[date, date]  # (check_in, check_out)


def closest_booking(
    bookings: Iterable[Booking], arrival: date | None, departure: date | None
) -> Booking | None:
    """The booking fewest nights apart from an arrival and a departure (either may be
    unknown); the earliest among equals; None when there is no booking at all."""

    def apart(booking: Booking) -> tuple[int, Booking]:
        check_in, check_out = booking
        nights = abs((check_in - arrival).days) if arrival is not None else 0
        nights += abs((check_out - departure).days) if departure is not None else 0
        return nights, booking

    return min(bookings, key=apart, default=None)


def mismatches(
    arrival: date | None, departure: date | None, booking: Booking
) -> list[tuple[str, int]]:
    """(ARRIVAL or DEPARTURE, nights) for each known end of a presence that the booking
    does not match, nights signed as in the module docstring."""
    check_in, check_out = booking
    found = []
    if arrival is not None and arrival != check_in:
        found.append((ARRIVAL, (check_in - arrival).days))
    if departure is not None and departure != check_out:
        found.append((DEPARTURE, (departure - check_out).days))
    return found
