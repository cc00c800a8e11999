"""Build data/oblast_outlines.json: the oblast outlines that the HTML page draws its map over.

Usage (from the project root):

    python scripts/build_oblast_outlines.py               # ../shared/data/sources → data/
    python scripts/build_oblast_outlines.py --out /tmp/o.json

Input: ``boundaries_ua/regiony_2020.geojson`` of the source directory (the 2020 oblast polygons
of GitHub ``slawomirmatuszak/ukrainian_geodata``, CC BY 4.0; see its README.md, section 7.3),
read as ``scripts/gazetteer_build/boundaries.py`` reads it. Every ring is simplified with
Douglas–Peucker, islands and rings smaller than a threshold are dropped and coordinates are
rounded, which takes 5.4 MB of GeoJSON to a file the page can inline. The output depends only on
the input and the constants below, so the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazetteer_build import geometry
from gazetteer_build.sources import Sources

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = PROJECT.parent / "shared" / "data" / "sources"
DEFAULT_OUT = PROJECT / "data" / "oblast_outlines.json"
SOURCE_FILE = "boundaries_ua/regiony_2020.geojson"
# 0.02° is about 1.5–2 km: invisible on a page-wide map of the country (about 1,300 km across
# in 900 pixels, so 1.4 km a pixel), and it leaves about a tenth of the points.
TOLERANCE_DEGREES = 0.02
# A ring smaller than this (about 50 km²) is a sand bar or an islet: a speck at page scale.
MIN_RING_AREA_SQ_DEGREES = 0.006
DECIMALS = 3  # about 100 m: far below the tolerance
MIN_RING_POINTS = 4  # a closed ring needs three corners and the closing point
HEADER = {
    "source": "ukrainian_geodata (github.com/slawomirmatuszak/ukrainian_geodata, commit "
    "446025d, 2020-10-29), boundaries_ua/regiony_2020.geojson",
    "licence": "CC BY 4.0",
    "attribution": "Oblast outlines: ukrainian_geodata by S. Matuszak, CC BY 4.0, simplified",
    "script": "scripts/build_oblast_outlines.py",
    # The retrieval date of the sources, a constant (as in data/gazetteer.yaml), so that a
    # rebuild from the same input gives the same bytes.
    "build_date": "2026-11-24",
    "generated": "GENERATED FILE: do not edit by hand; run scripts/build_oblast_outlines.py",
}


def _distance_to_segment(point: list[float], start: list[float], end: list[float]) -> float:
    (x, y), (x0, y0), (x1, y1) = point, start, end
    dx, dy = x1 - x0, y1 - y0
    if dx == 0 and dy == 0:
        return math.hypot(x - x0, y - y0)
    t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x0 + t * dx), y - (y0 + t * dy))


def simplify(line: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker: the points of ``line`` that keep it within ``tolerance`` of itself
    (iterative, so a long ring cannot exhaust the stack)."""
    if len(line) < 3:
        return line
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance_to_segment(line[index], line[first], line[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(line, keep, strict=True) if kept]


def _ring_area(ring: list[list[float]]) -> float:
    return abs(
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
    )


def _outline(shape: dict[str, Any]) -> list[list[list[float]]]:
    rings = []
    for polygon in geometry.rings(shape):
        for ring in polygon:
            if _ring_area(ring) / 2 < MIN_RING_AREA_SQ_DEGREES:
                continue
            # A closed ring's first and last points coincide: split it in two halves so that
            # Douglas–Peucker has a real chord to measure against.
            middle = len(ring) // 2
            half = simplify(ring[: middle + 1], TOLERANCE_DEGREES)
            simple = half[:-1] + simplify(ring[middle:], TOLERANCE_DEGREES)
            if len(simple) >= MIN_RING_POINTS:
                rings.append([[round(x, DECIMALS), round(y, DECIMALS)] for x, y in simple])
    return rings


def build(sources: Sources) -> dict[str, Any]:
    """The outlines file: the header, then one entry per region with its rings of [lon, lat]."""
    regions = []
    for feature in sources.geojson(SOURCE_FILE):
        rings = _outline(feature["geometry"])
        if rings:
            regions.append({"name": feature["properties"]["region"], "rings": rings})
    regions.sort(key=lambda region: region["name"])
    return {**HEADER, "tolerance_degrees": TOLERANCE_DEGREES, "regions": regions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    outlines = build(Sources(args.sources))
    text = json.dumps(outlines, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    points = sum(len(ring) for region in outlines["regions"] for ring in region["rings"])
    print(f"{args.out}: {len(outlines['regions'])} regions, {points} points, {len(text)} bytes")


if __name__ == "__main__":
    main()
