from visits.events import bp  # noqa: F401
