from visits.logistics import bp  # noqa: F401
