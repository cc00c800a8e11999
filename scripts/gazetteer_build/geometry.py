"""Plane geometry on longitude/latitude: polygon centroids, point in polygon, distances.

The polygons are simplified administrative boundaries a few tens of kilometres across, so
treating degrees as plane coordinates moves a centroid by far less than the boundaries' own
simplification.
"""

from __future__ import annotations

import math
from typing import Any

Ring = list[list[float]]  # [[lon, lat], ...]
EARTH_RADIUS_KM = 6371.0


def rings(geometry: dict[str, Any]) -> list[list[Ring]]:
    """The polygons of a GeoJSON Polygon or MultiPolygon, each as [outer, *holes]."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    polygons: list[list[Ring]] = geometry["coordinates"]
    return polygons


def _ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, 0.0, 0.0
    return area, cx / (6 * area), cy / (6 * area)


def centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    """The area-weighted centroid of a (multi)polygon, as (lat, lon)."""
    total = sx = sy = 0.0
    for polygon in rings(geometry):
        for index, ring in enumerate(polygon):
            area, cx, cy = _ring_area_centroid(ring)
            weight = abs(area) * (1 if index == 0 else -1)
            total += weight
            sx += cx * weight
            sy += cy * weight
    return sy / total, sx / total


def contains(geometry: dict[str, Any], lat: float, lon: float) -> bool:
    """Whether the point lies inside the (multi)polygon (even-odd rule over all rings)."""
    inside = False
    for polygon in rings(geometry):
        for ring in polygon:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y0 > lat) != (y1 > lat):
                    x = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
                    if x > lon:
                        inside = not inside
    return inside


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
