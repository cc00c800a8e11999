"""Points of Ukraine's units, from non-OpenStreetMap sources only (the gazetteer is CC BY 4.0).

Settlements: the GeoNames point where the settlement links to GeoNames, else the ``non_osm_*``
point of ``coordinates/katottg_settlement_coordinates.csv`` when it comes from Who's On First or
the GeoNames postal file (never its GPL-licensed Russian table), else the point of the hromada
(precision ``parent``). Oblasts, raions and hromadas: the centroid of their 2020 polygon
(ukrainian_geodata), else the point of the unit above (``parent``). City districts: their
city's point (``parent``).
"""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer_build.boundaries import SOURCE as POLYGON_SOURCE
from gazetteer_build.geonames import GeoName
from gazetteer_build.katottg import SETTLEMENT_CATEGORIES, SPECIAL_CITY, Unit
from gazetteer_build.places import Draft
from gazetteer_build.sources import Sources

COORDINATES = "coordinates/katottg_settlement_coordinates.csv"
WOF = "whosonfirst/whosonfirst_ua_localities.csv"
POSTAL = "geonames/postal_codes_UA.tsv"
POSTAL_MATCHED = "4"  # GeoNames postal accuracy of a point taken from a GeoNames place
POINT_DIGITS = 4  # the postal file's precision, for joining its points by value
NON_OSM_SOURCES = frozenset({"whosonfirst", "geonames_postal"})


@dataclass(frozen=True)
class Point:
    """A point with where it came from and how precise it is."""

    lat: float
    lon: float
    source: str
    precision: str


@dataclass
class SettlementPoints:
    """What the coordinate table gives per KATOTTG code."""

    points: dict[str, Point]
    wof_geonameid: dict[str, int]
    wof_population: dict[str, int]


def read_settlement_points(sources: Sources) -> SettlementPoints:
    """Non-OSM points per settlement, with the GeoNames id and population of its WOF record."""
    wof: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for row in sources.csv(WOF):
        record = (row["wof_id"], row["geonameid"], row["gn_population"])
        for lat_text, lon_text in (
            (row["latitude"], row["longitude"]),
            (row["lbl_latitude"], row["lbl_longitude"]),
        ):
            if lat_text:
                wof.setdefault((lat_text, lon_text), set()).add(record)
    postal: dict[tuple[float, float], set[str]] = {}
    for row in sources.plain_tsv(POSTAL):
        key = (
            round(float(row["latitude"]), POINT_DIGITS),
            round(float(row["longitude"]), POINT_DIGITS),
        )
        postal.setdefault(key, set()).add(row["accuracy"])
    result = SettlementPoints(points={}, wof_geonameid={}, wof_population={})
    for row in sources.csv(COORDINATES):
        source = row["non_osm_source"]
        if source not in NON_OSM_SOURCES:
            continue
        code, lat, lon = (
            row["katottg"],
            float(row["non_osm_latitude"]),
            float(row["non_osm_longitude"]),
        )
        precision = "point"
        if source == "geonames_postal":
            key = (round(lat, POINT_DIGITS), round(lon, POINT_DIGITS))
            if postal.get(key) != {POSTAL_MATCHED}:
                precision = "approximate"
        else:
            records = wof.get((row["non_osm_latitude"], row["non_osm_longitude"]), set())
            if len(records) == 1:
                _, geonameid, population = next(iter(records))
                if geonameid:
                    result.wof_geonameid[code] = int(geonameid)
                if population and int(float(population)) > 0:
                    result.wof_population[code] = int(float(population))
        result.points[code] = Point(lat, lon, source, precision)
    return result


def apply(
    drafts: dict[str, Draft],
    units: dict[str, Unit],
    found: SettlementPoints,
    links: dict[str, GeoName],
    centroids: dict[str, tuple[float, float]],
) -> None:
    """Set the point, GeoNames id and population of every unit's draft (keyed by code)."""
    for code, unit in units.items():
        draft = drafts[code]
        if unit.category in SETTLEMENT_CATEGORIES or unit.category == SPECIAL_CITY:
            place = links.get(code)
            if place is not None:
                draft.set_coords(place.lat, place.lon, "geonames", "point")
                draft.refs["geonames"] = place.geonameid
                draft.population = place.population or found.wof_population.get(code)
                continue
            if code in found.wof_geonameid:
                draft.refs["geonames"] = found.wof_geonameid[code]
                draft.population = found.wof_population.get(code)
            point = found.points.get(code)
            if point is not None:
                draft.set_coords(point.lat, point.lon, point.source, point.precision)
        elif code in centroids:
            draft.set_coords(*centroids[code], POLYGON_SOURCE, "centroid")
    # Fill from the top down, so that a unit's parent already has its point.
    for code in sorted(units, key=lambda c: _depth(units[c])):
        draft = drafts[code]
        parent = units[code].parent_code
        above = drafts.get(parent) if parent else None
        if draft.coords is None and above is not None and above.coords is not None:
            lat, lon = above.coords
            draft.set_coords(lat, lon, above.coords_source or "", "parent")


def _depth(unit: Unit) -> int:
    return sum(
        1 for level in (unit.raion, unit.hromada, unit.settlement) if level and level != unit.code
    )
