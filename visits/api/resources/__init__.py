"""The API's resources, one module (and one blueprint) each."""

from visits.api.resources import venues

BLUEPRINTS = [venues.blp]
