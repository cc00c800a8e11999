"""The 2020 polygons of ukrainian_geodata (``boundaries_ua/``, CC BY 4.0), matched to KATOTTG.

Hromada polygons carry oblast, raion and hromada names but no codes: they are matched to a
KATOTTG hromada code by the three names in any of the four KATOTTG editions, else by a hromada
name unique in its oblast. Raion polygons carry only the raion name: one that several oblasts
share is placed by the oblast polygon holding its centroid. The result is a centroid per code.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from gazetteer_build import geometry
from gazetteer_build.katottg import Unit, read_units
from gazetteer_build.sources import KATOTTG_EDITIONS, Sources
from gazetteer_build.text import caps_key

HROMADA_TYPES = (
    " міська громада", " сільська громада", " селищна громада", " територіальна громада",
)  # fmt: skip
REGION_CRIMEA = "автономна республіка крим"
SOURCE = "ukrainian_geodata"


def _bare(name: str, suffixes: tuple[str, ...]) -> str:
    key = caps_key(name)
    for suffix in suffixes:
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


def centroids(
    sources: Sources, current: dict[str, Unit]
) -> tuple[dict[str, tuple[float, float]], dict[str, dict[str, Any]]]:
    """KATOTTG code → (lat, lon) centroid, for the oblasts, raions and hromadas with a polygon;
    and the hromada polygons by code."""
    editions = [read_units(sources, edition) for edition in KATOTTG_EDITIONS[:-1]] + [current]
    oblasts: dict[str, str] = {}
    for units in editions:
        for code, unit in units.items():
            if unit.category == "O":
                oblasts[code] = caps_key(unit.name)
    result: dict[str, tuple[float, float]] = {}
    oblast_shapes: dict[str, dict[str, Any]] = {}
    for feature in sources.geojson("boundaries_ua/regiony_2020.geojson"):
        name = _bare(feature["properties"]["region"], (" область",))
        oblast = next((c for c, n in oblasts.items() if n == name), None)
        if oblast:
            result[oblast] = geometry.centroid(feature["geometry"])
            oblast_shapes[oblast] = feature["geometry"]
    result.update(_raions(sources, editions, oblast_shapes))
    hromadas = _hromadas(sources, editions, oblasts)
    result.update({code: geometry.centroid(shape) for code, shape in hromadas.items()})
    return result, hromadas


def _raions(
    sources: Sources, editions: list[dict[str, Unit]], oblast_shapes: dict[str, dict[str, Any]]
) -> dict[str, tuple[float, float]]:
    shapes_by_prefix = {code[:4]: shape for code, shape in oblast_shapes.items()}
    by_name: dict[str, set[str]] = defaultdict(set)
    for units in editions:
        for code, unit in units.items():
            if unit.category == "P":
                by_name[caps_key(unit.name)].add(code)
    result = {}
    for feature in sources.geojson("boundaries_ua/rayony_2020.geojson"):
        point = geometry.centroid(feature["geometry"])
        codes = by_name.get(_bare(feature["properties"]["rayon"], (" район",)), set())
        if len(codes) > 1:
            codes = {c for c in codes if _inside(shapes_by_prefix.get(c[:4]), point)}
        if len(codes) == 1:
            result[codes.pop()] = point
    return result


def _inside(shape: object, point: tuple[float, float]) -> bool:
    return isinstance(shape, dict) and geometry.contains(shape, *point)


def _hromadas(
    sources: Sources, editions: list[dict[str, Unit]], oblasts: dict[str, str]
) -> dict[str, dict[str, Any]]:
    full: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    in_oblast: dict[tuple[str, str], set[str]] = defaultdict(set)
    for units in editions:
        for code, unit in units.items():
            if unit.category != "H" or unit.raion not in units:
                continue
            oblast = oblasts[unit.oblast]
            raion = caps_key(units[unit.raion].name)
            full[(oblast, raion, caps_key(unit.name))].add(code)
            in_oblast[(oblast, caps_key(unit.name))].add(code)
    result = {}
    for feature in sources.geojson("boundaries_ua/hromady_2020.geojson"):
        props = feature["properties"]
        oblast = _bare(props["region"], (" область",))
        raion = _bare(props["rayon"], (" район",))
        name = _bare(props["hromada"], HROMADA_TYPES)
        codes = full.get((oblast, raion, name)) or in_oblast.get((oblast, name), set())
        if len(codes) == 1:
            result[next(iter(codes))] = feature["geometry"]
    return result
