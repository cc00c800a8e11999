"""What a document's settled places tell resolution: the units they lie in, their points, their
countries; and the parent chains of places, read once per document."""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

from toponyms.model import EARTH_RADIUS_KM, Kind, Place, distance_km

_SLACK_DEGREES = 1e-9  # rounding
MAX_ANCHOR_POINTS = 200  # a long document's distinct settled points weighed for coherence
# Kinds that stand for a region in which other places lie (their points are centroids).
REGION_KINDS = frozenset({Kind.COUNTRY, Kind.REGION, Kind.OBLAST, Kind.RAION, Kind.HROMADA})
FIRST_LEVEL_KINDS = frozenset({Kind.OBLAST, Kind.REGION})
POINT_KINDS = frozenset({Kind.CITY, Kind.TOWN, Kind.SETTLEMENT, Kind.VILLAGE, Kind.CITY_DISTRICT})
# Places a reader takes a bare name for before any village of that name (Запорожье, Poltava).
MAJOR_KINDS = frozenset({Kind.COUNTRY, Kind.REGION, Kind.OBLAST, Kind.CITY, Kind.TOWN, Kind.AREA})


@attrs.define
class Lineage:
    """The parent chains of places, cached for one document."""

    places: Mapping[str, Place]
    _ancestors: dict[str, tuple[str, ...]] = attrs.field(factory=dict)

    def ancestors(self, place_id: str) -> tuple[str, ...]:
        """The ids of a place's parents, nearest first."""
        found = self._ancestors.get(place_id)
        if found is None:
            chain: list[str] = []
            parent = self.places[place_id].parent
            while parent is not None and parent in self.places and parent not in chain:
                chain.append(parent)
                parent = self.places[parent].parent
            found = self._ancestors[place_id] = tuple(chain)
        return found

    def is_within(self, place_id: str, unit: str) -> bool:
        """Whether ``unit`` is among the parents of ``place_id``."""
        return unit in self.ancestors(place_id)

    def raion(self, place_id: str) -> str | None:
        """The raion a settlement lies in, or None (also for a place that is no settlement)."""
        if self.places[place_id].kind not in POINT_KINDS:
            return None
        return self._ancestor_of_kind(place_id, (Kind.RAION,))

    def first_level(self, place_id: str) -> str | None:
        """The oblast (or region) a place lies in, or None."""
        return self._ancestor_of_kind(place_id, (Kind.OBLAST, Kind.REGION))

    def _ancestor_of_kind(self, place_id: str, kinds: tuple[Kind, ...]) -> str | None:
        for ancestor in self.ancestors(place_id):
            if self.places[ancestor].kind in kinds:
                return ancestor
        return None


@attrs.frozen
class Anchors:
    """A document's settled places as evidence: the units they are or lie in, the settlements
    among them (with points), and the countries they are in."""

    regions: frozenset[str]
    places: tuple[Place, ...]
    countries: tuple[str, ...]
    # The points in cells of a degree: a namesake is weighed against the anchors around it,
    # not against every one of a long document's (up to MAX_ANCHOR_POINTS).
    _grid: PointGrid = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_grid", PointGrid(self.places))

    def nearest(self, place: Place, km: float) -> tuple[Place, float] | None:
        """``nearest_within(place, self.places, km)``, through the grid."""
        return self._grid.nearest(place, km)

    @classmethod
    def of(cls, anchors: list[Place], lineage: Lineage) -> Anchors:
        regions: set[str] = set()
        points: dict[tuple[float, float], Place] = {}  # distinct, in order of mention
        # Countries and their capitals are named in every story (Moscow said, Kyiv said): they
        # say nothing of where the story happens.
        anchors = [a for a in anchors if not _national(a, lineage.places)]
        for anchor in anchors:
            if anchor.kind in REGION_KINDS and anchor.kind is not Kind.COUNTRY:
                regions.add(anchor.id)
            elif anchor.kind in POINT_KINDS and anchor.coords is not None:
                points.setdefault((anchor.coords.lat, anchor.coords.lon), anchor)
                first_level = lineage.first_level(anchor.id)
                if first_level is not None:
                    regions.add(first_level)
        return cls(
            frozenset(regions),
            tuple(points.values())[:MAX_ANCHOR_POINTS],
            tuple(anchor.country for anchor in anchors),
        )

    def region_of(self, place: Place, lineage: Lineage) -> Place | None:
        """The nearest unit among the anchors that contains ``place``."""
        for ancestor in lineage.ancestors(place.id):
            if ancestor in self.regions:
                return lineage.places[ancestor]
        return None


def _national(place: Place, places: Mapping[str, Place]) -> bool:
    if place.kind is Kind.COUNTRY:
        return True
    country = places.get(place.country.lower())
    return country is not None and country.capital == place.id


class PointGrid:
    """Places bucketed by whole degrees of latitude and longitude; :meth:`nearest` reads only
    the cells a circle of ``km`` can reach and answers as :func:`nearest_within` over all the
    places (the first of equally near ones, in their order)."""

    def __init__(self, places: tuple[Place, ...]) -> None:
        self._places = places
        self._cells: dict[tuple[int, int], list[int]] = {}
        for number, place in enumerate(places):
            if place.coords is not None:
                cell = (math.floor(place.coords.lat), math.floor(place.coords.lon) % 360)
                self._cells.setdefault(cell, []).append(number)

    def nearest(self, place: Place, km: float) -> tuple[Place, float] | None:
        if place.coords is None:
            return None
        if len(self._places) <= _GRID_MIN_PLACES:
            return nearest_within(place, self._places, km)
        lat, lon = place.coords.lat, place.coords.lon
        dlat = math.degrees(km / EARTH_RADIUS_KM) + _SLACK_DEGREES
        # A circle's reach in longitude widens towards the poles: bounded by the cosine of
        # its highest latitude, the whole circle of longitudes past a pole.
        top = abs(lat) + dlat
        dlon = 360.0 if top >= 89.0 else dlat / math.cos(math.radians(top)) + _SLACK_DEGREES
        lons = (
            range(360) if dlon >= 180 else range(math.floor(lon - dlon), math.floor(lon + dlon) + 1)
        )
        numbers: list[int] = []
        for cell_lat in range(math.floor(lat - dlat), math.floor(lat + dlat) + 1):
            for cell_lon in lons:
                numbers.extend(self._cells.get((cell_lat, cell_lon % 360), ()))
        numbers.sort()
        return nearest_within(place, [self._places[n] for n in numbers], km)


_GRID_MIN_PLACES = 16  # fewer anchors than this are read one by one


def nearest_within(
    place: Place, anchors: tuple[Place, ...] | list[Place], km: float
) -> tuple[Place, float] | None:
    """The anchor nearest to ``place`` and its distance, if within ``km`` (both need points)."""
    if place.coords is None:
        return None
    lat, lon = place.coords.lat, place.coords.lon
    # No point is nearer than its difference in latitude: anchors beyond it skip the
    # trigonometry (a long document weighs up to MAX_ANCHOR_POINTS anchors per namesake).
    max_dlat = math.degrees(km / EARTH_RADIUS_KM) + _SLACK_DEGREES
    best: tuple[Place, float] | None = None
    for anchor in anchors:
        if anchor.coords is None:
            continue  # (the place itself, named elsewhere in the text, is the best anchor)
        if abs(anchor.coords.lat - lat) > max_dlat:
            continue
        distance = distance_km(lat, lon, anchor.coords.lat, anchor.coords.lon)
        if distance <= km and (best is None or distance < best[1]):
            best = (anchor, distance)
    return best
