"""Input fields the events, feeds and revisions resources share: moments with their offset,
and text made safe before the fields read it."""

from datetime import UTC, date, datetime

import marshmallow as ma

from visits.scheduling.timezones import to_local

# Moments a day away from the ends of the calendar: no visit is there, and reading them on
# a zone's clock would overflow.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)


class Moment(ma.fields.AwareDateTime):
    """An ISO 8601 date-time with its offset, loaded as the same moment in UTC."""

    def _deserialize(self, value, attr, data, **kwargs) -> datetime:
        given = super()._deserialize(value, attr, data, **kwargs)
        moment: datetime | None
        try:
            moment = given.astimezone(UTC)
        except OverflowError:
            moment = None
        if moment is None or not EARLIEST <= moment <= LATEST:
            raise ma.ValidationError("Must fall between the years 1 and 9999.")
        return moment


class MomentOrDay(Moment):
    """A date-time with its offset, or a whole day as YYYY-MM-DD."""

    # A date-time field that also takes a day: documented as a date-time, it stays one.
    def _deserialize(self, value, attr, data, **kwargs) -> datetime | date:  # type: ignore[override]
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise ma.ValidationError("Not a valid date or date-time.") from None
        return super()._deserialize(value, attr, data, **kwargs)


class LocalMoment(ma.fields.AwareDateTime):
    """A stored moment shown on the clock of the event's visit, with that offset."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        return super()._serialize(to_local(value, obj.visit.timezone), attr, obj, **kwargs)
