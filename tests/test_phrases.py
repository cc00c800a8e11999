"""The phrase stage: administrative phrases as units, heads shared by lists, qualifiers, places
inside names of organisations; and the evidence every mention carries."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

import toponyms
from conftest import requires_full_gazetteer
from toponyms import Matcher
from toponyms.model import EvidenceRule
from toponyms.units import heads, split_unit_name

pytestmark = requires_full_gazetteer


def _table(name: str) -> dict:
    return yaml.safe_load(resources.files("toponyms").joinpath("tables", name).read_text("utf-8"))


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(toponyms.load())


def _mentions(matcher: Matcher, text: str) -> list[toponyms.Mention]:
    mentions = matcher.annotate(text)
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    return mentions


@pytest.mark.parametrize("sample", _table("phrases.yaml")["samples"], ids=lambda s: s["text"])
def test_phrase_table_samples(matcher: Matcher, sample: dict) -> None:
    found = {(m.surface, m.place_id) for m in _mentions(matcher, sample["text"])}
    for surface, place_id in sample["phrases"]:
        assert (surface, place_id) in found


@pytest.mark.parametrize("sample", _table("organisations.yaml")["samples"], ids=lambda s: s["text"])
def test_organisation_table_samples(matcher: Matcher, sample: dict) -> None:
    by_surface = {m.surface: m for m in _mentions(matcher, sample["text"])}
    for surface in sample.get("in_name", []):
        assert by_surface[surface].in_name, surface
    for surface in sample.get("place", []):
        assert not by_surface[surface].in_name, surface


def test_every_head_class_names_kinds_of_units() -> None:
    classes = _table("phrases.yaml")["classes"]
    assert {head.unit_class for head in heads().values()} <= set(classes)


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Миколаївська сільська громада", "uk", ("Миколаївська", "сільська громада")),
        ("Суджанский район", "ru", ("Суджанский", "район")),
        ("Kharkiv Oblast", "en", ("Kharkiv", "Oblast")),
        ("Україна", "uk", None),
    ],
)
def test_unit_names_split_into_modifier_and_head(name: str, lang: str, expected: object) -> None:
    assert split_unit_name(name, lang) == expected


def test_a_qualifier_decides_each_namesake_and_points_at_its_unit(matcher: Matcher) -> None:
    text = "Бої за Новоселівку Покровського району та Новоселівку Краматорського району."
    villages = [m for m in _mentions(matcher, text) if m.surface == "Новоселівку"]
    gazetteer = matcher.gazetteer
    for village, raion in zip(villages, ("pokrovskyi-raion", "kramatorskyi-raion"), strict=True):
        assert f"ua/donetska/{raion}" in {p.id for p in gazetteer.ancestors(village.place_id)}
        evidence = village.evidence
        assert evidence is not None and evidence.rule is EvidenceRule.QUALIFIER
        assert evidence.place_id == f"ua/donetska/{raion}"
        assert evidence.start is not None and evidence.end is not None
        assert text[evidence.start : evidence.end].endswith("району")


def test_a_plural_head_is_shared_by_the_list_before_it(matcher: Matcher) -> None:
    found = {
        m.surface: (m.place_id, m.kind)
        for m in _mentions(matcher, "Alerts sounded in the Kharkiv, Sumy and Poltava regions.")
    }
    assert found == {
        "Kharkiv": ("ua/kharkivska", toponyms.Kind.OBLAST),
        "Sumy": ("ua/sumska", toponyms.Kind.OBLAST),
        "Poltava regions": ("ua/poltavska", toponyms.Kind.OBLAST),
    }


def test_a_singular_english_head_is_not_shared(matcher: Matcher) -> None:
    found = {
        m.surface: m.place_id for m in _mentions(matcher, "Drones hit Kharkiv and the Sumy region.")
    }
    assert found["Kharkiv"] == "ua/kharkivska/kharkiv"
    assert found["Sumy region"] == "ua/sumska"


def test_every_mention_says_why(matcher: Matcher) -> None:
    text = (
        "Росіяни атакували Покровськ, Мирноград і Новоселівку Краматорського району; "
        "у Харківській області пролунали вибухи, а Запоріжжя обстріляли з РСЗВ."
    )
    mentions = _mentions(matcher, text)
    assert len(mentions) >= 6
    assert all(m.evidence is not None and m.evidence.rule in EvidenceRule for m in mentions)
    rules = {m.surface: m.evidence.rule for m in mentions if m.evidence is not None}
    assert rules["Харківській області"] is EvidenceRule.PHRASE
    assert rules["Новоселівку"] is EvidenceRule.QUALIFIER


def test_places_inside_names_can_be_left_out() -> None:
    text = "Рішення Господарського суду м. Києва оскаржать у Харкові."
    gazetteer = toponyms.load()
    every = {m.surface: m.in_name for m in Matcher(gazetteer).annotate(text)}
    assert every == {"Києва": True, "Харкові": False}
    plain = [m.surface for m in Matcher(gazetteer, in_names=False).annotate(text)]
    assert plain == ["Харкові"]


def test_a_hyphenated_name_written_as_one_word_is_found(matcher: Matcher) -> None:
    found = {m.surface: m.place_id for m in _mentions(matcher, "Бої за Гуляй-Поле тривають.")}
    assert found == {"Гуляй-Поле": "ua/zaporizka/huliaipole"}
