"""The API's resources, one module (and one blueprint) each."""

from visits.api.resources import (
    conflicts,
    delegations,
    events,
    feeds,
    organizations,
    people,
    revisions,
    transfer,
    venues,
    visits,
)

BLUEPRINTS = [venues.blp, visits.blp, delegations.blp, people.blp, organizations.blp]
BLUEPRINTS += [events.blp, conflicts.blp, feeds.blp, revisions.blp, transfer.blp]
