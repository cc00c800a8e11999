"""Judging resolutions against gold links, including names that carry their units in brackets."""

from __future__ import annotations

import pytest

import toponyms
from conftest import requires_full_gazetteer
from toponyms import Matcher
from toponyms.judging import Verdict, judge

pytestmark = requires_full_gazetteer


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(toponyms.load())


def _village_in(matcher: Matcher, raion: str) -> toponyms.Place:
    gazetteer = matcher.gazetteer
    for candidate in gazetteer.lookup("Новоселівка"):
        if raion in {p.id for p in gazetteer.ancestors(candidate.place_id)}:
            return gazetteer[candidate.place_id]
    raise AssertionError(f"no Новоселівка in {raion}")


def test_a_bracketed_raion_must_contain_the_place(matcher: Matcher) -> None:
    gazetteer = matcher.gazetteer
    link = {"name_en": "Novoselivka (Pokrovsk raion)"}
    right = _village_in(matcher, "ua/donetska/pokrovskyi-raion")
    wrong = _village_in(matcher, "ua/donetska/kramatorskyi-raion")
    assert judge(right, link, None, gazetteer, matcher.annotate) is Verdict.RIGHT_BY_NAME
    assert judge(wrong, link, None, gazetteer, matcher.annotate) is Verdict.WRONG


def test_a_note_that_names_no_unit_is_no_test(matcher: Matcher) -> None:
    gazetteer = matcher.gazetteer
    place = _village_in(matcher, "ua/donetska/pokrovskyi-raion")
    link = {"name_en": "Novoselivka (village, near the front)"}
    assert judge(place, link, None, gazetteer, matcher.annotate) is Verdict.RIGHT_BY_NAME


def test_an_unreadable_unit_leaves_the_judgement_open(matcher: Matcher) -> None:
    gazetteer = matcher.gazetteer
    place = _village_in(matcher, "ua/donetska/pokrovskyi-raion")
    link = {"name_en": "Novoselivka (Nowhereland raion)"}
    assert judge(place, link, None, gazetteer, matcher.annotate) is None


def test_a_unit_written_as_a_phrase_is_read_by_the_annotator(matcher: Matcher) -> None:
    gazetteer = matcher.gazetteer
    raion = gazetteer["ua/kharkivska/kupianskyi-raion"]
    # Lookup reads a unit named with its head ("Kupiansk district").
    assert judge(raion, {"name_en": "Kupiansk district"}, None, gazetteer) is Verdict.RIGHT_BY_NAME
    link = {"name_en": "Kupiansk districts"}  # a plural head: the annotator shares it, lookup not
    assert judge(raion, link, None, gazetteer) is Verdict.WRONG
    assert judge(raion, link, None, gazetteer, matcher.annotate) is Verdict.RIGHT_BY_NAME
