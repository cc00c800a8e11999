"""Fuzzy matching: misspellings no table predicts land on their place, other words do not."""

from __future__ import annotations

import pytest

import toponyms
from conftest import requires_full_gazetteer
from toponyms import Matcher, Method
from toponyms.fuzzy import FuzzyIndex, max_edits
from toponyms.matcher import ALL_METHODS


@pytest.fixture(scope="module")
def fuzzy() -> Matcher:
    return Matcher(toponyms.load(), methods=ALL_METHODS)


@pytest.fixture(scope="module")
def default() -> Matcher:
    return Matcher(toponyms.load())


# Misspellings written for this test: a dropped, swapped or stray letter.
MISSPELT = [
    ("Fighting near Pokrovk continues.", "Pokrovk", "ua/donetska/pokrovsk"),
    ("Shelling of Kramatorks overnight.", "Kramatorks", "ua/donetska/kramatorsk"),
    ("Бої біля Покровськь тривають.", "Покровськь", "ua/donetska/pokrovsk"),
    ("Обстрел Славяньска ночью.", "Славяньска", "ua/donetska/sloviansk"),
]


@pytest.mark.parametrize(("text", "surface", "place_id"), MISSPELT, ids=lambda v: str(v)[:25])
def test_misspelt_names_land_with_fuzzy(
    fuzzy: Matcher, default: Matcher, text: str, surface: str, place_id: str
) -> None:
    found = {m.surface: m for m in fuzzy.annotate(text)}
    assert found[surface].place_id == place_id
    assert found[surface].method is Method.FUZZY
    assert 0 < found[surface].score < 0.75  # the fuzzy ceiling, scaled by similarity
    assert text[found[surface].start : found[surface].end] == surface
    assert surface not in {m.surface for m in default.annotate(text)}  # fuzzy is asked for


def test_krasnoarmysk_needs_no_fuzzy_it_meets_under_the_folding_key(default: Matcher) -> None:
    [mention] = default.annotate("The capture of Krasnoarmysk was claimed.")
    assert (mention.place_id, mention.method) == ("ua/donetska/pokrovsk", Method.TRANSLIT)


@pytest.mark.parametrize(
    "text",
    [
        "Russian and Georgian officials met.",  # a demonym is a longer word, not a typo
        "Глава МИД Медведев прибыл.",  # Медведев / Медведеве: another word of the stem
        "Александр прибыл в столицу.",  # Александр / Александрия
        "Ранее сообщалось об этом.",  # sentence-initial: a capital proves nothing
    ],
)
@requires_full_gazetteer
def test_other_words_are_not_misspellings(fuzzy: Matcher, text: str) -> None:
    assert [m.surface for m in fuzzy.annotate(text) if m.method is Method.FUZZY] == []


def test_short_words_and_far_words_find_nothing() -> None:
    index = FuzzyIndex(toponyms.load().index, toponyms.load().places)
    assert index.find("kyev") is None  # below the minimum length
    assert index.find("zzzzzzzz") is None
    assert max_edits("pokrovk") == 1 and max_edits("kramatorskk") == 2
