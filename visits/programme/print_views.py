"""The printable programme: HTML and PDF."""

from visits.programme import bp  # noqa: F401
