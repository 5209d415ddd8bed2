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


def _central_angle(
    phi1: float, lambda1: float, cos1: float, phi2: float, lambda2: float, cos2: float
) -> float:
    """The haversine formula, on points in radians with the cosine of their latitude."""
    h = math.sin((phi2 - phi1) / 2) ** 2 + cos1 * cos2 * math.sin((lambda2 - lambda1) / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(h)))


def _radians(lat: float, lon: float) -> tuple[float, float, float]:
    phi = math.radians(lat)
    return phi, math.radians(lon), math.cos(phi)


def _road_minutes(km: float, city_speed_kmh: float) -> int:
    minutes = km * DETOUR_FACTOR / city_speed_kmh * 60
    return max(0, math.ceil(minutes - _EPSILON_MINUTES))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    return EARTH_RADIUS_KM * _central_angle(*_radians(lat1, lon1), *_radians(lat2, lon2))


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
    return _road_minutes(haversine_km(lat1, lon1, lat2, lon2), city_speed_kmh)


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
        self._points: dict[int, tuple[float, float, float] | None] = {}

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
        first, second = self._point(a), self._point(b)
        if first is None or second is None:
            return None
        return _road_minutes(EARTH_RADIUS_KM * _central_angle(*first, *second), self._speed)

    def _point(self, venue: int) -> tuple[float, float, float] | None:
        """A venue's point as `_radians` gives it, or None without coordinates."""
        try:
            return self._points[venue]
        except KeyError:
            pass
        lat, lon = self._coordinates.get(venue, (None, None))
        point = None if lat is None or lon is None else _radians(lat, lon)
        self._points[venue] = point
        return point
