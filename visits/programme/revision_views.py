"""Issuing revisions of a programme and comparing them."""

from visits.programme import bp  # noqa: F401
