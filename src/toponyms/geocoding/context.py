"""Table context: an ambiguous row decided by the places the table's other rows settled.

A row's namesakes are weighed by how many distinct settled places of the table lie within
:data:`CONTEXT_KM` of each. The row takes a namesake only when it is the one with any, and the
table is crowded there: the table holds :data:`EXCESS` times more of the gazetteer's places of
those kinds around it than its share of all of them. A front-line log's villages crowd around
the front; a national list of towns has towns near Lviv because Lviv has towns around it, and
there it decides nothing. Only the best-scoring namesakes compete (context does not prefer a
former name to a current one), and only rows decided without context count, so no decision
feeds another.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from toponyms._packing import LazyPlaces
from toponyms.geocoding.lookup import candidate_method
from toponyms.model import Kind, distance_km

if TYPE_CHECKING:
    from toponyms.gazetteer import Gazetteer
    from toponyms.geocoding.table import GeocodeResult

CONTEXT_KM = 25.0  # the front line's villages and a raion's schools lie this close together
EXCESS = 5.0  # times the table's overall share of the gazetteer's places, around a namesake
_CELL_DEGREES = 0.25  # grid cells of about 28 km (north–south): neighbours are one cell away
POINT_KINDS = frozenset({Kind.CITY, Kind.TOWN, Kind.SETTLEMENT, Kind.VILLAGE, Kind.CITY_DISTRICT})


class TableContext:
    """The settled points of a table, on a grid, to count a candidate's neighbours."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._grid: _Grid = defaultdict(list)
        self._kinds: set[Kind] = set()
        self._baseline: _Grid | None = None  # the gazetteer's places of those kinds, on first use
        self._share = 0.0

    def decide(self, results: Sequence[GeocodeResult]) -> list[GeocodeResult]:
        """``results`` with each ambiguous one decided where the table's context allows."""
        for place_id in dict.fromkeys(r.place_id for r in results if r.place_id):
            point = self._point(place_id)
            if point is not None:
                self._grid[_cell(*point)].append((place_id, *point))
                self._kinds.add(self._gazetteer[place_id].kind)
        if not self._grid:
            return list(results)
        decided: dict[int, GeocodeResult] = {}  # the same result object recurs for equal rows
        return [decided.setdefault(id(r), self._decided(r)) for r in results]

    def _decided(self, result: GeocodeResult) -> GeocodeResult:
        if result.match != "ambiguous":
            return result
        # Only among the best-scoring: context does not prefer a former name to a current one.
        top = max(c.score for c in result.alternatives)
        support = [(self._neighbours(c.place_id), c) for c in result.alternatives if c.score == top]
        supported = [(count, c) for count, c in support if count > 0]
        if len(supported) != 1 or not self._crowded(supported[0][1].place_id, supported[0][0]):
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

    def _crowded(self, place_id: str, count: int) -> bool:
        """Whether the table holds :data:`EXCESS` times its share of the gazetteer's places of
        its kinds around ``place_id`` (``count`` of them its own)."""
        if self._baseline is None:
            self._baseline = defaultdict(list)
            for other in self._gazetteer.places:
                if self._kind(other) in self._kinds:
                    point = self._point(other)
                    if point is not None:
                        self._baseline[_cell(*point)].append((other, *point))
            total = sum(map(len, self._baseline.values()))
            self._share = sum(map(len, self._grid.values())) / max(total, 1)
        around = _count_near(self._baseline, place_id, self._point(place_id))
        return count / max(around, 1) >= EXCESS * self._share

    def _neighbours(self, place_id: str) -> int:
        return _count_near(self._grid, place_id, self._point(place_id))

    def _point(self, place_id: str) -> tuple[float, float] | None:
        places = self._gazetteer.places
        if isinstance(places, LazyPlaces):  # read from the packed place, without building it
            return places.point_of(place_id) if places.kind_of(place_id) in POINT_KINDS else None
        place = places[place_id]
        if place.kind not in POINT_KINDS or place.coords is None:
            return None
        return place.coords.lat, place.coords.lon

    def _kind(self, place_id: str) -> Kind:
        places = self._gazetteer.places
        return places.kind_of(place_id) if isinstance(places, LazyPlaces) else places[place_id].kind


_Grid = dict[tuple[int, int], list[tuple[str, float, float]]]


def _count_near(grid: _Grid, place_id: str, point: tuple[float, float] | None) -> int:
    """The distinct places of ``grid`` other than ``place_id`` within the radius of ``point``."""
    if point is None:
        return 0
    row, column = _cell(*point)
    near = set()
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for other, lat, lon in grid.get((row + dr, column + dc), ()):
                if other != place_id and distance_km(*point, lat, lon) <= CONTEXT_KM:
                    near.add(other)
    return len(near)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    # Columns shrink towards the poles; at 44–60° N a quarter degree of longitude is 17–20 km,
    # so a 25 km radius may reach two columns over: widen the columns to keep one cell enough.
    return math.floor(lat / _CELL_DEGREES), math.floor(lon / (2 * _CELL_DEGREES))
