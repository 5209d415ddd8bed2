"""Travel time between two venues: a time set by staff, else an estimate from coordinates.

The estimate is the great-circle (haversine) distance, lengthened by a road detour
factor of 1.3, driven at a city speed (30 km/h unless told), rounded up to whole
minutes. It is deliberately rough: staff set the real time for the pairs that matter,
and a time they set wins in both directions.
"""

import math
from collections.abc import Mapping

EARTH_RADIUS_KM = 6371.0088  # the mean Earth radius (IUGG)
DETOUR_FACTOR = 1.3  # roads are longer than the straight line between two points
DEFAULT_CITY_SPEED_KMH = 30.0

# Floating-point noise (10.000000000001 minutes) must not cost a whole extra minute.
_EPSILON_MINUTES = 1e-9


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def estimate_minutes(
    lat1: float,
    lon1: float,
    lat2: float,
    lon2: float,
    city_speed_kmh: float = DEFAULT_CITY_SPEED_KMH,
) -> int:
    """Whole minutes (rounded up) to go from one point to another through the city."""
    if city_speed_kmh <= 0:
        raise ValueError("city_speed_kmh must be positive")
    road_km = haversine_km(lat1, lon1, lat2, lon2) * DETOUR_FACTOR
    minutes = road_km / city_speed_kmh * 60
    return max(0, math.ceil(minutes - _EPSILON_MINUTES))


def staff_minutes(
    travel_minutes: Mapping[tuple[int, int], int] | None, a: int, b: int
) -> int | None:
    """The time staff set for going from venue `a` to venue `b`, in either order, or None.

    A pair (a, b) also answers (b, a); when staff set both orders, the one that matches
    the direction of travel wins.
    """
    if not travel_minutes:
        return None
    minutes = travel_minutes.get((a, b))
    if minutes is None:
        minutes = travel_minutes.get((b, a))
    return minutes


Coordinates = tuple[float | None, float | None]


class TravelTimes:
    """Travel minutes between venues, memoised for one detection run.

    `coordinates` maps a venue id to its (latitude, longitude); a venue that is missing,
    or lacks either coordinate, has no estimate. `minutes(a, b)` is None when neither
    staff nor coordinates can tell.
    """

    def __init__(
        self,
        coordinates: Mapping[int, Coordinates],
        travel_minutes: Mapping[tuple[int, int], int] | None = None,
        city_speed_kmh: float = DEFAULT_CITY_SPEED_KMH,
    ) -> None:
        if city_speed_kmh <= 0:
            raise ValueError("city_speed_kmh must be positive")
        self._coordinates = coordinates
        self._staff = travel_minutes
        self._speed = city_speed_kmh
        self._cache: dict[tuple[int, int], int | None] = {}

    def minutes(self, a: int, b: int) -> int | None:
        """Minutes to go from venue `a` to venue `b`: staff-set, else estimated, else None."""
        key = (a, b)
        try:
            return self._cache[key]
        except KeyError:
            pass
        result = staff_minutes(self._staff, a, b)
        if result is None:
            result = self._estimate(a, b)
        self._cache[key] = result
        return result

    def _estimate(self, a: int, b: int) -> int | None:
        lat1, lon1 = self._coordinates.get(a, (None, None))
        lat2, lon2 = self._coordinates.get(b, (None, None))
        if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
            return None
        return estimate_minutes(lat1, lon1, lat2, lon2, self._speed)
