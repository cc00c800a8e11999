"""The page's map: the shipped oblast outlines and the projection of places onto them."""

from __future__ import annotations

import json

import pytest

from toponyms._resources import oblast_outlines
from toponyms.page_map import Dot, attribution, map_svg, outlines_svg

MAX_OUTLINES_BYTES = 150_000  # the page inlines them: they must stay small


def test_outlines_are_small_and_say_where_they_come_from() -> None:
    path = oblast_outlines()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert path.stat().st_size < MAX_OUTLINES_BYTES
    assert data["licence"] == "CC BY 4.0" and "ukrainian_geodata" in data["source"]
    assert data["script"] == "scripts/build_oblast_outlines.py"
    names = {region["name"] for region in data["regions"]}
    assert {"Донецька область", "Автономна Республіка Крим", "Севастополь"} <= names
    assert "CC BY 4.0" in attribution()


def test_outlines_are_one_group_with_a_path_per_region() -> None:
    svg = outlines_svg()
    assert svg.count("<path ") == len(json.loads(oblast_outlines().read_text("utf-8"))["regions"])
    assert "<title>Харківська область</title>" in svg


@pytest.mark.parametrize(
    ("lat", "lon", "drawn"),
    [
        pytest.param(48.28, 37.18, True, id="pokrovsk"),
        pytest.param(55.75, 37.62, True, id="moscow-widens-the-map"),
        pytest.param(38.90, -77.04, False, id="washington-is-listed"),
    ],
)
def test_places_near_enough_are_drawn(lat: float, lon: float, drawn: bool) -> None:
    dot = Dot(place_id="p", lat=lat, lon=lon, title="<P>", classes="k-settlement")
    svg, far = map_svg([dot], "a & b")
    assert ("<circle" in svg) is drawn and (far == []) is drawn
    assert 'aria-label="a &amp; b"' in svg and ("<title>&lt;P&gt;</title>" in svg) is drawn


def test_a_place_north_of_kyiv_is_drawn_above_it() -> None:
    kyiv = Dot(place_id="kyiv", lat=50.45, lon=30.52, title="Kyiv")
    chernihiv = Dot(place_id="chernihiv", lat=51.49, lon=31.29, title="Chernihiv")
    svg, _ = map_svg([kyiv, chernihiv], "map")

    def y_of(place_id: str) -> float:
        tail = svg.split(f'data-place="{place_id}"')[0].rsplit('cy="', 1)[1]
        return float(tail.split('"')[0])

    assert y_of("chernihiv") < y_of("kyiv")  # SVG y grows downwards
