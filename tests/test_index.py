"""The name index: every rendering of every Cyrillic name reaches its place."""

from __future__ import annotations

import re

import pytest

import toponyms
from toponyms.index import Derivation, NameIndex
from toponyms.model import Kind, Method, Name, NameStatus, Place
from toponyms.text.inflect import inflect
from toponyms.text.normalize import normalize
from toponyms.text.tokenize import index_key
from toponyms.text.translit import schemes

CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def gazetteer() -> toponyms.Gazetteer:
    return toponyms.load()


@pytest.mark.parametrize("scheme", schemes(), ids=lambda s: f"{s.lang}:{s.name}")
def test_every_cyrillic_name_is_found_in_this_scheme(
    gazetteer: toponyms.Gazetteer, scheme: toponyms.Scheme
) -> None:
    """lookup(rendering) returns the place, first unless another place shares the rendering."""
    misses = []
    for place in gazetteer:
        for name in place.names:
            if name.lang != scheme.lang or not CYRILLIC.search(name.text):
                continue
            rendering = toponyms.transliterate(name.text, scheme.name, lang=scheme.lang)
            found = [c.place_id for c in gazetteer.lookup(rendering)]
            key = index_key(normalize(rendering))
            assert key is not None
            # Places that have the rendering as a name, written or generated (Кінне's Конное).
            sharing = {
                e.place_id
                for e in gazetteer.index.find(key[0])
                if e.derivation in (None, Derivation.RUSSIFIED)
            }
            if place.id not in found:
                misses.append(f"{name.text} → {rendering}: {place.id} not among {found}")
            elif len(sharing) == 1 and found[0] != place.id:
                misses.append(f"{name.text} → {rendering}: {place.id} not first in {found}")
    assert misses == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Krasnoarmysk", ["ua/donetska/pokrovsk"]),
        ("Wowtschansk", ["ua/kharkivska/vovchansk"]),
        ("Charkiw", ["ua/kharkivska/kharkiv"]),
        ("Zaporozhye", ["ua/zaporizka/zaporizhzhia", "ua/zaporizka"]),
        ("Saporischschja", ["ua/zaporizka/zaporizhzhia"]),
        ("Artemovsk", ["ua/donetska/bakhmut"]),
        ("Krasnoarmeysk", ["ua/donetska/pokrovsk"]),
        ("Krasnoarmiisk", ["ua/donetska/pokrovsk"]),
        ("Krasnoarmijsk", ["ua/donetska/pokrovsk"]),
        ("Volchansk", ["ua/kharkivska/vovchansk"]),
        ("Kharkov", ["ua/kharkivska/kharkiv"]),
        ("Dnepropetrovsk", ["ua/dnipropetrovska/dnipro"]),
    ],
)
def test_lookup_of_a_spelling_ranks_its_place_first(
    gazetteer: toponyms.Gazetteer, query: str, expected: list[str]
) -> None:
    found = [c.place_id for c in gazetteer.lookup(query)]
    assert found[: len(expected)] == expected


def test_a_region_is_found_under_its_capital_below_the_city(gazetteer: toponyms.Gazetteer) -> None:
    city, oblast = gazetteer.lookup("Харків")[:2]
    assert (city.place_id, oblast.place_id) == ("ua/kharkivska/kharkiv", "ua/kharkivska")
    assert oblast.score < city.score


def test_a_russified_form_is_a_lower_scored_key() -> None:
    place = Place(
        id="ua/donetska/novoselivka",
        kind=Kind.VILLAGE,
        country="UA",
        names=(Name(text="Новоселівка", lang="uk"),),
    )
    index = NameIndex.build([place])
    (entry,) = index.find("новоселовка")
    assert entry.derivation is Derivation.RUSSIFIED
    gazetteer = toponyms.Gazetteer.from_places([place])
    (generated,) = gazetteer.lookup("Новоселовка")
    (official,) = gazetteer.lookup("Новоселівка")
    assert generated.score < official.score


def test_an_attested_russian_name_suppresses_the_russified_one(
    gazetteer: toponyms.Gazetteer,
) -> None:
    # Вовчанськ has the official Russian Волчанск; the rule's Вовчанск must not be invented.
    assert gazetteer.index.find("вовчанск") == ()


def test_translit_entries_name_their_scheme(gazetteer: toponyms.Gazetteer) -> None:
    schemes_of_kharkov = {e.scheme for e in gazetteer.index.find("kharkov")}
    assert schemes_of_kharkov == {"ru:wikipedia"}  # the first scheme of tables/index.yaml
    assert {e.method for e in gazetteer.index.find("kharkov")} == {Method.TRANSLIT}


def test_the_wire_story_paragraph_resolves_every_spelling(gazetteer: toponyms.Gazetteer) -> None:
    text = (
        "The capture of Krasnoarmysk (Pokrovsk) opens the road to the Sloviansk-Kramatorsk "
        "agglomeration, the ministry said, reporting the liberation of Krasnoarmysk and "
        "Volchansk and promising to secure the entire Donbass region."
    )
    mentions = toponyms.Matcher(gazetteer).annotate(text)
    assert [(m.surface, m.place_id) for m in mentions] == [
        ("Krasnoarmysk", "ua/donetska/pokrovsk"),
        ("Pokrovsk", "ua/donetska/pokrovsk"),
        ("Sloviansk", "ua/donetska/sloviansk"),
        ("Kramatorsk", "ua/donetska/kramatorsk"),
        ("Krasnoarmysk", "ua/donetska/pokrovsk"),
        ("Volchansk", "ua/kharkivska/vovchansk"),
        ("Donbass", "ua/donbas"),
    ]
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    volchansk = mentions[5]
    assert (volchansk.method, volchansk.scheme) == (Method.TRANSLIT, "ru:wikipedia")
    assert volchansk.name_status is NameStatus.OFFICIAL


def test_every_generated_case_form_is_in_the_index(gazetteer: toponyms.Gazetteer) -> None:
    """For every Ukrainian and Russian name of the gazetteer, each form `inflect` makes is a key
    that reaches the name's place."""
    missing = []
    for place in gazetteer:
        for name in place.names:
            lang = name.lang.split("-")[0]
            if lang not in ("uk", "ru") or not CYRILLIC.search(name.text):
                continue
            for form in inflect(name.text, lang):
                key = index_key(normalize(form.text))
                if key and place.id not in {e.place_id for e in gazetteer.index.find(key[0])}:
                    missing.append(f"{place.id}: {name.text} → {form.text}")
    assert missing == []
