"""The document context of resolution: the grid that finds a namesake's nearest anchor."""

from __future__ import annotations

import random

import pytest

import toponyms


def _point(lat: float, lon: float) -> toponyms.Place:
    return toponyms.Place(
        id=f"test/{lat:.4f}/{lon:.4f}",
        kind=toponyms.Kind.VILLAGE,
        country="UA",
        names=(),
        coords=toponyms.Coords(lat=lat, lon=lon),
    )


@pytest.mark.parametrize("km", [15.0, 30.0, 100.0, 700.0])
def test_the_anchor_grid_finds_what_a_scan_of_every_anchor_finds(km: float) -> None:
    """Across the antimeridian (Chukotka), near a pole and at equal distances, the grid answers
    as reading every anchor: the same place, the same distance, the first of equals."""
    from toponyms.resolve_context import PointGrid, nearest_within

    rng = random.Random(17)
    regions = [(44.0, 53.0, 22.0, 41.0), (63.0, 70.0, 176.0, 180.0), (63.0, 70.0, -180.0, -170.0)]
    regions.append((86.0, 90.0, -180.0, 180.0))

    def points(count: int) -> list[toponyms.Place]:
        chosen = [rng.choice(regions) for _ in range(count)]
        return [_point(rng.uniform(a, b), rng.uniform(c, d)) for a, b, c, d in chosen]

    anchors = tuple(points(200))
    anchors += anchors[:5]  # repeated points: the first of them must win
    grid = PointGrid(anchors)
    queries = points(400) + list(anchors[:20])
    found = [grid.nearest(place, km) for place in queries]
    assert found == [nearest_within(place, anchors, km) for place in queries]
    assert sum(hit is not None for hit in found) > 20
