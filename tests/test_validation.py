"""Validation: each invalid fixture in tests/data/invalid gives exactly its expected messages."""

from __future__ import annotations

from pathlib import Path

import pytest

import toponyms
from conftest import TEST_DATA

INVALID = TEST_DATA / "invalid"
BASE_MARKER = "# on top of: "


def _fixtures() -> list[Path]:
    return sorted(INVALID.glob("*.yaml"))


def _base_of(path: Path) -> list[Path]:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    if first_line.startswith(BASE_MARKER):
        return [TEST_DATA / first_line.removeprefix(BASE_MARKER).strip()]
    return []


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.stem)
def test_invalid_fixture_gives_its_exact_messages(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").strip().splitlines()
    problems = toponyms.validate(*_base_of(path), path)
    assert [str(p) for p in problems] == [line.format(file=path) for line in expected]


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.stem)
def test_load_raises_gazetteer_error_carrying_the_problems(path: Path) -> None:
    with pytest.raises(toponyms.GazetteerError) as raised:
        toponyms.load(*_base_of(path), path, bundled=False, use_cache=False)
    assert raised.value.problems
    assert all(p.file == str(path) for p in raised.value.problems)
    assert isinstance(raised.value, ValueError)


def test_every_problem_in_a_file_is_reported_not_only_the_first(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "places:\n"
        "  - {id: ua, kind: nation, country: UA, names: [{text: Україна, lang: uk}]}\n"
        "  - {id: ua/x, kind: city, country: ua, parent: ua, names: [{text: X, lang: xx}]}\n",
        encoding="utf-8",
    )
    fields = [p.field for p in toponyms.validate(path)]
    assert fields == ["kind", "country", "names[0].lang"]


def test_problem_carries_file_line_column_place_and_field(tmp_path: Path) -> None:
    path = tmp_path / "coords.yaml"
    path.write_text(
        "places:\n  - id: ua\n    kind: country\n    country: UA\n    coords: [91, 30]\n"
        "    names: [{text: Україна, lang: uk}]\n",
        encoding="utf-8",
    )
    (problem,) = toponyms.validate(path)
    assert (problem.file, problem.line, problem.column) == (str(path), 5, 5)
    assert (problem.place_id, problem.field) == ("ua", "coords")


def test_a_file_that_is_not_utf8_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("places:\n  - id: ua\n    note: caf\xe9\n".encode("latin-1"))
    (problem,) = toponyms.validate(path)
    assert "not UTF-8" in problem.message


def test_the_base_fixture_is_valid() -> None:
    assert toponyms.validate(TEST_DATA / "base.yaml") == []
