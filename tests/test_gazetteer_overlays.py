"""Overlays: adding places and names, changing fields, removing names and places."""

from __future__ import annotations

import pytest

import toponyms
from conftest import TEST_DATA
from toponyms.index import NameIndex

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
    (problem,) = raised.value.problems  # one, at the line that removes it, not one a child
    assert problem.file.endswith("remove_parent.yaml") and problem.line == 3
    assert problem.place_id == "ua/donetska"
    assert problem.message.startswith("cannot remove 'ua/donetska': 'ua/donetska/")
    assert "more still lie in it" in problem.message


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


# -- overlays on the bundled gazetteer, compiled on their own -------------------------------------

BUNDLED_OVERLAYS = TEST_DATA / "overlays_bundled"


def _entries(index: NameIndex, table: str, key: str) -> list[tuple[object, ...]]:
    codes = getattr(index, table).get(key)
    entries = index._entries(codes)
    return sorted(
        ((e.place_id, e.name, e.method, e.scheme, e.derivation) for e in entries), key=repr
    )


def _codes(index: NameIndex) -> dict[str, tuple[str, ...]]:
    return {
        code: tuple(sorted((held,) if isinstance(held, str) else held))
        for code, held in index.codes.items()
    }


@pytest.fixture(scope="module")
def compiled_and_rebuilt() -> tuple[toponyms.Gazetteer, toponyms.Gazetteer, toponyms.Gazetteer]:
    overlay = BUNDLED_OVERLAYS / "every_change.yaml"
    base = toponyms.load()
    compiled = toponyms.load(overlay, reuse=False)
    rebuilt = toponyms.load(overlay, use_cache=False, reuse=False)
    return base, compiled, rebuilt


def test_an_overlay_compiled_alone_equals_a_full_rebuild(
    compiled_and_rebuilt: tuple[toponyms.Gazetteer, toponyms.Gazetteer, toponyms.Gazetteer],
) -> None:
    import random

    base, compiled, rebuilt = compiled_and_rebuilt
    assert set(compiled.places) == set(rebuilt.places)
    touched = {"ua/donetska/test-khutir", "ua/donetska/pokrovsk", "ua/luhanska/svatove",
               "ua/donetska/bakhmut", "ua/donetska/verkhnotoretske"}  # fmt: skip
    sample = random.Random(13).sample(sorted(rebuilt.places), 400)
    for place_id in touched | set(sample):
        assert compiled[place_id] == rebuilt[place_id], place_id
    for table in ("exact", "folded", "units", "units_folded"):
        ours, theirs = getattr(compiled.index, table), getattr(rebuilt.index, table)
        assert ours.keys() == theirs.keys(), table
        keys = random.Random(7).sample(sorted(theirs), 3000)
        for key in keys:
            assert _entries(compiled.index, table, key) == _entries(rebuilt.index, table, key)
    assert _codes(compiled.index) == _codes(rebuilt.index)  # lookup orders a code's places
    assert compiled.index.unit_kinds == rebuilt.index.unit_kinds
    assert set(rebuilt.index.prefixes) <= set(compiled.index.prefixes)
    assert set(rebuilt.index.starters) <= set(compiled.index.starters)
    for name in ("Krasnoarmysk", "Тестовий Хутір", "Новоселівка", "Сватове", "Svatove",
                 "Сватівський район", "Артемовск", "Верхньоторецьке", "Керамік"):  # fmt: skip
        assert compiled.lookup(name) == rebuilt.lookup(name), name
    # The keys a changed capital gives its raion and hromada follow it.
    for name in ("Сватове-Центральне", "Svatove raion"):
        assert compiled.lookup(name) == rebuilt.lookup(name), name
    # And the compiled base is untouched: it is shared by every gazetteer of the process.
    assert "ua/donetska/keramik" in base and "ua/donetska/test-khutir" not in base
    assert base.lookup("Krasnoarmysk")[0].matched != "Krasnoarmysk"


def test_an_overlay_on_the_compiled_data_reports_its_own_lines() -> None:
    with pytest.raises(toponyms.GazetteerError) as raised:
        toponyms.load(BUNDLED_OVERLAYS / "remove_a_hromada.yaml", reuse=False)
    (problem,) = raised.value.problems
    assert problem.file.endswith("remove_a_hromada.yaml") and problem.line == 3
    assert "cannot remove 'ua/donetska/ocheretynska-hromada'" in problem.message
    assert "still lie in it" in problem.message
