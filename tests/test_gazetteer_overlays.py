"""Overlays: adding places and names, changing fields, removing names and places."""

from __future__ import annotations

import pytest

import toponyms
from conftest import TEST_DATA

BASE = TEST_DATA / "base.yaml"
OVERLAYS = TEST_DATA / "overlays"


def _load(*overlays: str) -> toponyms.Gazetteer:
    paths = [OVERLAYS / f"{name}.yaml" for name in overlays]
    return toponyms.load(BASE, *paths, bundled=False, use_cache=False)


def test_overlay_adds_a_place_found_by_its_former_name() -> None:
    gazetteer = _load("add_place")
    assert gazetteer["ua/donetska/toretsk"].parent == "ua/donetska"
    assert gazetteer.lookup("Дзержинск")[0].place_id == "ua/donetska/toretsk"


def test_overlay_adds_names_to_an_existing_place() -> None:
    pokrovsk = _load("add_names")["ua/donetska/pokrovsk"]
    added = {n.text: n for n in pokrovsk.names}
    assert added["Krasnoarmysk"].status is toponyms.NameStatus.MISSPELLING
    assert added["Гришино"].until == "1938"
    assert len(pokrovsk.names) == 7


def test_added_misspelling_is_matched_in_text() -> None:
    matcher = toponyms.Matcher(_load("add_names"))
    (mention,) = matcher.annotate("The capture of Krasnoarmysk was announced.")
    assert (mention.place_id, mention.name_status) == ("ua/donetska/pokrovsk", "misspelling")


def test_overlay_changes_fields_and_merges_refs() -> None:
    huliaipole = _load("change_fields")["ua/donetska/huliaipole"]
    assert huliaipole.parent == "ua/zaporizka"
    assert huliaipole.population == 13000
    assert huliaipole.refs.geonames == 707292
    assert huliaipole.note is not None  # `note: null` leaves the field as it was


def test_overlay_removes_one_name() -> None:
    bakhmut = _load("remove_name")["ua/donetska/bakhmut"]
    assert "Артемовск" not in {n.text for n in bakhmut.names}
    assert "Артемівськ" in {n.text for n in bakhmut.names}


def test_overlay_replaces_all_names() -> None:
    ukraine = _load("replace_names")["ua"]
    assert [n.text for n in ukraine.names] == ["Україна", "Ukraine"]


def test_overlay_removes_a_place() -> None:
    gazetteer = _load("remove_place")
    assert "ua/donetska/bakhmut" not in gazetteer
    assert gazetteer.lookup("Бахмут") == []
    with pytest.raises(toponyms.UnknownPlaceError):
        gazetteer["ua/donetska/bakhmut"]


def test_removing_a_parent_that_still_has_children_is_an_error() -> None:
    with pytest.raises(toponyms.GazetteerError) as raised:
        _load("remove_parent")
    messages = {(p.place_id, p.message) for p in raised.value.problems}
    assert ("ua/donetska/pokrovsk", "parent 'ua/donetska' does not exist") in messages


def test_overlays_apply_in_order() -> None:
    gazetteer = _load("add_place", "remove_place", "add_names")
    assert "ua/donetska/toretsk" in gazetteer
    assert "ua/donetska/bakhmut" not in gazetteer
    assert gazetteer.data_version == "test-base"


def test_overlay_on_the_bundled_gazetteer(tmp_path: object) -> None:
    gazetteer = toponyms.load(OVERLAYS / "add_names.yaml", use_cache=False)
    assert gazetteer.lookup("Krasnoarmysk")[0].place_id == "ua/donetska/pokrovsk"


def test_missing_overlay_file_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match=r"no-such-overlay\.yaml"):
        toponyms.load(OVERLAYS / "no-such-overlay.yaml")
