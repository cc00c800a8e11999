"""Hostile and careless input (issue #15): each test is named after what it guards."""

from __future__ import annotations

from pathlib import Path

import pytest

import toponyms

PLACE = """places:
  - id: no/oslo
    kind: city
    country: {country}
    names:
      - {{text: {text}, lang: {lang}}}
"""


def _problems(tmp_path: Path, text: str) -> list[toponyms.Problem]:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return toponyms.validate(path)


def test_nested_aliases_are_refused_not_expanded(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for this, last in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{this}: &{this} [" + ",".join([f"*{last}"] * 9) + "]")
    (problem,) = _problems(tmp_path, "\n".join(lines) + "\n")  # 9**9 strings if expanded
    assert "aliases expand past 10,000 nodes" in problem.message
    assert problem.file.endswith("mine.yaml") and problem.line >= 1


def test_a_modest_anchor_is_still_allowed(tmp_path: Path) -> None:
    text = (
        "places:\n  - id: xx/one\n    kind: city\n    country: UA\n    names: &names\n"
        "      - {text: Одне, lang: uk}\n  - id: xx/two\n    kind: city\n    country: UA\n"
        "    names: *names\n"
    )
    assert _problems(tmp_path, text) == []


@pytest.mark.parametrize(
    "tagged", ["!!python/name:os.system village", "!!binary aGVsbG8=", "!custom village"]
)
def test_any_tag_but_plain_data_is_refused_with_its_line(tmp_path: Path, tagged: str) -> None:
    text = f"places:\n  - id: xx/one\n    kind: {tagged}\n    country: UA\n"
    problems = _problems(tmp_path, text)
    tag_problems = [p for p in problems if "YAML tag" in p.message]
    assert len(tag_problems) == 1 and tag_problems[0].line == 3


def test_yaml_1_1_booleans_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "norway.yaml"
    path.write_text(PLACE.format(country="NO", text="yes", lang="no"), encoding="utf-8")
    oslo = toponyms.load(path, bundled=False, use_cache=False, reuse=False)["no/oslo"]
    assert oslo.country == "NO"  # Norway, not False
    assert (oslo.names[0].text, oslo.names[0].lang) == ("yes", "no")  # Norwegian


def test_names_over_the_documented_length_are_refused(tmp_path: Path) -> None:
    from toponyms._schema_names import MAX_NAME_LENGTH

    long_name = "Дуже " * (MAX_NAME_LENGTH // 5 + 1)
    (problem,) = _problems(tmp_path, PLACE.format(country="UA", text=long_name.strip(), lang="uk"))
    assert f"at most {MAX_NAME_LENGTH}" in problem.message and problem.line == 6
