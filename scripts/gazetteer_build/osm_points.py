"""The ``osm_points`` layer: a point of its own for the Ukrainian settlements the core cannot place.

The core is CC BY 4.0 and takes no OpenStreetMap data, so about one Ukrainian settlement in six
has only its hromada's point there (``coords_precision: parent``) or a postal estimate
(``approximate``). The sources' coordinate table
(``coordinates/katottg_settlement_coordinates.csv``) gives many of them an OpenStreetMap point
(its ``osm_*`` sources: the 10-oblast extract and the settlement boundaries, matched by code tag
or by name inside the hromada polygon; README §7.5).
Those points are ODbL 1.0 ("© OpenStreetMap contributors"), so they form a layer of their own:
an ``update`` of each such settlement with the point and its OSM element (``refs.osm``).
"""

from __future__ import annotations

import re
from typing import Any

from gazetteer_build.places import COORD_DIGITS, Draft
from gazetteer_build.sources import Sources

COORDINATES = "coordinates/katottg_settlement_coordinates.csv"
EXTRACT = "osm/osm_settlements_10_frontline_oblasts.json"
OSM_SOURCES = ("osm_10_oblasts", "osm_settlement_boundaries")
OSM_ELEMENT = re.compile(r"(node|way|relation)/\d+")
IMPRECISE = frozenset({"parent", "approximate"})  # the core's precisions that a point improves


def build(sources: Sources, by_katottg: dict[str, Draft]) -> dict[str, dict[str, Any]]:
    """Place id → its change (point, source, precision, OSM element), for every settlement of
    ``by_katottg`` (core drafts keyed by KATOTTG code) that lacks a point and has an OSM one."""
    types = _element_types(sources)
    updates = {}
    for row in sources.csv(COORDINATES):
        draft = by_katottg.get(row["katottg"])
        if row["source"] not in OSM_SOURCES or draft is None:
            continue
        if draft.coords_precision not in IMPRECISE:
            continue
        change: dict[str, Any] = {
            "coords": (
                round(float(row["latitude"]), COORD_DIGITS),
                round(float(row["longitude"]), COORD_DIGITS),
            ),
            "coords_source": row["source"],
            "coords_precision": "point",
        }
        element = row["source_id"]
        if element.isdigit() and element in types:
            element = f"{types[element]}/{element}"
        if OSM_ELEMENT.fullmatch(element):
            change["refs"] = {"osm": element}
        updates[draft.id] = change
    return dict(sorted(updates.items()))


def _element_types(sources: Sources) -> dict[str, str]:
    """OSM id → element type (node, way, relation) of the 10-oblast extract, whose rows in the
    coordinate table give the bare id."""
    types: dict[str, set[str]] = {}
    for item in sources.json(EXTRACT):
        types.setdefault(str(item["osm_id"]), set()).add(str(item["osm_type"]))
    return {osm_id: next(iter(kinds)) for osm_id, kinds in types.items() if len(kinds) == 1}


def crimea_points(sources: Sources, by_katottg: dict[str, Draft]) -> dict[str, dict[str, Any]]:
    """Place id → point for the Crimean settlements that only the GPL-licensed Russian table
    places (the coordinate table's ``non_osm_*`` columns from ``ru_settlements``): they belong
    to the ``ru_settlements`` layer, under its licence."""
    updates = {}
    for row in sources.csv(COORDINATES):
        draft = by_katottg.get(row["katottg"])
        if row["non_osm_source"] != "ru_settlements" or draft is None:
            continue
        if draft.coords_precision not in IMPRECISE:
            continue
        updates[draft.id] = {
            "coords": (
                round(float(row["non_osm_latitude"]), COORD_DIGITS),
                round(float(row["non_osm_longitude"]), COORD_DIGITS),
            ),
            "coords_source": "ru_settlements",
            "coords_precision": "point",
        }
    return dict(sorted(updates.items()))
