"""The guards: ordinary words and people's names are not places; cues and lists prove places."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import toponyms
from conftest import TEST_DATA, requires_full_gazetteer
from toponyms import Matcher

CASES: dict[str, Any] = yaml.safe_load((TEST_DATA / "guard_cases.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(toponyms.load())


@requires_full_gazetteer
@pytest.mark.parametrize("lang", sorted(CASES["none"]))
def test_ordinary_text_and_person_names_yield_no_mention(matcher: Matcher, lang: str) -> None:
    text = CASES["none"][lang]
    assert [(m.surface, m.place_id) for m in matcher.annotate(text)] == []


@requires_full_gazetteer
@pytest.mark.parametrize(("text", "surface", "place_id"), CASES["kept"], ids=lambda v: str(v)[:40])
def test_cues_lists_and_head_nouns_keep_the_place(
    matcher: Matcher, text: str, surface: str, place_id: str | None
) -> None:
    found = {m.surface: m.place_id for m in matcher.annotate(text)}
    assert surface in found
    if place_id is not None:
        assert found[surface] == place_id


@requires_full_gazetteer
@pytest.mark.parametrize(
    "text",
    [
        "Глава МИД Сергей Лавров прибыл в Москву.",  # given name + surname (Лавров: a village)
        "Dmitry Peskov declined to comment.",
        "Засідання Харківської обласної ради перенесли.",  # an adjective naming a council
    ],
)
def test_the_person_or_council_part_is_dropped(matcher: Matcher, text: str) -> None:
    surfaces = [m.surface for m in matcher.annotate(text)]
    assert not {"Лавров", "Peskov", "Харківської"} & set(surfaces)


def test_a_village_that_is_a_surname_needs_a_cue(matcher: Matcher) -> None:
    assert [m.surface for m in matcher.annotate("Сергей Медведев выступил.")] == []
    assert [m.surface for m in matcher.annotate("Колонна вошла в Медведево.")] == ["Медведево"]
