"""Every public entry point fed junk: no crash, clear errors for wrong types."""

from __future__ import annotations

from pathlib import Path

import pytest

import toponyms

JUNK = [
    "",
    " ",
    "\n\t\r",
    "😀🇺🇦" * 30,
    "İıİı",
    "\u0301\u0301\u0301",
    "Покровськ😀Харків",
    "ПокровськKharkiv",
    "a" * 200_000,
    "Бахмут " * 5_000,
    "\x00\x01\x02",
    "ǄǅǆꙊ",
]
JUNK_IDS = [
    "empty", "space", "controls-ws", "emoji", "dotted-i", "lone-marks", "emoji-between",
    "mixed-scripts", "long-word", "long-text", "nul", "digraphs",
]  # fmt: skip


@pytest.fixture(scope="module")
def gazetteer() -> toponyms.Gazetteer:
    return toponyms.load()


@pytest.mark.parametrize("junk", JUNK, ids=JUNK_IDS)
def test_normalize_accepts_junk(junk: str) -> None:
    assert isinstance(toponyms.normalize(junk), str)


@pytest.mark.parametrize("junk", JUNK, ids=JUNK_IDS)
def test_lookup_accepts_junk(gazetteer: toponyms.Gazetteer, junk: str) -> None:
    assert isinstance(gazetteer.lookup(junk), list)


@pytest.mark.parametrize("junk", JUNK, ids=JUNK_IDS)
def test_annotate_accepts_junk(junk: str) -> None:
    for mention in toponyms.annotate(junk):
        assert junk[mention.start : mention.end] == mention.surface


@pytest.mark.parametrize("wrong", [None, 42, b"bytes", ["list"]], ids=repr)
def test_wrong_types_raise_type_error(gazetteer: toponyms.Gazetteer, wrong: object) -> None:
    with pytest.raises(TypeError):
        toponyms.annotate(wrong)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gazetteer.lookup(wrong)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        toponyms.normalize(wrong)  # type: ignore[arg-type]


def test_unknown_place_id_names_the_nearest(gazetteer: toponyms.Gazetteer) -> None:
    with pytest.raises(toponyms.UnknownPlaceError, match="ua/donetska/pokrovsk") as raised:
        gazetteer["ua/donetska/pokrovks"]
    assert isinstance(raised.value, KeyError)


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe\x00", b"- just\n- a list\n", b"places: 5\n", b"places:\n  - 5\n", b": :"],
    ids=["empty", "binary", "list", "places-not-list", "place-not-mapping", "garbage"],
)
def test_load_of_junk_files_raises_gazetteer_error_or_loads_empty(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "junk.yaml"
    path.write_bytes(content)
    try:
        gazetteer = toponyms.load(path, bundled=False, use_cache=False)
    except toponyms.GazetteerError as error:
        assert all(problem.file == str(path) for problem in error.problems)
    else:
        assert len(gazetteer) == 0
