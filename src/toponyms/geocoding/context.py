"""Table context: an ambiguous row decided by the places the table's other rows settled.

A row's namesakes are weighed by how many distinct settled places of the table lie within
:data:`CONTEXT_KM` of each. The row takes a namesake only when it is the one with any, and it has
:data:`EXCESS` times more than the table's places would put around any point if they were spread
evenly over the area they cover: a front-line log's villages crowd around the front, a national
list of schools has neighbours everywhere and decides nothing this way. Only rows decided without
context count, so no decision feeds another.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from toponyms.geocoding.lookup import candidate_method
from toponyms.model import Kind, distance_km

if TYPE_CHECKING:
    from toponyms.gazetteer import Gazetteer
    from toponyms.geocoding.table import GeocodeResult

CONTEXT_KM = 25.0  # the front line's villages and a raion's schools lie this close together
EXCESS = 3.0  # times the neighbours an even spread of the table's places would give
MIN_AREA_KM2 = 100_000.0  # a few rows in one raion still say little about a namesake far away
_CELL_DEGREES = 0.25  # grid cells of about 28 km (north–south): neighbours are one cell away
KM_PER_DEGREE = 111.2
POINT_KINDS = frozenset({Kind.CITY, Kind.TOWN, Kind.SETTLEMENT, Kind.VILLAGE, Kind.CITY_DISTRICT})


class TableContext:
    """The settled points of a table, on a grid, to count a candidate's neighbours."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._grid: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
        self._needed = 1.0

    def decide(self, results: Sequence[GeocodeResult]) -> list[GeocodeResult]:
        """``results`` with each ambiguous one decided where the table's context allows."""
        for place_id in dict.fromkeys(r.place_id for r in results if r.place_id):
            point = self._point(place_id)
            if point is not None:
                self._grid[_cell(*point)].append((place_id, *point))
        if not self._grid:
            return list(results)
        self._needed = max(1.0, EXCESS * self._expected())
        decided: dict[int, GeocodeResult] = {}  # the same result object recurs for equal rows
        return [decided.setdefault(id(r), self._decided(r)) for r in results]

    def _decided(self, result: GeocodeResult) -> GeocodeResult:
        if result.match != "ambiguous":
            return result
        support = [(self._neighbours(c.place_id), c) for c in result.alternatives]
        supported = [(count, c) for count, c in support if count > 0]
        if len(supported) != 1 or supported[0][0] < self._needed:
            return result
        count, chosen = supported[0]
        return attrs.evolve(
            result,
            place_id=chosen.place_id,
            match=candidate_method(chosen),
            score=chosen.score,
            alternatives=tuple(c for c in result.alternatives if c is not chosen),
            evidence=(
                *result.evidence,
                f"table_context: {count} settled place(s) of the table within {CONTEXT_KM:g} km",
            ),
        )

    def _expected(self) -> float:
        """The settled places an even spread over the table's area puts within the radius."""
        points = [(lat, lon) for cell in self._grid.values() for _, lat, lon in cell]
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        middle = math.radians((max(lats) + min(lats)) / 2)
        height = (max(lats) - min(lats)) * KM_PER_DEGREE
        width = (max(lons) - min(lons)) * KM_PER_DEGREE * math.cos(middle)
        area = max(height * width, MIN_AREA_KM2)
        return len(points) * math.pi * CONTEXT_KM**2 / area

    def _neighbours(self, place_id: str) -> int:
        point = self._point(place_id)
        if point is None:
            return 0
        row, column = _cell(*point)
        near = set()
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for other, lat, lon in self._grid.get((row + dr, column + dc), ()):
                    if other != place_id and distance_km(*point, lat, lon) <= CONTEXT_KM:
                        near.add(other)
        return len(near)

    def _point(self, place_id: str) -> tuple[float, float] | None:
        place = self._gazetteer[place_id]
        if place.kind not in POINT_KINDS or place.coords is None:
            return None
        return place.coords.lat, place.coords.lon


def _cell(lat: float, lon: float) -> tuple[int, int]:
    # Columns shrink towards the poles; at 44–60° N a quarter degree of longitude is 17–20 km,
    # so a 25 km radius may reach two columns over: widen the columns to keep one cell enough.
    return math.floor(lat / _CELL_DEGREES), math.floor(lon / (2 * _CELL_DEGREES))
