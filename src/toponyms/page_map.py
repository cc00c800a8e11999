"""The map of the HTML page: the oblast outlines once, and each document's places as dots.

Longitude and latitude are projected equirectangularly, longitude shrunk by the cosine of
Ukraine's middle latitude so that the country keeps its shape; every map of a page shares the
projection, so the outlines are written once (an SVG group in ``defs``) and each document's map
shows them through a ``use`` with its own view box.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from html import escape
from typing import Any

import attrs

from toponyms._resources import oblast_outlines

MIDDLE_LATITUDE = 48.5  # degrees: Ukraine spans 44.4–52.4 N
UNITS_PER_DEGREE = 100  # SVG user units per degree of latitude: 0.01° steps, below the outlines'
X_SCALE = UNITS_PER_DEGREE * math.cos(math.radians(MIDDLE_LATITUDE))
OUTLINES_ID = "toponyms-oblasts"
MAP_MARGIN_DEGREES = 0.5  # room around the outlines and the dots
# A place farther out than this box (Washington, Beijing) would shrink Ukraine to a speck: it is
# listed under the map instead of drawn.
MAP_LIMITS = (15.0, 40.0, 55.0, 60.0)  # west, south, east, north, degrees
DOT_RADIUS = 9.0  # user units: about 0.09°, 6 px on a 600 px wide map of Ukraine
DECIMALS = 1  # user units are 0.01°: tenths are finer than any outline point


@attrs.frozen(kw_only=True)
class Dot:
    """A place drawn on a document's map: its point, a title and classes for its colour."""

    place_id: str
    lat: float
    lon: float
    title: str
    classes: str = ""


@functools.cache
def _outlines() -> dict[str, Any]:
    with oblast_outlines().open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def attribution() -> str:
    """The credit the outlines' licence asks for (from the outlines file's own header)."""
    return str(_outlines()["attribution"])


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return round(lon * X_SCALE, DECIMALS), round(-lat * UNITS_PER_DEGREE, DECIMALS)


def _bounds() -> tuple[float, float, float, float]:
    """West, south, east, north of every outline."""
    lons = [x for r in _outlines()["regions"] for ring in r["rings"] for x, _ in ring]
    lats = [y for r in _outlines()["regions"] for ring in r["rings"] for _, y in ring]
    return min(lons), min(lats), max(lons), max(lats)


def outlines_svg() -> str:
    """A hidden SVG holding the outlines as a group, once per page; each region a path
    with its name as a title."""
    paths = []
    for region in _outlines()["regions"]:
        data = " ".join(
            "M" + " ".join(f"{x:g},{y:g}" for x, y in (_xy(lon, lat) for lon, lat in ring)) + "Z"
            for ring in region["rings"]
        )
        paths.append(f'<path d="{data}"><title>{escape(region["name"])}</title></path>')
    return (
        '<svg class="defs" aria-hidden="true" width="0" height="0">'
        f'<defs><g id="{OUTLINES_ID}">{"".join(paths)}</g></defs></svg>'
    )


def _on_map(dot: Dot) -> bool:
    west, south, east, north = MAP_LIMITS
    return west <= dot.lon <= east and south <= dot.lat <= north


def map_svg(dots: Sequence[Dot], label: str) -> tuple[str, list[Dot]]:
    """A document's map: the outlines and a dot per place, framed to show both; and the dots
    that lie too far out to be drawn."""
    drawn = [dot for dot in dots if _on_map(dot)]
    west, south, east, north = _bounds()
    for dot in drawn:
        west, east = min(west, dot.lon), max(east, dot.lon)
        south, north = min(south, dot.lat), max(north, dot.lat)
    x0, y0 = _xy(west - MAP_MARGIN_DEGREES, north + MAP_MARGIN_DEGREES)
    x1, y1 = _xy(east + MAP_MARGIN_DEGREES, south - MAP_MARGIN_DEGREES)
    circles = []
    for dot in drawn:
        x, y = _xy(dot.lon, dot.lat)
        circles.append(
            f'<circle class="dot {escape(dot.classes)}" cx="{x:g}" cy="{y:g}" r="{DOT_RADIUS:g}" '
            f'data-place="{escape(dot.place_id)}"><title>{escape(dot.title)}</title></circle>'
        )
    box = f"{x0:g} {y0:g} {x1 - x0:g} {y1 - y0:g}"
    svg = (
        f'<svg class="map" viewBox="{box}" role="img" aria-label="{escape(label)}">'
        f'<use class="oblasts" href="#{OUTLINES_ID}"/>{"".join(circles)}</svg>'
    )
    return svg, [dot for dot in dots if not _on_map(dot)]
